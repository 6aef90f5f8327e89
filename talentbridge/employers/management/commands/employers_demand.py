"""talentbridge employers demand [--project CODE] [--date YYYY-MM-DD] [--region] [--json]"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.employers.services.demand import demand_by_region, demand_for


class Command(TalentbridgeCommand):
    help = "Print the demand map: people asked for per municipality (or region), with the main occupations."

    def add_arguments(self, parser):
        parser.add_argument("--project", help="Project code (default: all your projects).")
        parser.add_argument("--date", help="Count as of this date (default today).")
        parser.add_argument("--region", action="store_true", help="Sum per region.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the plain data (the shape in docs/employers.md).",
        )

    def handle(self, *args, **options):
        as_of = None
        if options["date"]:
            try:
                as_of = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date: {options['date']!r} is not a date (YYYY-MM-DD)"
                ) from None
        try:
            demand = demand_for(self.actor, project=options["project"], as_of=as_of)
        except Http404:
            raise CommandError(
                "no such project of yours, or no role that reads the demand map"
            ) from None
        rows = demand_by_region(demand) if options["region"] else demand["municipalities"]
        if options["json"]:
            self.stdout.write(
                json.dumps(rows if options["region"] else demand, ensure_ascii=False, indent=2)
            )
            return
        for code, entry in sorted(rows.items(), key=lambda kv: -kv[1]["people"]):
            top = ", ".join(f"ISCO {k}: {v}" for k, v in list(entry["isco_groups"].items())[:3])
            self.stdout.write(
                f"{code} {entry['name']:<22} {entry['people']:>5} people "
                f"({entry['from_openings']} open places, {entry['from_needs']} unmet needs)  {top}"
            )
        self.stdout.write(
            f"as of {demand['as_of']}: {sum(e['people'] for e in rows.values())} people in {len(rows)} area(s)"
        )
