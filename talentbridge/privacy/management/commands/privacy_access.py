import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.privacy import requests as data_requests


class Command(TalentbridgeCommand):
    help = "Export everything held about a person (an access request) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        try:
            request = data_requests.create_request(
                self.actor, options["reference"], "access", "CLI"
            )
            result = data_requests.execute(self.actor, request)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except Exception as exc:  # Http404 for a non-administrator
            if exc.__class__.__name__ == "Http404":
                raise CommandError("only an administrator may export a person's data") from None
            raise
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(f"wrote {options['output']}")
        else:
            self.stdout.write(text)
