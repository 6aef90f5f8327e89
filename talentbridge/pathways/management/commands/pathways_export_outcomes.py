"""``talentbridge pathways export-outcomes``: recorded outcomes as CSV, for the placement model."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.accounts.access import projects_for
from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pathways.outcomes import EXPORT_ROLES, outcomes_for_training, to_csv


class Command(TalentbridgeCommand):
    help = "Write every recorded follow-up outcome as CSV (columns: see docs/pathways.md)."

    def add_arguments(self, parser):
        parser.add_argument("--project", metavar="CODE", help="One project only.")
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD", help="Follow-ups done on or after this day."
        )
        parser.add_argument(
            "--output", "-o", metavar="FILE", help="Write to this file (default: stdout)."
        )

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            try:
                since = datetime.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(f"not a date (YYYY-MM-DD): {options['since']!r}") from None
        project_ids = None
        if options["project"]:
            project = (
                projects_for(self.actor, roles=EXPORT_ROLES).filter(code=options["project"]).first()
            )
            if project is None:
                raise CommandError(f"no project {options['project']!r} that you may export")
            project_ids = [project.pk]
        try:
            rows = outcomes_for_training(self.actor, project_ids=project_ids, since=since)
        except Http404:
            raise CommandError(
                "you may not export outcomes (placement officers and programme managers may)"
            ) from None
        text = to_csv(rows)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"{options['output']}: {len(rows)} outcomes")
        else:
            self.stdout.write(text, ending="")
