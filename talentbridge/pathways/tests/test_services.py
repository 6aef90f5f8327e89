import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404

from talentbridge.pathways import services
from talentbridge.pathways.models import FollowUp, PathwayStep, add_months
from talentbridge.pathways.status import Status, status_of, statuses
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import assess, make_employer, person, step

D = dt.date


class FakeMatch:
    def __init__(self, pk):
        self.pk = pk


class StartStepTests(BaseTestCase):
    def setUp(self):
        self.candidate = person(self.project, self.ngo)
        self.employer = make_employer(self.project)

    def test_it_starts_a_step_with_follow_ups_at_3_6_and_12_months(self):
        step_ = services.start_step(
            self.consultant,
            self.candidate,
            "internship",
            starts_on=D(2026, 1, 31),
            employer=self.employer,
            hours_per_week=20,
        )
        self.assertEqual(step_.project, self.project)
        due = list(step_.follow_ups.order_by("months").values_list("months", "due_on"))
        self.assertEqual(due, [(3, D(2026, 4, 30)), (6, D(2026, 7, 31)), (12, D(2027, 1, 31))])
        self.assertTrue(
            AuditEvent.objects.filter(
                action="create",
                object_type="pathways.pathwaystep",
                subject_ref=self.candidate.reference,
            ).exists()
        )

    def test_danish_lessons_get_no_follow_ups(self):
        step_ = services.start_step(
            self.assessor, self.candidate, "danish_lessons", starts_on=D(2026, 1, 5)
        )
        self.assertEqual(step_.follow_ups.count(), 0)

    def test_a_match_starts_one_step_however_often_it_is_accepted(self):
        first = services.start_step(
            self.consultant, self.candidate, "job", starts_on=D(2026, 2, 1), match=FakeMatch(77)
        )
        again = services.start_step(
            self.consultant, self.candidate, "job", starts_on=D(2026, 3, 1), match=FakeMatch(77)
        )
        self.assertEqual(first.pk, again.pk)
        self.assertEqual(PathwayStep.objects.filter(source_match_id=77).count(), 1)

    def test_the_outsider_and_the_employer_user_cannot_start_a_step(self):
        for user in (self.outsider, self.employer_user, self.placement_officer):
            with self.assertRaises(Http404):
                services.start_step(user, self.candidate, "job", starts_on=D(2026, 2, 1))
        self.assertFalse(PathwayStep.objects.exists())

    def test_it_refuses_an_end_before_the_start(self):
        with self.assertRaises(ValidationError) as caught:
            services.start_step(
                self.assessor, self.candidate, "job", starts_on=D(2026, 2, 1), ends_on=D(2026, 1, 1)
            )
        self.assertIn("ends_on", caught.exception.message_dict)

    def test_moving_the_start_moves_open_follow_ups(self):
        step_ = services.start_step(self.assessor, self.candidate, "job", starts_on=D(2026, 2, 1))
        services.update_step(self.assessor, step_, starts_on=D(2026, 3, 1))
        self.assertEqual(step_.follow_ups.get(months=3).due_on, D(2026, 6, 1))

    def test_it_records_an_outcome(self):
        step_ = services.start_step(
            self.assessor, self.candidate, "internship", starts_on=D(2025, 1, 1)
        )
        follow_up = step_.follow_ups.get(months=3)
        services.record_outcome(
            self.assessor, follow_up, outcome="employed", done_on=D(2025, 4, 2), hours_per_week=30
        )
        follow_up.refresh_from_db()
        self.assertEqual((follow_up.outcome, follow_up.hours_per_week), ("employed", 30))
        with self.assertRaises(ValidationError):
            services.record_outcome(
                self.assessor,
                follow_up,
                outcome="unemployed",
                hours_per_week=10,
                done_on=D(2025, 4, 2),
            )
        with self.assertRaises(Http404):
            services.record_outcome(
                self.outsider, follow_up, outcome="employed", done_on=D(2025, 4, 2)
            )


def test_add_months_clamps_to_the_month_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert add_months(D(2026, 12, 31), 12) == D(2027, 12, 31)


class StatusTests(BaseTestCase):
    def test_the_status_follows_the_records(self):
        c = person(self.project, self.ngo, registered=D(2025, 1, 1))
        self.assertEqual(status_of(c, D(2025, 6, 1)).code, Status.REGISTERED)
        assess(c, D(2025, 2, 1))
        self.assertEqual(status_of(c, D(2025, 1, 15)).code, Status.REGISTERED)
        self.assertEqual(status_of(c, D(2025, 6, 1)).code, Status.ASSESSED)
        step(c, "internship", D(2025, 3, 1), D(2025, 5, 31), source_match_id=5)
        self.assertEqual(status_of(c, D(2025, 3, 1)).code, Status.IN_PATHWAY)
        step(c, "danish_lessons", D(2025, 2, 10))
        job = step(c, "job", D(2025, 6, 1))
        got = status_of(c, D(2025, 7, 1))
        self.assertEqual((got.code, got.since), (Status.EMPLOYED, D(2025, 6, 1)))
        step(c, "apprenticeship", D(2025, 9, 1))
        self.assertEqual(status_of(c, D(2025, 10, 1)).code, Status.IN_EDUCATION)
        self.assertEqual(status_of(c, D(2025, 8, 1)).code, Status.EMPLOYED)
        job.delete()

    def test_a_follow_up_can_show_employment_and_left_needs_a_reason(self):
        c = person(self.project, self.ngo, registered=D(2025, 1, 1))
        s = step(c, "internship", D(2025, 1, 10))
        self.assertEqual(status_of(c, D(2025, 2, 1)).code, Status.IN_PATHWAY)
        c.left_on, c.left_reason = D(2025, 3, 1), "moved to Sweden"
        c.save()
        got = status_of(c, D(2025, 3, 2))
        self.assertEqual((got.code, got.reason), (Status.LEFT, "moved to Sweden"))
        FollowUp.objects.filter(step=s, months=3).update(outcome="employed", done_on=D(2025, 4, 10))
        self.assertEqual(status_of(c, D(2025, 5, 1)).code, Status.EMPLOYED)

    def test_statuses_of_many_in_one_go(self):
        a = person(self.project, self.ngo)
        b = person(self.project, self.ngo)
        step(b, "igu", D(2025, 1, 1))
        got = statuses([a.pk, b.pk], D(2026, 1, 1))
        self.assertEqual(
            {a.pk: got[a.pk].code, b.pk: got[b.pk].code}, {a.pk: "registered", b.pk: "employed"}
        )
