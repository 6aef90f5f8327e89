from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.candidates import card
from talentbridge.candidates.permissions import get_candidate_or_404
from talentbridge.core.command import TalentbridgeCommand


class Command(TalentbridgeCommand):
    help = "Write a candidate's competence card as PDF (Danish beside the candidate's language)."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--language", help="second language (default: the candidate's own)")
        parser.add_argument(
            "--assessment-version",
            dest="card_version",
            type=int,
            help="assessment version (default: latest signed off)",
        )
        parser.add_argument("--output", "-o", help="PDF file (default: <card code>-<language>.pdf)")

    def handle(self, *args, **options):
        try:
            candidate = get_candidate_or_404(self.actor, options["reference"])
            assessment = card.card_assessment(candidate, options["card_version"])
            language = card.second_language(candidate, options["language"])
        except Http404:
            raise CommandError(f"no candidate {options['reference']!r} in your scope") from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        path = options["output"] or f"{card.card_code(assessment)}-{language}.pdf"
        with open(path, "wb") as handle:
            handle.write(card.render_pdf(self.actor, assessment, language))
        self.stdout.write(f"wrote {path}")
