"""``talentbridge report programme``: the funder's report as Excel, PDF or CSV."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.reports import exports, services


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(TalentbridgeCommand):
    help = (
        "Write the programme report for the funder (small numbers suppressed). Without --from it "
        "counts from the beginning; without --to, up to today."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="start", metavar="YYYY-MM-DD", help="First day of the period."
        )
        parser.add_argument(
            "--to", dest="end", metavar="YYYY-MM-DD", help="Last day of the period."
        )
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="xlsx")
        parser.add_argument(
            "--project", metavar="CODE", help="One project only (default: all you may see)."
        )
        parser.add_argument("--programme", type=int, metavar="ID", help="One programme only.")
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help="One municipality only, e.g. 0751: persons by the candidate's municipality, "
            "companies by their sites'.",
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it (default: a file named after the report; - for stdout).",
        )

    def handle(self, *args, **options):
        start = _date(options["start"]) if options["start"] else None
        end = _date(options["end"]) if options["end"] else None
        fmt = options["format"]
        try:
            report = services.programme_report(
                self.actor,
                start=start,
                end=end,
                project=options["project"],
                programme=options["programme"],
                municipality=options["municipality"],
                action=services.Action.EXPORT,
                purpose=f"funder export {fmt}",
            )
        except Http404:
            raise CommandError("no such project, or not one you may report on") from None
        except ValidationError as exc:
            problems = getattr(exc, "message_dict", None) or {"": exc.messages}
            raise CommandError(
                "; ".join(
                    f"{name}: {message}" if name and name != "__all__" else message
                    for name, messages in problems.items()
                    for message in messages
                )
            ) from None
        data = exports.render(report, fmt)
        target = options["output"] or exports.filename(report, fmt)
        if target == "-":
            sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else self.stdout.write(
                data.decode()
            )
            return
        Path(target).write_bytes(data)
        self.stdout.write(f"{target}: {len(data)} bytes, {len(report.projects)} project(s)")
