from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.privacy import requests as data_requests


class Command(TalentbridgeCommand):
    help = "Erase a person (an erasure request): deletes everything identifying, keeps anonymous audit events."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument(
            "--yes", action="store_true", help="confirm; nothing happens without it"
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("erasure cannot be undone: repeat with --yes")
        try:
            request = data_requests.create_request(
                self.actor, options["reference"], "erasure", "CLI"
            )
            counts = data_requests.execute(self.actor, request)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except Http404:
            raise CommandError("only an administrator may erase a person") from None
        self.stdout.write(f"erased {request.subject_ref}")
        for label, n in sorted(counts.items()):
            self.stdout.write(f"  {label}: {n}")
