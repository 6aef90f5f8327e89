"""``talentbridge match evaluate [--project P] [--seed N] [--json] [--synthetic-truth]``:
ranking and assignment against the true fit the demo generator planted (precision@5,
nDCG@10; optimal vs greedy vs random).

Without ``--project`` every project the operator may see is evaluated, one after the other
(ordered by code); ``--json`` then prints a list with one object per project. A project
without a planted truth (real data) is refused, unless ``--synthetic-truth`` asks for the
old truth derived from the scorer itself, labelled as such in the output."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pipeline import access
from talentbridge.pipeline.evaluation import NoPlantedTruth, evaluate, has_planted_truth


class Command(TalentbridgeCommand):
    help = (
        "Evaluate the matching against the planted true fit of the demo data: one project, "
        "or every project you may see."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--project",
            metavar="CODE",
            help="Project code (default: every project you may see).",
        )
        parser.add_argument(
            "--seed", type=int, help="Truth seed (default: the project's demo_truth_seed, else 42)."
        )
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--synthetic-truth",
            action="store_true",
            help=(
                "Where no truth was planted (not demo data), derive one from the scorer itself "
                "(circular: it measures the score mostly against itself; labelled in the output)."
            ),
        )

    def handle(self, *args, **options):
        projects = access.staff_projects(self.actor).order_by("code")
        if options["project"]:
            projects = projects.filter(code=options["project"])
            if not projects.exists():
                raise CommandError(f"no project {options['project']!r} that you may see")
        elif not projects.exists():
            raise CommandError("no project that you may see")
        synthetic = options["synthetic_truth"]
        if not synthetic:
            missing = [p.code for p in projects if not has_planted_truth(p)]
            if missing:
                raise CommandError(
                    f"no planted true fit for {', '.join(missing)}: match evaluate measures the "
                    "matching against the truth the demo generator plants "
                    "(`talentbridge demo generate`), and real projects have none. Pass "
                    "--synthetic-truth to use a truth derived from the scorer itself "
                    "(circular), or --project for a demo project."
                )
        try:
            results = [
                evaluate(project, seed=options["seed"], synthetic=synthetic) for project in projects
            ]
        except NoPlantedTruth as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            data = results[0] if options["project"] else results
            self.stdout.write(json.dumps(data, indent=2))
            return
        for n, result in enumerate(results):
            if n:
                self.stdout.write("")
            for key, value in result.items():
                self.stdout.write(f"{key:28s} {value}")
