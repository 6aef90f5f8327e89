"""``talentbridge placement exclude``: forbid (or allow again) a municipality for a household of a run."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.placement import services


class Command(TalentbridgeCommand):
    help = (
        "Forbid placing a household of a run in a municipality, with a reason "
        "(--remove allows it again); compute the run again to apply it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--run", type=int, required=True, metavar="ID")
        parser.add_argument("--household", required=True, metavar="REFERENCE")
        parser.add_argument("--municipality", required=True, metavar="CODE")
        parser.add_argument("--reason", default="", help="Why (required unless --remove).")
        parser.add_argument("--remove", action="store_true", help="Allow the municipality again.")
        parser.add_argument(
            "--compute", action="store_true", help="Compute the run again afterwards."
        )

    def handle(self, *args, **options):
        try:
            run = services.get_run_or_404(self.actor, options["run"])
        except Http404:
            raise CommandError(f"--run: no run {options['run']} in your scope") from None
        reference = options["household"]
        try:
            if options["remove"]:
                services.remove_exclusion(self.actor, run, reference, options["municipality"])
            else:
                services.add_exclusion(
                    self.actor, run, reference, options["municipality"], options["reason"]
                )
            if options["compute"]:
                run = services.compute_run(self.actor, run)
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from None
        except Http404:
            raise CommandError(f"--household: no household {reference!r} in run {run.pk}") from None
        household = services.get_household_or_404(self.actor, run, reference)
        forbidden = services.exclusions_of(household)
        self.stdout.write(
            f"{household.reference} in run {run.pk}: forbidden "
            + (
                ", ".join(
                    f"{x.municipality.code} {x.municipality.name} ({x.reason})" for x in forbidden
                )
                or "none"
            )
        )
        if options["compute"] and household.municipality:
            self.stdout.write(
                f"{household.reference} -> {household.municipality.code} {household.municipality.name}"
            )


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {m}" for field, ms in exc.message_dict.items() for m in ms]
    return list(exc.messages)
