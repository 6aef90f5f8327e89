"""Needs and the survey per municipality: pages, API, and the outsider refused everywhere."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from talentbridge.employers.models import MunicipalitySurvey, Need
from talentbridge.employers.services import needs
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import Taxonomy, make_employer

TODAY = timezone.localdate()


class NeedTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.t = Taxonomy()
        cls.employer = make_employer(cls.project, seed=81, organisation=cls.employer_org)
        cls.site = cls.employer.sites.get()

    def make(self, **data):
        data.setdefault("occupation", self.t.welder.uri)
        return needs.create_need(self.consultant, self.site, data)

    def test_a_need_names_an_occupation_or_an_isco_group_and_skills(self):
        need = self.make(skills=[self.t.welding.uri], count=3, urgency="high")
        assert (need.project, need.surveyed_on, need.count) == (self.project, TODAY, 3)
        assert list(need.skills.all()) == [self.t.welding]
        group = needs.create_need(self.consultant, self.site, {"occupation": "7212"})
        assert group.occupation == self.t.welder_group
        assert AuditEvent.objects.filter(object_type="employers.need", action="create").count() == 2

    def test_a_need_says_what_is_lacking(self):
        with self.assertRaises(ValidationError) as info:
            needs.create_need(self.consultant, self.site, {"count": 2})
        assert "occupation" in info.exception.message_dict
        with self.assertRaises(ValidationError):
            self.make(count=0)

    def test_employer_users_and_the_outsider_do_not_record_needs(self):
        for user in (self.employer_user, self.outsider):
            with self.assertRaises(Http404):
                needs.create_need(user, self.site, {"occupation": self.t.welder.uri})
        need = self.make()
        with self.assertRaises(Http404):
            needs.update_need(self.outsider, need, {"count": 9})

    def test_the_pages_record_confirm_and_close_a_need(self):
        self.login(self.consultant)
        r = self.client.post(
            f"/employers/{self.employer.pk}/needs/new/",
            {
                "site": self.site.pk,
                "project": self.project.pk,
                "title": "Svejsere til nyt værk",
                "count": 2,
                "urgency": "high",
                "surveyed_on": (TODAY - dt.timedelta(days=300)).isoformat(),
                "active": "on",
                "occupation": self.t.welder.uri,
                "skills": self.t.welding.uri,
                "add_skill": self.t.safety.uri,
            },
        )
        self.assertRedirects(r, f"/employers/{self.employer.pk}/")
        need = Need.objects.get()
        assert {s.uri for s in need.skills.all()} == {self.t.welding.uri, self.t.safety.uri}
        self.assertContains(self.client.get(f"/employers/{self.employer.pk}/"), "forældet")
        self.client.post(f"/employers/needs/{need.pk}/confirm/", {"next_page": "needs"})
        need.refresh_from_db()
        assert need.surveyed_on == TODAY
        self.client.post(f"/employers/needs/{need.pk}/close/")
        need.refresh_from_db()
        assert not need.active

    def test_the_survey_page_records_a_survey(self):
        self.login(self.consultant)
        r = self.client.post(
            "/employers/surveys/new/",
            {
                "project": self.project.pk,
                "municipality": "0657",
                "surveyed_on": TODAY.isoformat(),
                "note": "Erhvervsmøde",
            },
        )
        self.assertRedirects(r, "/employers/needs/")
        assert MunicipalitySurvey.objects.get().kind == "survey"

    def test_the_api_records_and_confirms(self):
        self.login(self.consultant)
        r = self.client.post(
            f"/api/employers/sites/{self.site.pk}/needs",
            {
                "occupation": self.t.cleaner.uri,
                "skills": [self.t.hygiene.uri],
                "count": 4,
                "surveyed_on": "2025-01-01",
            },
            content_type="application/json",
        )
        assert (
            r.status_code == 201 and r.json()["stale"] is True and r.json()["isco_code"] == "9112"
        )
        need_id = r.json()["id"]
        assert self.client.post(f"/api/employers/needs/{need_id}/confirm").json()["stale"] is False
        r = self.client.patch(
            f"/api/employers/needs/{need_id}", {"count": 5}, content_type="application/json"
        )
        assert r.json()["count"] == 5
        r = self.client.post(
            "/api/employers/surveys", {"municipality": "Herning"}, content_type="application/json"
        )
        assert r.status_code == 201 and r.json()["kind"] == "survey"

    def test_the_outsider_gets_404_on_every_page_and_endpoint(self):
        need = self.make()
        self.login(self.outsider)
        for url in (
            f"/employers/{self.employer.pk}/needs/new/",
            f"/employers/needs/{need.pk}/",
            "/employers/needs/",
            "/employers/surveys/new/",
            "/api/employers/needs",
            "/api/employers/demand/regions",
        ):
            assert self.client.get(url).status_code == 404, url
        for url in (
            f"/employers/needs/{need.pk}/confirm/",
            f"/employers/needs/{need.pk}/close/",
            f"/api/employers/needs/{need.pk}/confirm",
        ):
            assert self.client.post(url).status_code == 404, url
        r = self.client.post(
            f"/api/employers/sites/{self.site.pk}/needs",
            {"title": "x"},
            content_type="application/json",
        )
        assert r.status_code == 404
        r = self.client.patch(
            f"/api/employers/needs/{need.pk}", {"count": 9}, content_type="application/json"
        )
        assert r.status_code == 404
        r = self.client.post(
            "/api/employers/surveys", {"municipality": "Herning"}, content_type="application/json"
        )
        assert r.status_code == 404
        need.refresh_from_db()
        assert need.count == 1 and need.active


class ChoiceLabelTests(BaseTestCase):
    """The opening form lists sites and needs from plain rows; the labels match ``__str__``."""

    def test_site_and_need_choices_read_as_the_models_do(self):
        from talentbridge.employers.forms import NeedChoiceField, SiteChoiceField
        from talentbridge.employers.models import Site

        t = Taxonomy()
        site = make_employer(self.project, seed=82).sites.get()
        with_occupation = needs.create_need(self.consultant, site, {"occupation": t.welder.uri})
        with_title = needs.create_need(
            self.consultant, site, {"occupation": t.welder.uri, "title": "Svejsere til værftet"}
        )
        sites = SiteChoiceField(queryset=Site.objects.filter(pk=site.pk))
        assert [label for _, label in sites.choices][1:] == [str(site)]
        need_field = NeedChoiceField(
            queryset=Need.objects.filter(pk__in=[with_occupation.pk, with_title.pk]).order_by("pk")
        )
        labels = [label for _, label in need_field.choices][1:]
        assert labels == [str(with_occupation), str(with_title)]
        assert need_field.clean(str(with_title.pk)) == with_title
