"""Openings: creation with skills, the lifecycle, employer scoping, the suggest form and the API."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404

from talentbridge.employers.models import Opening
from talentbridge.employers.services import openings
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import Taxonomy, make_employer


class OpeningFixture(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.t = Taxonomy()
        cls.metal = make_employer(
            cls.project, "Vestjysk Metal A/S", seed=41, organisation=cls.employer_org
        )
        cls.cleaning = make_employer(
            cls.project,
            "Aarhus Rengøring ApS",
            seed=42,
            organisation=cls.other_employer_org,
            municipality="0751",
        )
        cls.site = cls.metal.sites.get()

    def make(self, user=None, site=None, **data):
        data.setdefault("kind", "internship")
        data.setdefault("title", "Svejser i praktik")
        return openings.create_opening(user or self.consultant, site or self.site, data)


class OpeningServiceTests(OpeningFixture):
    def test_a_consultant_creates_an_opening_with_essential_and_optional_skills(self):
        t = self.t
        o = self.make(
            occupation=t.welder.uri,
            essential_skills=[t.welding.uri, t.safety.uri],
            optional_skills=[t.forklift.uri, t.welding.uri],
            capacity=2,
            danish_min="A2",
            driving_licence="b",
        )
        assert (o.project, o.status, o.capacity, o.driving_licence) == (
            self.project,
            "draft",
            2,
            "B",
        )
        essential, optional = openings.skills_of(o)
        assert {c.uri for c in essential} == {t.welding.uri, t.safety.uri}
        assert [c.uri for c in optional] == [t.forklift.uri]
        assert (
            AuditEvent.objects.filter(object_type="employers.opening", action="create").count() == 1
        )

    def test_the_lifecycle_is_draft_open_filled_closed(self):
        o = self.make()
        with self.assertRaises(ValidationError):
            openings.move_opening(self.consultant, o, "filled")
        for status in ("open", "filled", "open", "filled", "closed"):
            o = openings.move_opening(self.consultant, o, status)
            assert o.status == status
        with self.assertRaises(ValidationError):
            openings.move_opening(self.consultant, o, "open")

    def test_an_end_before_the_start_is_refused(self):
        with self.assertRaises(ValidationError) as info:
            self.make(starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 2, 1))
        assert "ends_on" in info.exception.message_dict

    def test_an_unknown_skill_or_a_skill_as_occupation_is_refused(self):
        with self.assertRaises(ValidationError) as info:
            self.make(essential_skills=["http://data.europa.eu/esco/skill/nope"])
        assert "essential_skills" in info.exception.message_dict
        with self.assertRaises(ValidationError) as info:
            self.make(occupation=self.t.welding.uri)
        assert "occupation" in info.exception.message_dict

    def test_update_replaces_the_skills_given_and_keeps_the_others(self):
        t = self.t
        o = self.make(essential_skills=[t.welding.uri], optional_skills=[t.forklift.uri])
        changes = openings.update_opening(
            self.consultant, o, {"essential_skills": [t.safety.uri], "capacity": 3}
        )
        assert changes["capacity"] == (1, 3)
        essential, optional = openings.skills_of(o)
        assert [c.uri for c in essential] == [t.safety.uri] and [c.uri for c in optional] == [
            t.forklift.uri
        ]

    def test_an_employer_user_manages_only_their_own_companys_openings(self):
        own = self.make(user=self.employer_user)
        assert own.created_by == self.employer_user
        with self.assertRaises(ValidationError):
            self.make(user=self.employer_user, site=self.cleaning.sites.get())
        theirs = self.make(site=self.cleaning.sites.get())
        assert list(openings.list_openings(self.employer_user)) == [own]
        with self.assertRaises(Http404):
            openings.move_opening(self.employer_user, theirs, "open")
        with self.assertRaises(Http404):
            openings.update_opening(self.other_employer_user, own, {"title": "mine"})

    def test_the_outsider_cannot_create_or_see(self):
        o = self.make()
        with self.assertRaises(Http404):
            self.make(user=self.outsider)
        assert list(openings.list_openings(self.outsider)) == []
        with self.assertRaises(Http404):
            openings.move_opening(self.outsider, o, "open")


class OpeningViewTests(OpeningFixture):
    def test_the_consultant_lists_and_sees_openings(self):
        o = self.make(occupation=self.t.welder.uri)
        self.login(self.consultant)
        self.assertContains(self.client.get("/employers/openings/"), "Svejser i praktik")
        r = self.client.get(f"/employers/openings/{o.pk}/")
        self.assertContains(r, "svejser")
        self.assertContains(r, 'name="status" value="open"')

    def test_the_form_suggests_occupation_and_skills_to_tick_then_saves_what_is_ticked(self):
        t = self.t
        self.login(self.consultant)
        form = {
            "site": self.site.pk,
            "project": self.project.pk,
            "kind": "internship",
            "title": "Svejser",
            "description": "Du skal kunne svejse og køre gaffeltruck.\n- Følge sikkerhedsregler",
            "capacity": 1,
        }
        r = self.client.post("/employers/openings/new/", {**form, "action": "suggest"})
        assert r.status_code == 200
        assert t.welder.uri in [o["uri"] for o in r.context["occupations"]]
        suggested = {s["uri"] for s in r.context["skills"]}
        assert {t.forklift.uri, t.safety.uri} <= suggested
        self.assertContains(r, f'name="essential_skills" value="{t.forklift.uri}"')
        assert not Opening.objects.exists()
        r = self.client.post(
            "/employers/openings/new/",
            {
                **form,
                "action": "save",
                "occupation": t.welder.uri,
                "essential_skills": [t.forklift.uri],
                "optional_skills": [t.safety.uri],
            },
        )
        o = Opening.objects.get()
        self.assertRedirects(r, f"/employers/openings/{o.pk}/")
        assert o.occupation == t.welder and o.status == "draft"
        essential, optional = openings.skills_of(o)
        assert [c.uri for c in essential] == [t.forklift.uri] and [c.uri for c in optional] == [
            t.safety.uri
        ]

    def test_the_status_buttons_move_the_opening(self):
        o = self.make()
        self.login(self.consultant)
        self.client.post(f"/employers/openings/{o.pk}/status/", {"status": "open"})
        o.refresh_from_db()
        assert o.status == "open"
        r = self.client.post(
            f"/employers/openings/{o.pk}/status/", {"status": "draft"}, follow=True
        )
        self.assertContains(r, "kan ikke gå fra")

    def test_an_employer_user_sees_only_their_own_companys_openings(self):
        own = self.make(title="Vores praktik")
        theirs = self.make(site=self.cleaning.sites.get(), title="Deres praktik")
        self.login(self.employer_user)
        r = self.client.get("/employers/openings/")
        self.assertContains(r, "Vores praktik")
        self.assertNotContains(r, "Deres praktik")
        assert self.client.get(f"/employers/openings/{own.pk}/edit/").status_code == 200
        assert self.client.get(f"/employers/openings/{theirs.pk}/").status_code == 404

    def test_the_outsider_gets_404(self):
        o = self.make()
        self.login(self.outsider)
        for url in (
            "/employers/openings/",
            "/employers/openings/new/",
            f"/employers/openings/{o.pk}/",
            f"/employers/openings/{o.pk}/edit/",
        ):
            assert self.client.get(url).status_code == 404, url
        assert (
            self.client.post(f"/employers/openings/{o.pk}/status/", {"status": "open"}).status_code
            == 404
        )


class OpeningApiTests(OpeningFixture):
    def test_create_change_and_move(self):
        t = self.t
        self.login(self.consultant)
        r = self.client.post(
            "/api/employers/openings",
            {
                "site": self.site.pk,
                "kind": "igu",
                "title": "IGU-elev",
                "occupation": t.welder.uri,
                "essential_skills": [t.welding.uri],
                "hours_per_week": 37,
                "status": "open",
            },
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
        data = r.json()
        assert (data["status"], data["isco_code"], data["essential_skills"]) == (
            "open",
            "7212",
            [t.welding.uri],
        )
        r = self.client.patch(
            f"/api/employers/openings/{data['id']}",
            {"capacity": 4},
            content_type="application/json",
        )
        assert r.json()["capacity"] == 4
        r = self.client.post(
            f"/api/employers/openings/{data['id']}/status",
            {"status": "closed"},
            content_type="application/json",
        )
        assert r.json()["status"] == "closed"
        r = self.client.post(
            f"/api/employers/openings/{data['id']}/status",
            {"status": "open"},
            content_type="application/json",
        )
        assert r.status_code == 400 and r.json()["detail"][0]["field"] == "status"

    def test_suggest(self):
        self.login(self.employer_user)
        r = self.client.post(
            "/api/employers/openings/suggest",
            {"title": "svejser", "description": "gaffeltruck", "lang": "da"},
            content_type="application/json",
        )
        assert self.t.welder.uri in [o["uri"] for o in r.json()["occupations"]]
        assert r.json()["skills"][0]["uri"] == self.t.forklift.uri

    def test_the_outsider_gets_404(self):
        o = self.make()
        self.login(self.outsider)
        assert self.client.get(f"/api/employers/openings/{o.pk}").status_code == 404
        assert self.client.get("/api/employers/openings").json() == []
        r = self.client.patch(
            f"/api/employers/openings/{o.pk}", {"capacity": 9}, content_type="application/json"
        )
        assert r.status_code == 404
        r = self.client.post(
            "/api/employers/openings/suggest", {"title": "x"}, content_type="application/json"
        )
        assert r.status_code == 404
        r = self.client.post(
            "/api/employers/openings",
            {"site": self.site.pk, "kind": "job", "title": "x"},
            content_type="application/json",
        )
        assert r.status_code == 404
