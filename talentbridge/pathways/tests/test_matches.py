"""A person presented to an employer counts as matched. pipeline.Match is built by another app;
here a stand-in table with the same columns plays its part."""

import datetime as dt
from unittest import mock

from django.db import connection

from talentbridge.pathways import cache, milestones
from talentbridge.pathways.milestones import Period
from talentbridge.pathways.status import status_of
from talentbridge.reports import queries
from talentbridge.test import BaseTestCase

from .helpers import assess, person

D = dt.date
SOURCE = ("tb_test_match", "candidate_id", "status", "updated_at")


class MatchSourceTests(BaseTestCase):
    def setUp(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE tb_test_match (id INTEGER PRIMARY KEY, candidate_id BIGINT, status VARCHAR(20), "
                "updated_at TIMESTAMP WITH TIME ZONE)"
                if connection.vendor == "postgresql"
                else "CREATE TABLE tb_test_match (id INTEGER PRIMARY KEY, candidate_id BIGINT, status VARCHAR(20), "
                "updated_at DATETIME)"
            )
        self.patch = mock.patch.object(milestones, "match_source", return_value=SOURCE)
        self.patch.start()

    def tearDown(self):
        self.patch.stop()

    def add_match(self, pk, candidate, status, when):
        from django.db import connection as c

        value = c.ops.adapt_datetimefield_value(
            dt.datetime.combine(when, dt.time(12), tzinfo=dt.UTC)
        )
        with c.cursor() as cursor:
            cursor.execute(
                "INSERT INTO tb_test_match (id, candidate_id, status, updated_at) VALUES (%s, %s, %s, %s)",
                [pk, candidate.pk, status, value],
            )

    def test_presented_interview_and_accepted_count_suggested_does_not(self):
        a = person(self.project, self.ngo)
        b = person(self.project, self.ngo)
        c = person(self.project, self.ngo)
        for x in (a, b, c):
            assess(x, D(2025, 1, 10))
        self.add_match(1, a, "presented", D(2025, 2, 1))
        self.add_match(2, a, "interview", D(2025, 3, 1))  # a matched twice: counts once
        self.add_match(3, b, "suggested", D(2025, 2, 1))
        self.add_match(4, c, "accepted", D(2026, 2, 1))  # after the period
        self.assertEqual(status_of(a, D(2025, 6, 1)).code, "matched")
        self.assertEqual(status_of(b, D(2025, 6, 1)).code, "assessed")
        period = Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        figures = queries.compute([self.project.pk], period)
        self.assertEqual(figures.value("matched"), 1)
        self.assertEqual(figures.funnel["all"][""]["matched"], 1)
        # The cached milestones notice the matches (added behind their back) and agree.
        cached = queries.compute([self.project.pk], Period(end=D(2025, 12, 31)))
        records = queries.compute([self.project.pk], Period(end=D(2025, 12, 31)), use_cache=False)
        self.assertEqual(cached.persons, records.persons)
        self.assertEqual(cached.value("matched"), 1)


class FreshnessCheckTests(BaseTestCase):
    """On PostgreSQL the row counts are skipped while nothing changed since the last check."""

    def test_the_check_is_skipped_until_a_table_changes(self):
        if connection.vendor != "postgresql":
            self.skipTest("change counters exist on PostgreSQL only")
        from talentbridge.pathways.models import Milestones, PathwayStep

        c = person(self.project, self.ngo)
        cache._VERIFIED.clear()
        with self.captureOnCommitCallbacks(execute=True):
            cache.ensure_fresh()
        with (
            mock.patch.object(cache, "refresh") as refresh,
            self.captureOnCommitCallbacks(execute=True),
        ):
            with self.assertNumQueries(1):  # the counters only: nothing moved, nothing counted
                self.assertFalse(cache.ensure_fresh())
            PathwayStep.objects.bulk_create(
                [PathwayStep(candidate=c, project=c.project, kind="job", starts_on=D(2025, 1, 1))]
            )
            self.assertTrue(
                cache.ensure_fresh()
            )  # the insert moved a counter: counted, found, refreshed
            refresh.assert_called_once()
        cache.refresh()
        self.assertEqual(Milestones.objects.get(candidate=c).job_on, D(2025, 1, 1))
