import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

PACKAGE = Path(__file__).resolve().parents[3]


class Command(BaseCommand):
    help = (
        "Update the .po catalogues from the source (needs GNU gettext). Each app keeps its own "
        "catalogue in <app>/locale; project-wide strings live in talentbridge/locale."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "apps", nargs="*", help="Only these apps (default: all with a locale folder)."
        )

    def handle(self, *args, **options):
        languages = [code for code, _ in settings.LANGUAGES]
        targets = (
            [PACKAGE / app for app in options["apps"]]
            if options["apps"]
            else [path.parent for path in sorted(PACKAGE.glob("*/locale"))]
        )
        for target in targets:
            (target / "locale").mkdir(exist_ok=True)
            cwd = os.getcwd()
            os.chdir(target)
            try:
                call_command(
                    "makemessages",
                    locale=languages,
                    ignore=["tests/*"],
                    no_obsolete=True,
                    verbosity=0,
                )
                if (target / "static").exists():
                    call_command("makemessages", domain="djangojs", locale=languages, verbosity=0)
            finally:
                os.chdir(cwd)
            self.fix_headers(target / "locale")
            self.stdout.write(f"updated {target.name}/locale")

    @staticmethod
    def fix_headers(locale_dir: Path) -> None:
        """makemessages leaves the language and, for locales Django lacks, the plural rule empty."""
        for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
            po = polib.pofile(str(po_path))
            po.metadata["Language"] = po_path.parts[-3]
            if "INTEGER" in po.metadata.get("Plural-Forms", "INTEGER"):
                po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            po.save()
