from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.municipalities.services import import_quotas


class Command(TalentbridgeCommand):
    help = "Import yearly refugee quotas from a CSV with columns year,municipality_code,quota."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="The year, when the file has no year column.")

    def handle(self, *args, **options):
        try:
            result = import_quotas(options["file"], year=options["year"])
        except (ValidationError, OSError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stdout.write(f"quotas: {result.created} created, {result.updated} updated")
