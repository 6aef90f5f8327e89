from django.core.management.base import CommandError

from talentbridge.accounts.access import is_administrator
from talentbridge.core.command import TalentbridgeCommand
from talentbridge.privacy.retention import DEFAULT_MONTHS, prune


class Command(TalentbridgeCommand):
    help = (
        "Apply the retention rule: remove the identifying data of candidates who left more than "
        "--months ago (with --erase: erase them completely). See docs/privacy.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=DEFAULT_MONTHS, help=f"default {DEFAULT_MONTHS}"
        )
        parser.add_argument("--erase", action="store_true", help="erase the candidates completely")
        parser.add_argument("--dry-run", action="store_true", help="only list who is due")

    def handle(self, *args, **options):
        if not is_administrator(self.actor):
            raise CommandError("only an administrator may apply the retention rule")
        try:
            result = prune(
                self.actor, options["months"], erase=options["erase"], dry_run=options["dry_run"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        verb = "due" if options["dry_run"] else ("erased" if options["erase"] else "pruned")
        self.stdout.write(
            f"left before {result.cutoff}: {len(result.candidates)} candidate(s) {verb}"
        )
        for ref in result.candidates:
            self.stdout.write(f"  {ref}")
        for label, n in sorted(result.deleted.items()):
            self.stdout.write(f"  {label}: {n}")
