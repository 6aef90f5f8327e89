"""The company register: services, pages and API, each with the outsider refused."""

import json

from django.core.exceptions import ValidationError
from django.http import Http404

from talentbridge.employers.models import Contact, Employer, Site
from talentbridge.employers.services import register
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import make_cvr, make_employer


class RegisterServiceTests(BaseTestCase):
    def test_it_registers_a_company_in_the_consultants_project(self):
        employer, created = register.create_employer(
            self.consultant,
            {"cvr": "DK 2425 6790", "name": "Novo", "industry_code": "21.10.00", "size": "250+"},
        )
        assert created
        assert employer.cvr == "24256790"
        assert employer.industry_code == "211000"
        assert list(employer.projects.all()) == [self.project]
        assert employer.consultant == self.consultant
        event = AuditEvent.objects.get(object_type="employers.employer", object_id=str(employer.pk))
        assert event.action == "create" and event.actor == self.consultant

    def test_it_refuses_an_invalid_cvr_naming_the_field(self):
        with self.assertRaises(ValidationError) as info:
            register.create_employer(self.consultant, {"cvr": "24256791", "name": "X"})
        assert "cvr" in info.exception.message_dict
        assert not Employer.objects.exists()

    def test_a_known_cvr_in_another_project_joins_the_consultants_project(self):
        employer = make_employer(self.other_project, "Beta Byg ApS", seed=3)
        joined, created = register.create_employer(
            self.consultant, {"cvr": employer.cvr, "name": "ignored"}
        )
        assert not created and joined == employer
        assert set(employer.projects.values_list("code", flat=True)) == {"alpha", "beta"}
        assert Employer.objects.get(pk=employer.pk).name == "Beta Byg ApS"

    def test_a_known_cvr_in_the_same_project_is_an_error(self):
        employer = make_employer(self.project, seed=4)
        with self.assertRaises(ValidationError) as info:
            register.create_employer(self.consultant, {"cvr": employer.cvr, "name": "Again"})
        assert "cvr" in info.exception.message_dict

    def test_the_outsider_and_the_assessor_cannot_register(self):
        for user in (self.outsider, self.assessor, self.employer_user):
            with self.assertRaises(Http404):
                register.create_employer(user, {"cvr": make_cvr(5), "name": "X"})

    def test_the_outsider_cannot_change_a_company(self):
        employer = make_employer(self.project, seed=6)
        with self.assertRaises(Http404):
            register.update_employer(self.outsider, employer, {"name": "Mine now"})
        with self.assertRaises(Http404):
            register.add_site(self.outsider, employer, {"name": "X", "municipality": "0101"})
        with self.assertRaises(Http404):
            register.add_contact(self.outsider, employer, {"name": "X"})

    def test_changes_are_audited_with_old_and_new_values(self):
        employer = make_employer(self.project, seed=7)
        changes = register.update_employer(
            self.consultant, employer, {"name": "Vestjysk Stål A/S", "size": "50-249"}
        )
        assert changes["name"] == ("Vestjysk Metal A/S", "Vestjysk Stål A/S")
        event = AuditEvent.objects.get(object_type="employers.employer", action="update")
        assert event.detail["changed"]["name"] == ["Vestjysk Metal A/S", "Vestjysk Stål A/S"]

    def test_contact_persons_are_personal_data_audited_without_their_values(self):
        employer = make_employer(self.project, seed=8)
        contact = register.add_contact(
            self.consultant, employer, {"name": "Mette Hansen", "email": "mh@example.dk"}
        )
        register.update_contact(self.consultant, contact, {"phone": "+45 11 22 33 44"})
        list(register.contacts_of(self.consultant, employer))
        events = AuditEvent.objects.filter(object_type="employers.contact").order_by("id")
        assert [e.action for e in events] == ["create", "update", "read"]
        assert events[1].detail["changed"] == ["phone"]
        assert "Mette" not in json.dumps([e.detail for e in events])

    def test_a_site_with_openings_cannot_be_deleted(self):
        from talentbridge.employers.models import Opening

        employer = make_employer(self.project, seed=9)
        site = employer.sites.get()
        Opening.objects.create(project=self.project, site=site, kind="job", title="Svejser")
        with self.assertRaises(ValidationError):
            register.delete_site(self.consultant, site)
        assert Site.objects.filter(pk=site.pk).exists()

    def test_a_site_is_placed_by_municipality_code_or_name(self):
        employer = make_employer(self.project, seed=10)
        a = register.add_site(self.consultant, employer, {"name": "Aarhus", "municipality": "751"})
        b = register.add_site(self.consultant, employer, {"name": "Ærø", "municipality": "ærø"})
        assert (a.municipality.code, b.municipality.code) == ("0751", "0492")
        with self.assertRaises(ValidationError) as info:
            register.add_site(self.consultant, employer, {"name": "X", "municipality": "Atlantis"})
        assert "municipality" in info.exception.message_dict


