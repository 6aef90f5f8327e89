"""``talentbridge match send --run ID [--leave-out PROPOSAL ...]`` (or ``--discard``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pipeline import access, runs


class Command(TalentbridgeCommand):
    help = "Send a reviewed batch assignment: each kept proposal becomes a shortlisted match."

    def add_arguments(self, parser):
        parser.add_argument("--run", type=int, required=True, metavar="ID")
        parser.add_argument(
            "--leave-out",
            nargs="+",
            type=int,
            default=[],
            metavar="PROPOSAL",
            help="Proposal ids not to send.",
        )
        parser.add_argument(
            "--discard", action="store_true", help="Discard the run instead; nothing is sent."
        )

    def handle(self, *args, **options):
        try:
            run = access.get_run_or_404(self.actor, options["run"], write=True)
            if options["discard"]:
                runs.discard_run(self.actor, run)
                self.stdout.write(f"Run {run.pk} discarded.")
                return
            sent = runs.send_run(self.actor, run, leave_out=options["leave_out"])
        except Http404:
            raise CommandError(f"no run {options['run']} that you may send") from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"Run {run.pk}: {len(sent)} shortlisted matches sent.")
