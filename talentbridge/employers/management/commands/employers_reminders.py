"""talentbridge employers reminders [--as USER] [--all] [--days N] [--date YYYY-MM-DD]"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.employers.services.interactions import due_follow_ups


class Command(TalentbridgeCommand):
    help = (
        "List due follow-ups of company interactions: with --as USERNAME that consultant's own "
        "(or everybody's in their projects with --all); run by the operator, every consultant's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Every consultant's, not only your own."
        )
        parser.add_argument("--days", type=int, default=0, help="Also those due within N days.")
        parser.add_argument("--date", help="Count as of this date (default today).")

    def handle(self, *args, **options):
        as_of = None
        if options["date"]:
            try:
                as_of = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date: {options['date']!r} is not a date (YYYY-MM-DD)"
                ) from None
        everyone = options["all"] or getattr(self.actor, "is_system", False)
        due = due_follow_ups(
            self.actor,
            as_of=as_of,
            consultant=False if everyone else None,
            within_days=options["days"],
        )
        count = 0
        for i in due:
            who = i.consultant.get_username() if i.consultant_id else "-"
            note = " ".join(i.note.split())[:80]
            self.stdout.write(
                f"{i.follow_up_on}  {who:<16} {i.employer.name} (CVR {i.employer.cvr})  {i.kind} {i.date}  {note}"
            )
            count += 1
        self.stdout.write(f"{count} follow-up(s) due.")
