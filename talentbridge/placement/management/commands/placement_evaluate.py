"""``talentbridge placement evaluate``: optimised vs random vs current practice in a simulated world."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.placement.simulation import run_evaluation


class Command(TalentbridgeCommand):
    help = (
        "Place a synthetic cohort with known true employment probabilities three ways (optimised on a "
        "noisy model, quota-proportional random, population-proportional practice) and report rates, "
        "gains, the gain as the model degrades, and a fairness table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument(
            "--noise", type=float, default=0.5, help="Model noise (SD on the logit)."
        )
        parser.add_argument("--sweep", default="0,0.25,0.5,1,2", help="Noise levels to compare.")
        parser.add_argument("--slack", type=float, default=0.02)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--json", action="store_true", help="Print JSON instead of Markdown.")

    def handle(self, *args, **options):
        try:
            sweep = [float(x) for x in options["sweep"].split(",") if x.strip()]
        except ValueError:
            raise CommandError("--sweep: comma-separated numbers") from None
        if options["people"] < 100:
            raise CommandError("--people: at least 100")
        report = run_evaluation(
            options["people"],
            noise=options["noise"],
            sweep=sweep,
            slack=options["slack"],
            seed=options["seed"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2))
        else:
            self.stdout.write(report.to_markdown())
            self.stdout.write(
                f"\n({report.seconds:.1f} s; command: talentbridge placement evaluate "
                f"--people {options['people']} --noise {options['noise']:g} --seed {options['seed']})"
            )
