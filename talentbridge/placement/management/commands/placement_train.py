"""``talentbridge placement train``: (re)train the outcome model on recorded follow-up outcomes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.placement.outcome_model import train


class Command(TalentbridgeCommand):
    help = "Train the outcome model on the recorded outcomes; runs use the newest model."

    def add_arguments(self, parser):
        parser.add_argument(
            "--horizon", type=int, default=12, help="Employed within this many months."
        )

    def handle(self, *args, **options):
        try:
            model = train(self.actor, horizon_months=options["horizon"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except Http404:
            raise CommandError("your role may not read recorded outcomes") from None
        auc = "n/a" if model.validation_auc is None else f"{model.validation_auc:.3f}"
        self.stdout.write(
            f"outcome model {model.pk}: {model.rows} people, {model.positives} employed, validation AUC {auc}"
        )
        self.stdout.write(model.card)
