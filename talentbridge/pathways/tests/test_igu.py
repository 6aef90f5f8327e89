"""IGU steps: two years of paid work plus school, with a planned end and the school part."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from talentbridge.core.api_auth import issue_token
from talentbridge.pathways import services
from talentbridge.pathways.models import PathwayStep
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import make_employer, person

D = dt.date


class IguServiceTests(BaseTestCase):
    def setUp(self):
        self.candidate = person(self.project, self.ngo)
        self.employer = make_employer(self.project, "Vestjysk Metal A/S")

    def start(self, **kwargs):
        values = {
            "starts_on": D(2025, 3, 3),
            "employer": self.employer,
            "provider": "Aarhus Tech",
            "school_weeks": 20,
        }
        return services.start_step(self.consultant, self.candidate, "igu", **(values | kwargs))

    def test_an_igu_without_an_end_is_planned_for_two_years(self):
        igu = self.start()
        igu.refresh_from_db()
        self.assertEqual(igu.planned_end_on, D(2027, 3, 3))
        self.assertIsNone(igu.ends_on)  # still ongoing: the planned end is not the end
        self.assertTrue(igu.is_current(D(2026, 12, 1)))
        self.assertEqual((igu.provider, igu.school_weeks), ("Aarhus Tech", 20))
        self.assertEqual(igu.follow_ups.count(), 3)
        event = AuditEvent.objects.filter(action="create", object_id=str(igu.pk)).get()
        self.assertEqual(event.detail["planned_end_on"], "2027-03-03")

    def test_29_february_plus_two_years_is_28_february(self):
        self.assertEqual(self.start(starts_on=D(2024, 2, 29)).planned_end_on, D(2026, 2, 28))

    def test_a_given_end_or_planned_end_is_kept(self):
        given = self.start(planned_end_on=D(2026, 9, 1))
        self.assertEqual(given.planned_end_on, D(2026, 9, 1))
        ended = self.start(starts_on=D(2024, 1, 8), ends_on=D(2024, 6, 30), ending="dropped_out")
        self.assertIsNone(ended.planned_end_on)

    def test_other_kinds_get_no_planned_end(self):
        job = services.start_step(
            self.consultant, self.candidate, "job", starts_on=D(2025, 3, 3), employer=self.employer
        )
        self.assertIsNone(job.planned_end_on)

    def test_moving_the_start_moves_the_default_planned_end(self):
        igu = self.start()
        services.update_step(self.consultant, igu, starts_on=D(2025, 4, 1))
        self.assertEqual(igu.planned_end_on, D(2027, 4, 1))
        services.update_step(self.consultant, igu, planned_end_on=D(2026, 12, 31))
        services.update_step(self.consultant, igu, starts_on=D(2025, 5, 1))
        self.assertEqual(igu.planned_end_on, D(2026, 12, 31))  # chosen by hand: kept

    def test_bad_school_weeks_and_planned_end_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.start(school_weeks=105)
        self.assertIn("school_weeks", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            self.start(planned_end_on=D(2025, 1, 1))
        self.assertIn("planned_end_on", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.start_step(
                self.consultant, self.candidate, "job", starts_on=D(2025, 3, 3), school_weeks=4
            )
        self.assertIn("school_weeks", caught.exception.message_dict)
        self.assertFalse(PathwayStep.objects.exists())  # nothing half-written


class IguPageAndApiTests(BaseTestCase):
    def setUp(self):
        self.candidate = person(self.project, self.ngo)
        self.employer = make_employer(self.project, "Vestjysk Metal A/S")

    def test_the_timeline_shows_the_planned_end_and_the_school_part(self):
        self.login(self.consultant)
        url = reverse("pathways:timeline", args=[self.candidate.reference])
        response = self.client.post(
            url,
            {
                "kind": "igu",
                "employer": self.employer.pk,
                "provider": "Herning Sprogskole",
                "school_weeks": "20",
                "starts_on": "2025-03-03",
                "note": "school on Thursdays",
                "ending": "",
            },
        )
        self.assertRedirects(response, url)
        igu = PathwayStep.objects.get(candidate=self.candidate)
        self.assertEqual(igu.planned_end_on, D(2027, 3, 3))
        page = self.client.get(url)
        self.assertContains(page, "igu-parts")
        self.assertContains(page, "Vestjysk Metal A/S")
        self.assertContains(page, "Herning Sprogskole")
        self.assertContains(page, "20")
        self.assertContains(page, "school on Thursdays")
        self.assertContains(page, "2027")  # the planned end, 3 Mar 2027
        bad = self.client.post(
            url, {"kind": "job", "starts_on": "2025-03-03", "school_weeks": "3", "ending": ""}
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("school_weeks", bad.context["form"].errors)

    def test_the_api_sets_and_returns_the_planned_end(self):
        token = issue_token(self.consultant, "t")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        response = self.client.post(
            f"/api/pathways/candidates/{self.candidate.reference}/steps",
            {
                "kind": "igu",
                "starts_on": "2025-03-03",
                "employer_id": self.employer.pk,
                "provider": "Aarhus Tech",
                "school_weeks": 20,
            },
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual(
            (data["planned_end_on"], data["school_weeks"], data["provider"]),
            ("2027-03-03", 20, "Aarhus Tech"),
        )
        bad = self.client.post(
            f"/api/pathways/candidates/{self.candidate.reference}/steps",
            {"kind": "igu", "starts_on": "2025-03-03", "school_weeks": 200},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["detail"][0]["field"], "school_weeks")
        outsider = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(self.outsider, 'o')}"}
        response = self.client.post(
            f"/api/pathways/candidates/{self.candidate.reference}/steps",
            {"kind": "igu", "starts_on": "2025-03-03"},
            content_type="application/json",
            **outsider,
        )
        self.assertEqual(response.status_code, 404)