class RegisterViewTests(BaseTestCase):
    def setUp(self):
        self.employer = make_employer(self.project, seed=11, consultant=self.consultant)

    def test_it_lists_the_register(self):
        self.login(self.consultant)
        r = self.client.get("/employers/")
        self.assertContains(r, "Vestjysk Metal A/S")

    def test_the_outsider_gets_404_everywhere(self):
        site = self.employer.sites.get()
        contact = Contact.objects.create(employer=self.employer, name="Mette")
        self.login(self.outsider)
        for url in (
            "/employers/",
            "/employers/new/",
            f"/employers/{self.employer.pk}/",
            f"/employers/{self.employer.pk}/edit/",
            f"/employers/{self.employer.pk}/sites/new/",
            f"/employers/sites/{site.pk}/",
            f"/employers/{self.employer.pk}/contacts/new/",
            f"/employers/contacts/{contact.pk}/",
        ):
            assert self.client.get(url).status_code == 404, url
        assert self.client.post(f"/employers/sites/{site.pk}/delete/").status_code == 404
        assert self.client.post(f"/employers/contacts/{contact.pk}/delete/").status_code == 404

    def test_a_consultant_in_project_b_does_not_see_project_a_companies(self):
        from talentbridge.accounts.models import Membership, Role

        Membership.objects.create(
            user=self.outsider, organisation=self.other_ngo, role=Role.BUSINESS_CONSULTANT
        )
        self.login(self.outsider)
        assert self.client.get(f"/employers/{self.employer.pk}/").status_code == 404
        self.assertNotContains(self.client.get("/employers/"), "Vestjysk")

    def test_it_registers_a_company_from_the_form(self):
        self.login(self.consultant)
        r = self.client.post(
            "/employers/new/",
            {
                "cvr": "24256790",
                "name": "Novo Nordisk A/S",
                "industry_code": "21.10.00",
                "size": "250+",
                "projects": [self.project.pk],
                "consultant": self.consultant.pk,
            },
        )
        employer = Employer.objects.get(cvr="24256790")
        self.assertRedirects(r, f"/employers/{employer.pk}/")

    def test_the_form_shows_the_cvr_error_next_to_the_field(self):
        self.login(self.consultant)
        r = self.client.post(
            "/employers/new/", {"cvr": "24256791", "name": "X", "projects": [self.project.pk]}
        )
        assert r.status_code == 200
        assert "cvr" in r.context["form"].errors
        self.assertContains(r, "modulus-11")

    def test_it_shows_a_company_with_sites_and_contacts(self):
        Contact.objects.create(employer=self.employer, name="Mette Hansen")
        self.login(self.consultant)
        r = self.client.get(f"/employers/{self.employer.pk}/")
        self.assertContains(r, "Mette Hansen")
        self.assertContains(r, "Herning")

    def test_it_adds_a_site(self):
        self.login(self.consultant)
        r = self.client.post(
            f"/employers/{self.employer.pk}/sites/new/", {"name": "Aarhus", "municipality": "0751"}
        )
        self.assertRedirects(r, f"/employers/{self.employer.pk}/")
        assert self.employer.sites.filter(municipality__code="0751").exists()

    def test_the_programme_manager_reads_but_does_not_edit(self):
        self.login(self.manager)
        assert self.client.get(f"/employers/{self.employer.pk}/").status_code == 200
        assert self.client.get(f"/employers/{self.employer.pk}/edit/").status_code == 404

    def test_the_import_link_shows_only_to_those_who_may_import(self):
        self.login(self.manager)
        assert "/employers/import/" not in self.client.get("/employers/").content.decode()
        assert self.client.get("/employers/import/").status_code == 404
        self.login(self.consultant)
        assert "/employers/import/" in self.client.get("/employers/").content.decode()
        assert self.client.get("/employers/import/").status_code == 200


