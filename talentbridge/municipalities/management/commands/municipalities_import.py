from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.municipalities.services import import_municipalities


class Command(TalentbridgeCommand):
    help = "Update the municipalities from an official CSV (code,name,region_code,region_name,lon,lat,population…)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            result = import_municipalities(options["file"])
        except (ValidationError, OSError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stdout.write(f"municipalities: {result.created} created, {result.updated} updated")
