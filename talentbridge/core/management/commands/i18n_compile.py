from pathlib import Path

import polib
from django.core.management.base import BaseCommand

PACKAGE = Path(__file__).resolve().parents[3]


class Command(BaseCommand):
    help = "Compile every .po message catalogue of Talentbridge to .mo (pure Python, no gettext needed)."

    def handle(self, *args, **options):
        count = 0
        for po_path in sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            po = polib.pofile(str(po_path))
            # makemessages' placeholder plural rule breaks gettext for the whole language.
            if "INTEGER" in po.metadata.get("Plural-Forms", ""):
                po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
            po.save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
