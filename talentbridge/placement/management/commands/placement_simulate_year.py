"""``talentbridge placement simulate-year``: weekly dynamic placement vs the hindsight optimum."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.placement.simulation import run_year


class Command(TalentbridgeCommand):
    help = (
        "Simulate a year of arrivals in weekly batches, placed with dual prices learnt from last year's "
        "cohort, and compare with the optimum placement of the same arrivals in hindsight."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--weeks", type=int, default=52)
        parser.add_argument("--noise", type=float, default=0.5)
        parser.add_argument("--slack", type=float, default=0.02)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        if options["people"] < 100 or options["weeks"] < 1:
            raise CommandError("--people at least 100, --weeks at least 1")
        result, info = run_year(
            options["people"],
            weeks=options["weeks"],
            noise=options["noise"],
            slack=options["slack"],
            seed=options["seed"],
        )
        figures = info | {
            "dynamic_objective": result.objective,
            "hindsight_objective": result.hindsight_objective,
            "hindsight_bound": result.hindsight_bound,
            "dynamic_vs_hindsight_pct": 100 * result.ratio,
            "floor_shortfall_persons": float(result.shortfall.sum()),
            "dynamic_seconds": result.seconds,
            "hindsight_seconds": result.hindsight_seconds,
        }
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        w = self.stdout.write
        w(
            f"{info['people']:,} people in {info['households']:,} households over {info['weeks']} weeks"
        )
        w(
            f"dynamic (weekly, prices from last year's cohort): {result.objective:.2f} expected households employed"
        )
        w(
            f"hindsight optimum (the whole year at once):      {result.hindsight_objective:.2f} "
            f"(bound {result.hindsight_bound:.2f})"
        )
        w(
            f"dynamic / hindsight: {100 * result.ratio:.2f} %; floors missed by {result.shortfall.sum():g} persons"
        )
        w(f"time: {result.seconds:.1f} s dynamic, {result.hindsight_seconds:.1f} s hindsight")
