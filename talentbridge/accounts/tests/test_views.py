from django.urls import reverse

from talentbridge.accounts.models import ApiToken
from talentbridge.core.api_auth import issue_token
from talentbridge.test import PASSWORD, BaseTestCase


class LoginTests(BaseTestCase):
    def test_it_logs_in_and_out(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "assessor", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("core:home"))
        response = self.client.get(reverse("core:home"))
        self.assertContains(response, "Talent Alpha")
        self.assertNotContains(response, "Talent Beta")
        self.client.post(reverse("accounts:logout"))
        self.assertRedirects(
            self.client.get(reverse("core:home")), reverse("accounts:login") + "?next=/"
        )

    def test_it_refuses_a_wrong_password(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "assessor", "password": "nope"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.wsgi_request.user.is_authenticated)

    def test_it_changes_the_password(self):
        self.login(self.assessor)
        response = self.client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "a-new-long-secret-9",
                "new_password2": "a-new-long-secret-9",
            },
        )
        self.assertRedirects(response, reverse("accounts:password_change_done"))
        self.assessor.refresh_from_db()
        self.assertTrue(self.assessor.check_password("a-new-long-secret-9"))

    def test_the_profile_issues_a_token_shown_once(self):
        self.login(self.assessor)
        response = self.client.post(reverse("accounts:profile"), {"name": "laptop"})
        token = response.context["new_token"]
        self.assertTrue(token.startswith("tb_"))
        stored = ApiToken.objects.get(user=self.assessor)
        self.assertNotEqual(stored.token_hash, token)

    def test_the_admin_is_for_administrators_only(self):
        self.login(self.assessor)
        self.assertEqual(self.client.get("/admin/").status_code, 302)
        self.login(self.admin)
        self.assertEqual(self.client.get("/admin/").status_code, 200)


class ApiAuthTests(BaseTestCase):
    def test_me_needs_authentication(self):
        self.assertEqual(self.client.get("/api/accounts/me").status_code, 401)

    def test_me_with_a_bearer_token_shows_only_own_projects(self):
        token = issue_token(self.outsider, "script")
        response = self.client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["projects"], ["beta"])

    def test_a_wrong_token_is_refused(self):
        response = self.client.get("/api/accounts/me", HTTP_AUTHORIZATION="Bearer tb_wrong")
        self.assertEqual(response.status_code, 401)

    def test_the_openapi_document_is_served(self):
        response = self.client.get("/api/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["info"]["title"], "Talentbridge API")
