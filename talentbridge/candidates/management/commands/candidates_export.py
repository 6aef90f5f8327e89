import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.candidates import handover
from talentbridge.candidates.permissions import get_candidate_or_404
from talentbridge.core.command import TalentbridgeCommand


class Command(TalentbridgeCommand):
    help = (
        f"Export a candidate's handover file (schema {handover.SCHEMA} {handover.SCHEMA_VERSION})."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        try:
            candidate = get_candidate_or_404(self.actor, options["reference"])
            data = handover.export_profile(self.actor, candidate)
        except Http404:
            raise CommandError(f"no candidate {options['reference']!r} in your scope") from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(f"wrote {options['output']}")
        else:
            self.stdout.write(text)
