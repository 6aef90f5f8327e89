import datetime as dt

from talentbridge.core.api_auth import issue_token
from talentbridge.pathways.models import Mentor, PathwayStep
from talentbridge.test import BaseTestCase

from .helpers import make_employer, person, step

D = dt.date


class PathwaysApiTests(BaseTestCase):
    def setUp(self):
        self.candidate = person(self.project, self.ngo)
        self.employer = make_employer(self.project)

    def call(self, user, method, path, data=None):
        token = issue_token(user, "t")
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(self.client, method)(f"/api/pathways{path}", **kwargs)

    def test_a_step_is_started_read_and_ended(self):
        response = self.call(
            self.consultant,
            "post",
            f"/candidates/{self.candidate.reference}/steps",
            {
                "kind": "internship",
                "starts_on": "2025-02-03",
                "employer_id": self.employer.pk,
                "municipality": "751",
                "hours_per_week": "22.5",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual([f["months"] for f in body["follow_ups"]], [3, 6, 12])
        self.assertEqual((body["municipality"], body["hours_per_week"]), ("0751", 22.5))
        timeline = self.call(self.assessor, "get", f"/candidates/{self.candidate.reference}").json()
        self.assertEqual(timeline["status"]["code"], "in_pathway")
        patched = self.call(
            self.assessor,
            "patch",
            f"/steps/{body['id']}",
            {"ends_on": "2025-05-02", "ending": "hired"},
        )
        self.assertEqual(patched.json()["ending"], "hired")
        bad = self.call(self.assessor, "patch", f"/steps/{body['id']}", {"ends_on": "2024-01-01"})
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["detail"][0]["field"], "ends_on")
        follow_up = body["follow_ups"][0]["id"]
        outcome = self.call(
            self.assessor,
            "post",
            f"/follow-ups/{follow_up}/outcome",
            {"outcome": "employed", "done_on": "2025-05-05", "hours_per_week": 37},
        )
        self.assertEqual(outcome.json()["outcome"], "employed")
        self.assertEqual(
            self.call(self.assessor, "get", f"/candidates/{self.candidate.reference}").json()[
                "status"
            ]["code"],
            "employed",
        )
        self.assertEqual(
            self.call(self.assessor, "delete", f"/steps/{body['id']}").status_code, 204
        )

    def test_outsiders_get_404(self):
        s = step(self.candidate, "job", D(2025, 1, 6))
        mentor = Mentor.objects.create(project=self.project, name="M", kind="volunteer")
        for user in (self.outsider, self.employer_user):
            self.assertEqual(
                self.call(user, "get", f"/candidates/{self.candidate.reference}").status_code, 404
            )
            self.assertEqual(
                self.call(
                    user,
                    "post",
                    f"/candidates/{self.candidate.reference}/steps",
                    {"kind": "job", "starts_on": "2025-01-01"},
                ).status_code,
                404,
            )
            self.assertEqual(
                self.call(user, "patch", f"/steps/{s.pk}", {"note": "x"}).status_code, 404
            )
            self.assertEqual(self.call(user, "delete", f"/steps/{s.pk}").status_code, 404)
            f = s.follow_ups.first().pk
            self.assertEqual(
                self.call(
                    user, "post", f"/follow-ups/{f}/outcome", {"outcome": "employed"}
                ).status_code,
                404,
            )
            self.assertEqual(
                self.call(user, "get", f"/mentors/{mentor.pk}/meetings").status_code, 404
            )
            self.assertEqual(
                self.call(
                    user,
                    "post",
                    f"/mentors/{mentor.pk}/candidates",
                    {"candidate": self.candidate.reference},
                ).status_code,
                404,
            )
            self.assertEqual(self.call(user, "get", "/outcomes").status_code, 404)
            self.assertEqual(self.call(user, "get", "/follow-ups/due").json(), [])
        self.assertTrue(PathwayStep.objects.filter(pk=s.pk).exists())

    def test_an_employer_of_another_project_is_refused(self):
        other = make_employer(self.other_project, "Other A/S")
        response = self.call(
            self.assessor,
            "post",
            f"/candidates/{self.candidate.reference}/steps",
            {"kind": "job", "starts_on": "2025-01-01", "employer_id": other.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["detail"][0]["field"], "employer_id")

    def test_mentors(self):
        created = self.call(
            self.consultant,
            "post",
            "/mentors",
            {
                "project": "alpha",
                "name": "Lise",
                "kind": "workplace",
                "employer_id": self.employer.pk,
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        mentor_id = created.json()["id"]
        self.assertEqual(
            self.call(
                self.consultant,
                "post",
                f"/mentors/{mentor_id}/candidates",
                {"candidate": self.candidate.reference},
            ).status_code,
            204,
        )
        meeting = self.call(
            self.consultant,
            "post",
            f"/mentors/{mentor_id}/meetings",
            {"candidate": self.candidate.reference, "date": "2025-03-01", "note": "ok"},
        )
        self.assertEqual(meeting.status_code, 201)
        self.assertEqual(
            len(self.call(self.assessor, "get", f"/mentors/{mentor_id}/meetings").json()), 1
        )
        self.assertEqual(
            self.call(
                self.outsider,
                "post",
                "/mentors",
                {"project": "alpha", "name": "X", "kind": "volunteer"},
            ).status_code,
            404,
        )

    def test_outcomes_for_the_placement_officer(self):
        s = step(self.candidate, "internship", D(2025, 1, 6))
        f = s.follow_ups.get(months=3)
        f.outcome, f.done_on = "employed", D(2025, 4, 7)
        f.save()
        rows = self.call(self.placement_officer, "get", "/outcomes").json()
        self.assertEqual(
            [(r["reference"], r["months"], r["employed"]) for r in rows],
            [(self.candidate.reference, 3, True)],
        )

    def test_the_openapi_document_lists_the_endpoints(self):
        schema = self.client.get("/api/openapi.json").json()
        self.assertIn("/api/pathways/candidates/{reference}/steps", schema["paths"])
        self.assertIn("/api/reports/programme", schema["paths"])

    def test_follow_ups_due_are_paged_and_the_page_is_audited(self):
        from talentbridge.privacy.models import AuditEvent

        today = dt.date.today()
        others = [person(self.project, self.ngo) for _ in range(2)]
        for candidate in others:
            step(candidate, "internship", today - dt.timedelta(days=100))
        every = self.call(self.assessor, "get", "/follow-ups/due").json()
        before = AuditEvent.objects.filter(detail__view="follow-ups due").count()
        first = self.call(self.assessor, "get", "/follow-ups/due?limit=1").json()
        rest = self.call(self.assessor, "get", "/follow-ups/due?limit=1&offset=1").json()
        self.assertEqual(len(every), 2)
        self.assertEqual(first + rest, every)
        after = AuditEvent.objects.filter(detail__view="follow-ups due").count()
        self.assertEqual(after - before, 2)
