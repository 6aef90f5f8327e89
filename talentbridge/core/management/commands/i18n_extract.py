import os
from pathlib import Path

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
        parser.add_argument("apps", nargs="*", help="Only these apps (default: all with a locale folder).")

    def handle(self, *args, **options):
        languages = [code for code, _ in settings.LANGUAGES]
        targets = [PACKAGE / app for app in options["apps"]] if options["apps"] else [
            path.parent for path in sorted(PACKAGE.glob("*/locale"))
        ]
        for target in targets:
            (target / "locale").mkdir(exist_ok=True)
            cwd = os.getcwd()
            os.chdir(target)
            try:
                call_command("makemessages", locale=languages, ignore=["tests/*"], no_obsolete=True, verbosity=0)
                if (target / "static").exists():
                    call_command("makemessages", domain="djangojs", locale=languages, verbosity=0)
            finally:
                os.chdir(cwd)
            self.stdout.write(f"updated {target.name}/locale")
