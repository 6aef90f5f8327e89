"""``talentbridge taxonomy suggest {occupations|skills} [TEXT]``: rank ESCO concepts for job titles.

With TEXT: the suggestions for it. Without: one query per line on stdin, one JSON line per
query on stdout, in input order (``{"query": …, "results": [{"uri", "label", "kind", "score"}]}``).
Queries are processed in batches, so the embeddings needed are computed together.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.taxonomy import services

BATCH = 256


class Command(TalentbridgeCommand):
    help = "Suggest ESCO occupations/ISCO-08 groups or skills for a text, or for each line of stdin (JSON lines)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["occupations", "skills"])
        parser.add_argument(
            "text", nargs="*", help="the query; without it, read one query per line from stdin"
        )
        parser.add_argument(
            "--lang", default="da", help="language of the labels to show (default da)"
        )
        parser.add_argument(
            "--top", type=int, default=10, help="number of suggestions (default 10)"
        )
        parser.add_argument(
            "--format",
            choices=["jsonl", "text"],
            default=None,
            help="jsonl (default for stdin) or text",
        )

    def handle(self, *args, kind, text, lang, top, format=None, **options):
        if not 1 <= top <= 100:
            raise CommandError("--top must be between 1 and 100")
        if text:
            queries = [" ".join(text)]
            fmt = format or "text"
        else:
            queries = None
            fmt = format or "jsonl"
        if queries is not None:
            self._write(queries, services.suggest_many(kind, queries, lang=lang, top=top), fmt)
            return
        batch: list[str] = []
        for line in sys.stdin:
            batch.append(line.rstrip("\r\n"))
            if len(batch) >= BATCH:
                self._write(batch, services.suggest_many(kind, batch, lang=lang, top=top), fmt)
                batch = []
        if batch:
            self._write(batch, services.suggest_many(kind, batch, lang=lang, top=top), fmt)

    def _write(self, queries: list[str], results: list[list[dict]], fmt: str) -> None:
        for query, found in zip(queries, results, strict=True):
            if fmt == "jsonl":
                self.stdout.write(
                    json.dumps({"query": query, "results": found}, ensure_ascii=False)
                )
            else:
                self.stdout.write(f"{query}:")
                for r in found:
                    self.stdout.write(
                        f"  {r['score']:.3f}  {r['label']}  [{r['kind']}]  {r['uri']}"
                    )
