from django.core.management import call_command
from django.test import RequestFactory

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.privacy import audit
from talentbridge.privacy.middleware import AuditChannelMiddleware
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase


class AuditTests(BaseTestCase):
    def test_it_records_who_what_and_through_which_channel(self):
        with audit.channel("cli:test"):
            event = audit.record(self.assessor, "read", self.project, subject_ref="TB-ABC")
        self.assertEqual(event.actor, self.assessor)
        self.assertEqual(event.object_type, "accounts.project")
        self.assertEqual(event.object_id, str(self.project.pk))
        self.assertEqual(event.channel, "cli:test")
        self.assertEqual(event.subject_ref, "TB-ABC")

    def test_the_middleware_names_the_view(self):
        seen = {}

        def view(request):
            seen["channel"] = audit.current_channel()

        middleware = AuditChannelMiddleware(
            lambda request: middleware.process_view(request, view, (), {}) or view(request)
        )
        request = RequestFactory().get("/candidates/12/")
        request.resolver_match = type("Match", (), {"view_name": "candidates:detail"})()
        middleware(request)
        self.assertEqual(seen["channel"], "view:candidates:detail GET /candidates/12/")
        self.assertEqual(audit.current_channel(), "unknown")

    def test_a_command_runs_in_its_own_channel_and_as_the_operator(self):
        class Command(TalentbridgeCommand):
            def handle(self, *args, **options):
                audit.record(self.actor, "export", object_type="candidates.candidate", object_id=1)

        Command.__module__ = "talentbridge.candidates.management.commands.candidates_export"
        call_command(Command())
        event = AuditEvent.objects.get()
        self.assertEqual(event.channel, "cli:candidates export")
        self.assertIsNone(event.actor)
        self.assertTrue(event.actor_label.startswith("system"))

    def test_as_runs_a_command_with_a_users_identity(self):
        class Command(TalentbridgeCommand):
            def handle(self, *args, **options):
                audit.record(self.actor, "read", object_type="x", object_id=1)

        call_command(Command(), as_user="assessor")
        self.assertEqual(AuditEvent.objects.get().actor, self.assessor)
