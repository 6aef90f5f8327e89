"""talentbridge employers import FILE [--dry-run] [--project CODE] [--format csv|xlsx|jsonld] [--json]"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.employers.imports import FORMATS, run_import


class Command(TalentbridgeCommand):
    help = (
        "Import openings with their companies and sites from CSV, Excel (.xlsx) or schema.org "
        "JobPosting JSON-LD (.json, .jsonld, or an .html page). All or nothing: any error and "
        "nothing is written. --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--project", help="Project code for new records (default: your only project)."
        )
        parser.add_argument("--format", choices=FORMATS, help="Default: from the file name.")
        parser.add_argument(
            "--language", default="da", help="Language of the texts, for suggest (default da)."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = run_import(
                self.actor,
                path.read_bytes(),
                path.name,
                dry_run=options["dry_run"],
                project=options["project"],
                format=options["format"],
                language=options["language"],
            )
        except Http404:
            raise CommandError(
                "you may not import openings (no business-consultant or employer role)"
            ) from None
        if options["json"]:
            self.stdout.write(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str)
            )
        else:
            self._print(report)
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s): nothing was imported")

    def _print(self, report):
        for problem in report.errors:
            self.stderr.write(f"error: {problem}")
        for change in report.changes:
            if change.action == "unchanged":
                continue
            fields = ", ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in change.changes.items())
            self.stdout.write(
                f"{change.origin}: {change.action} {change.model} {change.label}"
                + (f" ({fields})" if fields else "")
            )
        for problem in report.warnings:
            self.stdout.write(f"note: {problem}")
        counts = report.counts()
        summary = "; ".join(
            f"{model}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for model, c in counts.items()
        )
        tail = (
            "dry run, nothing written"
            if report.dry_run
            else "written"
            if report.written
            else "nothing written"
        )
        self.stdout.write(
            f"{report.records} record(s) from {report.source} ({report.format}): {summary}; {tail}."
        )
