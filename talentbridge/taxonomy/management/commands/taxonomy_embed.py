"""``talentbridge taxonomy embed``: compute the label embeddings for suggest, now."""

from __future__ import annotations

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.taxonomy.embeddings import embed
from talentbridge.taxonomy.search import INDEX_KINDS


class Command(TalentbridgeCommand):
    help = (
        "Compute the multilingual embeddings of the taxonomy's labels (the semantic layer of "
        "suggest). The task worker does this after every import; this runs it at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "indexes",
            nargs="*",
            metavar="INDEX",
            # No `choices`: argparse in Python 3.11 refuses an empty list against them.
            help="occupations, skills (default: both)",
        )

    def handle(self, *args, indexes=None, **options):
        def progress(name, done, total):
            self.stderr.write(f"{name}: {done}/{total} labels embedded")

        unknown = sorted(set(indexes or ()) - set(INDEX_KINDS))
        if unknown:
            raise CommandError(
                f"unknown index {', '.join(unknown)}: choose from {', '.join(INDEX_KINDS)}"
            )
        try:
            summary = embed(indexes or None, progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for name, counts in summary.items():
            self.stdout.write(
                f"{name}: {counts['concepts']} concepts, {counts['texts']} labels, "
                f"{counts['computed']} computed in {counts['seconds']:.1f} s"
            )
