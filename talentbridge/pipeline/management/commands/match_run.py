"""``talentbridge match run --project P [--openings ID ...]``: propose a batch assignment.

The run is kept for review (in the web UI under Matches → Batch assignment, or with
``talentbridge match send --run ID``); nothing reaches an employer until it is sent.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pipeline import access, runs


class Command(TalentbridgeCommand):
    help = "Propose the best assignment of a project's candidates to its open internships (or the given openings)."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, metavar="CODE")
        parser.add_argument(
            "--openings",
            nargs="+",
            type=int,
            metavar="ID",
            help="Opening ids (default: the project's open internships).",
        )
        parser.add_argument(
            "--fair",
            action="store_true",
            help="Serve as many different candidates as possible first (everyone once before anyone twice).",
        )
        parser.add_argument(
            "--min-score", type=float, default=0.0, help="Do not propose pairs scoring below this."
        )
        parser.add_argument("--json", action="store_true", help="Print the run as JSON.")

    def handle(self, *args, **options):
        project = (
            access.staff_projects(self.actor, write=True).filter(code=options["project"]).first()
        )
        if project is None:
            raise CommandError(
                f"no project {options['project']!r} in which you may run assignments"
            )
        try:
            run = runs.create_run(
                self.actor,
                project,
                options["openings"],
                fair=options["fair"],
                min_score=options["min_score"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except Http404:
            raise CommandError("you may not run assignments in this project") from None
        proposals = list(runs.proposals(run))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "run": run.pk,
                        "places": run.places,
                        "objective": run.objective,
                        "upper_bound": run.upper_bound,
                        "greedy_objective": run.greedy_objective,
                        "seconds": round(run.seconds, 3),
                        "proposals": [
                            {
                                "id": p.pk,
                                "candidate": p.candidate.reference,
                                "opening": p.opening_id,
                                "score": round(p.score, 4),
                                "why": p.explanation_en,
                            }
                            for p in proposals
                        ],
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"Run {run.pk}: {len(proposals)} proposals for {run.places} free places "
            f"({run.candidates_considered} candidates), total score {run.objective:.3f} "
            f"(greedy {run.greedy_objective or 0:.3f}, bound {run.upper_bound:.3f}), "
            f"{run.seconds:.2f} s"
        )
        for p in proposals:
            self.stdout.write(
                f"  #{p.pk} {p.candidate.reference} -> {p.opening.title} [{p.opening_id}] "
                f"{p.score:.3f}  {p.explanation_en}"
            )
        self.stdout.write(
            f"Review it, then: talentbridge match send --run {run.pk} [--leave-out ID ...]"
        )
