"""The employer portal: own company only; anonymised profiles with consent; identity only after
the candidate consents to reveal it to that employer."""

from talentbridge.accounts.models import Organisation
from talentbridge.candidates.tests.factories import make_assessment, make_candidate
from talentbridge.employers.models import Opening
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import make_employer


class PortalFixture(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.metal = make_employer(
            cls.project, "Vestjysk Metal A/S", seed=61, organisation=cls.employer_org
        )
        cls.cleaning = make_employer(
            cls.project,
            "Aarhus Rengøring ApS",
            seed=62,
            organisation=cls.other_employer_org,
            municipality="0751",
        )
        Opening.objects.create(
            project=cls.project,
            site=cls.metal.sites.get(),
            kind="internship",
            title="Vores praktik",
        )
        Opening.objects.create(
            project=cls.project, site=cls.cleaning.sites.get(), kind="job", title="Deres job"
        )
        centre = Organisation.objects.create(
            name="Center Sandholm", kind=Organisation.Kind.ASYLUM_CENTRE
        )
        cls.sharing = make_candidate(cls.p, first="Amal", last="Haddad", asylum_centre=centre)
        make_assessment(cls.sharing, cls.assessor, signed=True)
        cls.silent = make_candidate(cls.p, first="Yonas", last="Tesfay", nationality="ER")
        cls.other_project = make_candidate(
            cls.p,
            project=cls.p.other_project,
            organisation=cls.other_ngo,
            first="Olena",
            last="Koval",
        )
        for candidate in (cls.sharing, cls.other_project):
            record_decision(candidate, Purpose.SHARE_ANONYMISED, True, by=cls.assessor)


class PortalPageTests(PortalFixture):
    def test_an_employer_user_sees_their_own_company_only(self):
        self.login(self.employer_user)
        r = self.client.get("/employers/portal/")
        self.assertContains(r, "Vestjysk Metal A/S")
        self.assertContains(r, "Vores praktik")
        self.assertNotContains(r, "Aarhus Rengøring")
        self.assertNotContains(r, "Deres job")
        assert self.client.get(f"/employers/portal/?employer={self.cleaning.pk}").status_code == 404
        assert (
            self.client.get(f"/employers/{self.metal.pk}/").status_code == 404
        )  # the consultants' register
        assert self.client.get("/employers/").status_code == 302  # sent to the portal

    def test_an_employer_user_edits_their_own_sites_not_others(self):
        self.login(self.employer_user)
        own = self.metal.sites.get()
        r = self.client.post(
            f"/employers/sites/{own.pk}/", {"name": "Hovedværket", "municipality": "0657"}
        )
        self.assertRedirects(r, f"/employers/portal/?employer={self.metal.pk}")
        own.refresh_from_db()
        assert own.name == "Hovedværket"
        theirs = self.cleaning.sites.get()
        assert (
            self.client.post(
                f"/employers/sites/{theirs.pk}/", {"name": "x", "municipality": "0751"}
            ).status_code
            == 404
        )
        r = self.client.post(
            f"/employers/{self.metal.pk}/sites/new/", {"name": "Ikast", "municipality": "0756"}
        )
        assert self.metal.sites.filter(name="Ikast").exists()
        assert self.client.get(f"/employers/{self.cleaning.pk}/sites/new/").status_code == 404

    def test_candidates_are_anonymised_and_only_those_who_consented(self):
        self.login(self.employer_user)
        r = self.client.get("/employers/portal/candidates/")
        self.assertContains(r, self.sharing.reference)
        self.assertContains(r, "svejser")
        for hidden in (
            "Amal",
            "Haddad",
            "1990-05-17",
            "17.05.1990",
            "12 34 56 78",
            "Center Sandholm",
            self.silent.reference,
            "Yonas",
            self.other_project.reference,
        ):
            self.assertNotContains(r, hidden)
        events = AuditEvent.objects.filter(
            object_type="candidates.candidate", action="read", actor=self.employer_user
        )
        assert [e.subject_ref for e in events] == [self.sharing.reference]

    def test_identity_is_shown_only_to_the_employer_the_candidate_chose(self):
        record_decision(
            self.sharing, Purpose.REVEAL_IDENTITY, True, by=self.assessor, employer=self.metal
        )
        self.login(self.employer_user)
        r = self.client.get(f"/employers/portal/candidates/{self.sharing.reference}/")
        self.assertContains(r, "Amal Haddad")
        self.assertNotContains(r, "Center Sandholm")
        assert (
            AuditEvent.objects.filter(
                object_type="candidates.personaldetails", actor=self.employer_user
            ).count()
            == 1
        )
        self.login(self.other_employer_user)
        r = self.client.get(f"/employers/portal/candidates/{self.sharing.reference}/")
        self.assertContains(r, self.sharing.reference)
        self.assertNotContains(r, "Amal")

    def test_a_withdrawal_takes_effect_at_once(self):
        record_decision(
            self.sharing, Purpose.REVEAL_IDENTITY, True, by=self.assessor, employer=self.metal
        )
        record_decision(
            self.sharing, Purpose.REVEAL_IDENTITY, False, by=self.assessor, employer=self.metal
        )
        self.login(self.employer_user)
        self.assertNotContains(
            self.client.get(f"/employers/portal/candidates/{self.sharing.reference}/"), "Amal"
        )
        record_decision(self.sharing, Purpose.SHARE_ANONYMISED, False, by=self.assessor)
        assert (
            self.client.get(f"/employers/portal/candidates/{self.sharing.reference}/").status_code
            == 404
        )
        self.assertNotContains(
            self.client.get("/employers/portal/candidates/"), self.sharing.reference
        )

    def test_a_candidate_without_consent_is_missing(self):
        self.login(self.employer_user)
        assert (
            self.client.get(f"/employers/portal/candidates/{self.silent.reference}/").status_code
            == 404
        )
        assert (
            self.client.get(
                f"/employers/portal/candidates/{self.other_project.reference}/"
            ).status_code
            == 404
        )

    def test_an_administrator_opens_a_companys_portal_to_support_its_users(self):
        self.login(self.admin)
        r = self.client.get(f"/employers/portal/?employer={self.cleaning.pk}")
        self.assertContains(r, "Deres job")
        self.assertNotContains(r, "Vores praktik")

    def test_staff_and_the_outsider_get_404(self):
        for user in (self.outsider, self.consultant, self.assessor):
            self.login(user)
            for url in (
                "/employers/portal/",
                "/employers/portal/candidates/",
                f"/employers/portal/candidates/{self.sharing.reference}/",
                "/api/employers/portal",
                "/api/employers/portal/candidates",
            ):
                assert self.client.get(url).status_code == 404, (user.username, url)


class PortalApiTests(PortalFixture):
    def test_the_api_gives_the_company_and_anonymised_profiles(self):
        self.login(self.employer_user)
        r = self.client.get("/api/employers/portal")
        assert r.json()["employer"]["name"] == "Vestjysk Metal A/S"
        assert [o["title"] for o in r.json()["openings"]] == ["Vores praktik"]
        assert r.json()["shared_candidates"] == 1
        r = self.client.get("/api/employers/portal/candidates?lang=en")
        (row,) = r.json()["results"]
        assert row["identity"] is None and row["profile"]["reference"] == self.sharing.reference
        assert "Amal" not in r.content.decode() and "1990-05-17" not in r.content.decode()
        record_decision(
            self.sharing, Purpose.REVEAL_IDENTITY, True, by=self.assessor, employer=self.metal
        )
        r = self.client.get(f"/api/employers/portal/candidates/{self.sharing.reference}")
        assert r.json()["identity"]["last_name"] == "Haddad"
