import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.accounts.access import get_project_or_404
from talentbridge.candidates import handover
from talentbridge.core.command import TalentbridgeCommand


class Command(TalentbridgeCommand):
    help = (
        "Import a handover file into a project. Refused (non-zero exit, field named) when invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file, or - for standard input")
        parser.add_argument("--project", required=True, help="project code")
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="import even if the person may be registered",
        )

    def handle(self, *args, **options):
        try:
            if options["file"] == "-":
                import sys

                data = json.load(sys.stdin)
            else:
                with open(options["file"], encoding="utf-8") as handle:
                    data = json.load(handle)
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from None
        try:
            project = get_project_or_404(self.actor, options["project"])
            candidate = handover.import_profile(
                self.actor, data, project, allow_duplicate=options["allow_duplicate"]
            )
        except Http404:
            raise CommandError(
                f"no project {options['project']!r} where you may register candidates"
            ) from None
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise CommandError(
                    "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                ) from None
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"imported as {candidate.reference}")
