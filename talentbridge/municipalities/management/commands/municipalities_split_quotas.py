from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.municipalities.services import split_quotas


def _region(text: str) -> tuple[str, int]:
    code, _, number = text.partition("=")
    try:
        return code.strip(), int(number)
    except ValueError:
        raise CommandError(f"--region: {text!r} is not CODE=NUMBER") from None


class Command(TalentbridgeCommand):
    help = (
        "Split the year's national number of refugees into quotas: over the regions (by "
        "population, or as --region gives them), then over each region's municipalities by "
        "population. Replaces the year's quotas."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--national", type=int, required=True, help="the national number")
        parser.add_argument(
            "--region",
            action="append",
            default=[],
            metavar="CODE=N",
            help="a regional quota (give all five, summing to --national)",
        )

    def handle(self, *args, **options):
        regional = dict(_region(r) for r in options["region"]) or None
        try:
            result = split_quotas(options["year"], options["national"], regional)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        regions = ", ".join(f"{code}: {n}" for code, n in result["regions"].items())
        self.stdout.write(f"regions: {regions}")
        self.stdout.write(f"quotas: {result['created']} created, {result['updated']} updated")
