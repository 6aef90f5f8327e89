from talentbridge.core.api_auth import issue_token
from talentbridge.reports.models import Target
from talentbridge.test import BaseTestCase

from . import scenario


class ReportsApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        scenario.build(cls.p)

    def get(self, user, path, **params):
        token = issue_token(user, "test")
        return self.client.get(f"/api/reports{path}", params, HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_the_figures_and_their_definitions(self):
        response = self.get(self.manager, "/figures")
        self.assertEqual(response.status_code, 200)
        keys = [f["key"] for f in response.json()]
        self.assertIn("companies_hosting", keys)
        self.assertTrue(all(f["definition_da"] and f["definition_en"] for f in response.json()))

    def test_the_programme_report(self):
        data = self.get(
            self.manager, "/programme", start="2025-01-01", end="2025-12-31", project="alpha"
        ).json()
        self.assertEqual(data["figures"]["participants"], 6)
        self.assertEqual(data["figures"]["hired"], 1)
        self.assertFalse(data["suppressed"])
        hidden = self.get(
            self.manager,
            "/programme",
            start="2025-01-01",
            end="2025-12-31",
            project="alpha",
            suppress=True,
        )
        self.assertEqual(hidden.json()["figures"]["hired"], "<5")
        programme = self.get(
            self.manager, "/programme", start="2025-01-01", end="2025-12-31"
        ).json()
        self.assertTrue(programme["suppressed"])  # includes another partner's project
        self.assertEqual(programme["projects"], ["alpha", "beta"])

    def test_outsiders_get_404(self):
        for user in (self.outsider, self.assessor, self.employer_user):
            for path in ("/figures", "/programme", "/export", "/targets"):
                self.assertEqual(self.get(user, path).status_code, 404, (user, path))

    def test_the_export(self):
        response = self.get(self.manager, "/export", format="csv", project="alpha")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response["Content-Type"])
        self.assertEqual(self.get(self.manager, "/export", format="exe").status_code, 404)

    def test_targets(self):
        token = issue_token(self.manager, "t")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        response = self.client.post(
            "/api/reports/targets",
            {"project": "alpha", "figure": "employed", "value": "1/3", "of_figure": "participants"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertAlmostEqual(response.json()["value"], 0.3333)
        bad = self.client.post(
            "/api/reports/targets",
            {"project": "alpha", "figure": "nonsense", "value": "3"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["detail"][0]["field"], "figure")
        beta = self.client.post(
            "/api/reports/targets",
            {"project": "beta", "figure": "hired", "value": "3"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(
            beta.status_code, 404
        )  # the manager sees beta's figures but sets only alpha's targets
        target = Target.objects.get(project=self.project, figure="employed")
        outsider = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(self.outsider, 'o')}"}
        self.assertEqual(
            self.client.delete(f"/api/reports/targets/{target.pk}", **outsider).status_code, 404
        )
        self.assertEqual(
            self.client.delete(f"/api/reports/targets/{target.pk}", **auth).status_code, 204
        )
        self.assertFalse(Target.objects.filter(pk=target.pk).exists())