class RegisterApiTests(BaseTestCase):
    def setUp(self):
        self.employer = make_employer(self.project, seed=12)

    def test_lists_are_paged(self):
        second = make_employer(self.project, "Aarhus Rengøring ApS", seed=13)
        self.login(self.consultant)
        both = [e["id"] for e in self.client.get("/api/employers/").json()]
        assert sorted(both) == sorted([self.employer.pk, second.pk])
        first = self.client.get("/api/employers/", {"limit": 1}).json()
        rest = self.client.get("/api/employers/", {"limit": 1, "offset": 1}).json()
        assert [e["id"] for e in first + rest] == both
        assert self.client.get("/api/employers/", {"limit": 501}).status_code == 422
        assert self.client.get("/api/employers/", {"offset": -1}).status_code == 422
        from talentbridge.employers.models import Need

        for title in ("Svejsere", "Rengøring"):
            Need.objects.create(site=second.sites.get(), project=self.project, title=title, count=2)
        needs = self.client.get("/api/employers/needs").json()
        paged = [
            *self.client.get("/api/employers/needs", {"limit": 1}).json(),
            *self.client.get("/api/employers/needs", {"limit": 1, "offset": 1}).json(),
        ]
        assert len(needs) == 2 and paged == needs

    def test_it_lists_and_creates(self):
        self.login(self.consultant)
        r = self.client.get("/api/employers/")
        assert [e["cvr"] for e in r.json()] == [self.employer.cvr]
        r = self.client.post(
            "/api/employers/", {"cvr": "22756214", "name": "Mærsk"}, content_type="application/json"
        )
        assert r.status_code == 201 and r.json()["created"] is True

    def test_an_invalid_cvr_is_a_400_naming_the_field(self):
        self.login(self.consultant)
        r = self.client.post(
            "/api/employers/", {"cvr": "22756215", "name": "X"}, content_type="application/json"
        )
        assert r.status_code == 400
        assert r.json()["detail"][0]["field"] == "cvr"

    def test_sites_and_contacts(self):
        self.login(self.consultant)
        r = self.client.post(
            f"/api/employers/{self.employer.pk}/sites",
            {"name": "Odense", "municipality": "Odense"},
            content_type="application/json",
        )
        assert r.status_code == 201 and r.json()["municipality_code"] == "0461"
        r = self.client.post(
            f"/api/employers/{self.employer.pk}/contacts",
            {"name": "Mette"},
            content_type="application/json",
        )
        assert r.status_code == 201
        assert [
            c["name"] for c in self.client.get(f"/api/employers/{self.employer.pk}/contacts").json()
        ] == ["Mette"]

    def test_the_outsider_gets_404(self):
        site = self.employer.sites.get()
        self.login(self.outsider)
        assert self.client.get("/api/employers/").status_code == 404
        assert self.client.get(f"/api/employers/{self.employer.pk}").status_code == 404
        r = self.client.patch(
            f"/api/employers/{self.employer.pk}", {"name": "X"}, content_type="application/json"
        )
        assert r.status_code == 404
        r = self.client.patch(
            f"/api/employers/sites/{site.pk}", {"name": "X"}, content_type="application/json"
        )
        assert r.status_code == 404
        assert self.client.get(f"/api/employers/{self.employer.pk}/contacts").status_code == 404
        assert Employer.objects.get(pk=self.employer.pk).name == "Vestjysk Metal A/S"


class OpenApiTests(BaseTestCase):
    def test_the_openapi_document_describes_the_employers_api(self):
        self.login(self.consultant)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path in (
            "/api/employers/",
            "/api/employers/{employer_id}",
            "/api/employers/openings",
            "/api/employers/demand",
            "/api/employers/import",
            "/api/employers/portal/candidates",
        ):
            assert path in paths, path
