from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.core.api_auth import issue_token
from talentbridge.municipalities.models import Quota
from talentbridge.test import BaseTestCase

CSV = b"year,municipality_code,quota\n2027,0751,40\n2027,0657,12\n"


class MunicipalityViewTests(BaseTestCase):
    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.client.get(reverse("municipalities:index")).status_code, 302)
        self.assertEqual(self.client.get("/api/municipalities/").status_code, 401)

    def test_it_lists_the_municipalities_with_quotas(self):
        Quota.objects.create(
            year=2027, municipality_id=self.municipality_org.municipality_id, quota=40
        )
        self.login(self.caseworker)
        response = self.client.get(reverse("municipalities:index"))
        self.assertContains(response, "Aarhus")
        self.assertContains(response, '<td class="num">40</td>', html=False)
        self.assertFalse(response.context["can_import"])

    def test_a_placement_officer_imports_quotas(self):
        self.login(self.placement_officer)
        upload = SimpleUploadedFile("q.csv", CSV, content_type="text/csv")
        response = self.client.post(reverse("municipalities:import_quotas"), {"file": upload})
        self.assertRedirects(response, reverse("municipalities:index"))
        self.assertEqual(Quota.objects.filter(year=2027).count(), 2)

    def test_an_outsider_cannot_import_quotas(self):
        self.login(self.outsider)
        upload = SimpleUploadedFile("q.csv", CSV, content_type="text/csv")
        self.assertEqual(
            self.client.post(reverse("municipalities:import_quotas"), {"file": upload}).status_code,
            404,
        )
        self.assertEqual(Quota.objects.count(), 0)

    def test_a_bad_file_is_reported_and_nothing_imported(self):
        self.login(self.placement_officer)
        upload = SimpleUploadedFile(
            "q.csv", b"year,municipality_code,quota\n2027,0751,40\n2027,1234,3\n"
        )
        response = self.client.post(
            reverse("municipalities:import_quotas"), {"file": upload}, follow=True
        )
        self.assertContains(response, "line 3, municipality_code")
        self.assertEqual(Quota.objects.count(), 0)


class MunicipalityApiTests(BaseTestCase):
    def test_it_lists_98_municipalities(self):
        token = issue_token(self.assessor, "t")
        response = self.client.get("/api/municipalities/", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(len(response.json()), 98)

    def test_quota_import_names_the_problem(self):
        token = issue_token(self.placement_officer, "t")
        upload = SimpleUploadedFile("q.csv", b"municipality_code,quota\n0751,x\n")
        response = self.client.post(
            "/api/municipalities/quotas/import",
            {"file": upload, "year": 2027},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("line 2, quota", response.json()["detail"][0]["message"])
        ok = SimpleUploadedFile("q.csv", CSV)
        response = self.client.post(
            "/api/municipalities/quotas/import", {"file": ok}, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        self.assertEqual(response.json(), {"created": 2, "updated": 0})
        self.assertEqual(
            self.client.get(
                "/api/municipalities/quotas/2027", HTTP_AUTHORIZATION=f"Bearer {token}"
            ).json()[0]["quota"],
            12,
        )

    def test_an_outsider_cannot_import_through_the_api(self):
        token = issue_token(self.outsider, "t")
        response = self.client.post(
            "/api/municipalities/quotas/import",
            {"file": SimpleUploadedFile("q.csv", CSV)},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        self.assertEqual(response.status_code, 404)
