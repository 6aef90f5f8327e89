"""``talentbridge match evaluate --project P [--seed N]``: ranking and assignment against
the demo's planted true fit (precision@5, nDCG@10; optimal vs greedy vs random)."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pipeline import access
from talentbridge.pipeline.evaluation import evaluate


class Command(TalentbridgeCommand):
    help = "Evaluate the matching of a project against the planted true fit of the demo data."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, metavar="CODE")
        parser.add_argument(
            "--seed", type=int, help="Truth seed (default: the project's demo_truth_seed, else 42)."
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        project = access.staff_projects(self.actor).filter(code=options["project"]).first()
        if project is None:
            raise CommandError(f"no project {options['project']!r} that you may see")
        result = evaluate(project, seed=options["seed"])
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        for key, value in result.items():
            self.stdout.write(f"{key:28s} {value}")
