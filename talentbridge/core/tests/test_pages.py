from django.urls import reverse

from talentbridge.test import BaseTestCase


class PageTests(BaseTestCase):
    def test_pages_need_login(self):
        response = self.client.get(reverse("core:home"))
        self.assertEqual(response.status_code, 302)

    def test_every_response_forbids_foreign_scripts(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("http", response["Content-Security-Policy"])

    def test_the_default_language_is_danish_and_english_is_available(self):
        self.login(self.assessor)
        response = self.client.get(reverse("core:home"))
        self.assertContains(response, 'lang="da"')
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertContains(self.client.get(reverse("core:home")), 'lang="en"')

    def test_the_health_check_answers(self):
        self.assertEqual(self.client.get(reverse("core:health")).json(), {"status": "ok"})
