"""Contact history and follow-up reminders: service, pages, API and the reminders command."""

import datetime as dt
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from talentbridge.accounts.models import Membership, Role
from talentbridge.employers.models import Contact, Interaction
from talentbridge.employers.services import interactions
from talentbridge.test import BaseTestCase

from .helpers import make_employer

TODAY = timezone.localdate()


class InteractionTests(BaseTestCase):
    def setUp(self):
        self.employer = make_employer(self.project, seed=21, consultant=self.consultant)
        self.contact = Contact.objects.create(employer=self.employer, name="Mette Hansen")

    def record(self, user=None, **data):
        data.setdefault("kind", "contacted")
        return interactions.record_interaction(user or self.consultant, self.employer, data)

    def test_it_records_an_interaction_by_the_consultant_in_the_project(self):
        i = self.record(
            kind="advised", persons="HR chief", contacts=[self.contact.pk], note="Talked IGU"
        )
        assert (i.project, i.consultant, i.date) == (self.project, self.consultant, TODAY)
        assert list(i.contacts.all()) == [self.contact]

    def test_a_contact_of_another_company_is_refused(self):
        other = make_employer(self.project, "Anden ApS", seed=22)
        stranger = Contact.objects.create(employer=other, name="Stranger")
        with self.assertRaises(ValidationError) as info:
            self.record(contacts=[stranger.pk])
        assert "contacts" in info.exception.message_dict

    def test_a_follow_up_before_the_interaction_is_refused(self):
        with self.assertRaises(ValidationError) as info:
            self.record(date=TODAY, follow_up_on=TODAY - dt.timedelta(days=1))
        assert "follow_up_on" in info.exception.message_dict

    def test_due_follow_ups_are_the_consultants_own_open_ones_up_to_today(self):
        due = self.record(
            follow_up_on=TODAY - dt.timedelta(days=2), date=TODAY - dt.timedelta(days=10)
        )
        self.record(follow_up_on=TODAY + dt.timedelta(days=5))
        done = self.record(
            follow_up_on=TODAY - dt.timedelta(days=1), date=TODAY - dt.timedelta(days=3)
        )
        interactions.complete_follow_up(self.consultant, done)
        colleague = Membership.objects.create(
            user=self.colleague, organisation=self.ngo, role=Role.BUSINESS_CONSULTANT
        ).user
        theirs = self.record(user=colleague, follow_up_on=TODAY, date=TODAY)
        assert list(interactions.due_follow_ups(self.consultant)) == [due]
        assert list(interactions.due_follow_ups(self.consultant, within_days=7))[
            -1
        ].follow_up_on == TODAY + dt.timedelta(days=5)
        assert set(interactions.due_follow_ups(self.consultant, consultant=False)) == {due, theirs}

    def test_the_outsider_sees_no_history_and_cannot_record(self):
        self.record()
        with self.assertRaises(Http404):
            interactions.history(self.outsider, self.employer)
        with self.assertRaises(Http404):
            self.record(user=self.outsider)
        assert list(interactions.due_follow_ups(self.outsider, consultant=False)) == []

    def test_a_company_in_two_projects_keeps_each_projects_history_apart(self):
        self.employer.projects.add(self.other_project)
        self.record(note="alpha only")
        Membership.objects.create(
            user=self.outsider, organisation=self.other_ngo, role=Role.BUSINESS_CONSULTANT
        )
        assert list(interactions.history(self.outsider, self.employer)) == []
        beta = interactions.record_interaction(self.outsider, self.employer, {"kind": "event"})
        assert beta.project == self.other_project
        assert [i.note for i in interactions.history(self.consultant, self.employer)] == [
            "alpha only"
        ]

    def test_the_reminders_command_lists_due_follow_ups(self):
        self.record(follow_up_on=TODAY, note="Call about the IGU places")
        out = StringIO()
        call_command("employers_reminders", "--as", "consultant", stdout=out)
        assert (
            "Vestjysk Metal A/S" in out.getvalue() and "Call about the IGU places" in out.getvalue()
        )
        assert "1 follow-up(s) due." in out.getvalue()
        out = StringIO()
        call_command("employers_reminders", "--as", "outsider", stdout=out)
        assert "0 follow-up(s) due." in out.getvalue()

    def test_the_pages_show_and_record_history(self):
        self.record(follow_up_on=TODAY, note="Ring tilbage")
        self.login(self.consultant)
        self.assertContains(self.client.get("/employers/"), "Ring tilbage")
        self.assertContains(self.client.get("/employers/follow-ups/"), "Ring tilbage")
        r = self.client.post(
            f"/employers/{self.employer.pk}/interactions/new/",
            {
                "project": self.project.pk,
                "kind": "hosting",
                "date": TODAY.isoformat(),
                "note": "Hosted a course",
                "contacts": [self.contact.pk],
            },
        )
        self.assertRedirects(r, f"/employers/{self.employer.pk}/")
        assert Interaction.objects.filter(kind="hosting").exists()
        due = Interaction.objects.get(note="Ring tilbage")
        self.client.post(f"/employers/interactions/{due.pk}/done/", {"next": "/employers/"})
        due.refresh_from_db()
        assert due.follow_up_done

    def test_the_outsider_gets_404_on_every_page_and_endpoint(self):
        i = self.record(follow_up_on=TODAY)
        self.login(self.outsider)
        for url in (
            f"/employers/{self.employer.pk}/interactions/new/",
            f"/employers/interactions/{i.pk}/",
            "/employers/follow-ups/",
            f"/api/employers/{self.employer.pk}/interactions",
            "/api/employers/follow-ups",
        ):
            assert self.client.get(url).status_code == 404, url
        assert self.client.post(f"/employers/interactions/{i.pk}/done/").status_code == 404
        r = self.client.patch(
            f"/api/employers/interactions/{i.pk}", {"note": "x"}, content_type="application/json"
        )
        assert r.status_code == 404

    def test_the_api_records_and_lists(self):
        self.login(self.consultant)
        r = self.client.post(
            f"/api/employers/{self.employer.pk}/interactions",
            {"kind": "advised", "note": "n", "follow_up_on": TODAY.isoformat()},
            content_type="application/json",
        )
        assert r.status_code == 201
        assert [i["kind"] for i in self.client.get("/api/employers/follow-ups").json()] == [
            "advised"
        ]
        r = self.client.patch(
            f"/api/employers/interactions/{r.json()['id']}",
            {"follow_up_done": True},
            content_type="application/json",
        )
        assert r.json()["follow_up_done"] is True
        assert self.client.get("/api/employers/follow-ups").json() == []
