import signal
import subprocess
import sys
from datetime import date

from django.conf import settings
from django.core.management import call_command, get_commands

from talentbridge.accounts.models import Programme
from talentbridge.core.command import TalentbridgeCommand
from talentbridge.demo.generator import DEMO_PASSWORD, DEMO_USERS, generate


class Command(TalentbridgeCommand):
    help = (
        "Set up and serve the demo: migrate, load the built-in taxonomy, generate the synthetic "
        "programme (once), start a task worker and serve the UI on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--candidates", type=int, default=300)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up only; do not start the server."
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("database ready: " + str(settings.DATABASES["default"]["NAME"]))
        from talentbridge.taxonomy.models import TaxonomyImport

        if not TaxonomyImport.objects.exists() and "taxonomy_import_esco" in get_commands():
            self.stdout.write("loading the built-in ESCO taxonomy (once)…")
            call_command("taxonomy_import_esco", builtin=True, stdout=self.stdout)
        if not Programme.objects.filter(name__startswith="Talent Management (demo").exists():
            self.stdout.write("generating the demo programme (once)…")
            summary = generate(
                seed=options["seed"], candidates=options["candidates"], as_of=date.today()
            )
            self.stdout.write(
                f"  {summary.candidates} candidates, {summary.employers} employers, {summary.openings} openings"
            )
        self.stdout.write("")
        self.stdout.write(f"Talentbridge demo: http://127.0.0.1:{options['port']}/")
        self.stdout.write(f"Logins (password for all: {DEMO_PASSWORD}):")
        for username, role, _, full_name in DEMO_USERS:
            self.stdout.write(f"  {username:12} {role.label}  ({full_name})")
        if options["no_serve"]:
            return
        worker = subprocess.Popen(
            [sys.executable, "-m", "talentbridge.cli", "worker", "--no-startup-delay"]
        )
        # Stop the worker with the server, also when the server is stopped by a signal.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
