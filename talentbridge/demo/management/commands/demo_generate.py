from datetime import date

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.demo.generator import generate


class Command(TalentbridgeCommand):
    help = (
        "Generate the seeded synthetic programme (people, companies, openings, pathways, quotas)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--candidates", type=int, default=300, help="How many candidates (default 300)."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed; the same seed gives the same data."
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="Reference date YYYY-MM-DD (default 2026-11-01).",
        )

    def handle(self, *args, **options):
        try:
            summary = generate(
                seed=options["seed"], candidates=options["candidates"], as_of=options["as_of"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"demo programme (seed {summary.seed}, as of {summary.as_of}): {summary.candidates} candidates in "
            f"{summary.households} households ({summary.persons} persons), {summary.assessed} assessed, "
            f"{summary.employers} employers, {summary.openings} openings, {summary.pathway_steps} pathway steps; "
            f"projects {', '.join(summary.project_codes)}"
        )
