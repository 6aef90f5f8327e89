"""``talentbridge pathways refresh-milestones``: rebuild the cached milestones from the records."""

from __future__ import annotations

import time

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pathways.cache import ensure_fresh, refresh


class Command(TalentbridgeCommand):
    help = (
        "Rebuild every candidate's cached milestones (pathways.Milestones) from the steps, follow-ups, "
        "assessments and matches. Run it after loading data with bulk inserts or raw SQL; with --check "
        "it rebuilds only when row counts show that records changed behind the cache."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Rebuild only if the counts differ."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["check"]:
            done = ensure_fresh()
            self.stdout.write("rebuilt" if done else "up to date")
        else:
            refresh()
            self.stdout.write("rebuilt")
        self.stdout.write(f"in {time.perf_counter() - started:.1f} s")
