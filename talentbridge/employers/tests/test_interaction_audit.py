"""Every change of the contact history writes an audit event; notes and persons are not
copied into the audit log; a refused change writes none."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from talentbridge.employers.models import Contact
from talentbridge.employers.services import interactions
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import make_employer

TODAY = timezone.localdate()


def events():
    return list(
        AuditEvent.objects.filter(object_type="employers.interaction")
        .order_by("pk")
        .values("action", "object_id", "actor", "detail")
    )


class InteractionAuditTests(BaseTestCase):
    def setUp(self):
        self.employer = make_employer(self.project, seed=31, consultant=self.consultant)
        self.contact = Contact.objects.create(employer=self.employer, name="Mette Hansen")

    def test_record_update_and_complete_are_audited(self):
        i = interactions.record_interaction(
            self.consultant,
            self.employer,
            {
                "kind": "advised",
                "persons": "Mette Hansen",
                "note": "Talte om IGU",
                "follow_up_on": TODAY + dt.timedelta(days=7),
            },
        )
        [created] = events()
        assert (created["action"], created["object_id"], created["actor"]) == (
            "create",
            str(i.pk),
            self.consultant.pk,
        )
        assert created["detail"]["employer"] == self.employer.pk
        assert created["detail"]["kind"] == "advised"
        interactions.update_interaction(
            self.consultant, i, {"note": "Talte om IGU og praktik", "contacts": [self.contact.pk]}
        )
        updated = events()[-1]
        assert updated["action"] == "update"
        assert updated["detail"]["changed"] == ["contacts", "note"]  # names only
        assert "praktik" not in str(updated["detail"])
        interactions.complete_follow_up(self.consultant, i)
        done = events()[-1]
        assert done["action"] == "update"
        assert done["detail"]["changed"] == {"follow_up_done": [False, True]}
        assert len(events()) == 3
        interactions.update_interaction(self.consultant, i, {"kind": "advised"})  # no change
        assert len(events()) == 3

    def test_refused_changes_write_no_event(self):
        with self.assertRaises(ValidationError):
            interactions.record_interaction(
                self.consultant,
                self.employer,
                {"kind": "contacted", "date": TODAY, "follow_up_on": TODAY - dt.timedelta(1)},
            )
        with self.assertRaises(Http404):
            interactions.record_interaction(self.outsider, self.employer, {"kind": "contacted"})
        i = interactions.record_interaction(self.consultant, self.employer, {"kind": "event"})
        with self.assertRaises(Http404):
            interactions.update_interaction(self.outsider, i, {"note": "x"})
        assert [e["action"] for e in events()] == ["create"]
