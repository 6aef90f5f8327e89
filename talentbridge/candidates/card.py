"""The competence card: a signed-off assessment on one or two pages, in Danish beside the
candidate's own language, as an HTML print view and as a PDF.

It carries no more personal data than needed: the name only when the viewer may read
identifying details, never the birth date, nationality, case number or asylum centre. The
card code (reference and version, e.g. ``TB-ABCDEFG-2``) finds the card again.

Fonts come from PyPI packages (Noto Sans, Noto Sans Arabic, Noto Sans Ethiopic) and are
embedded in the PDF through ``file://`` URLs; nothing is fetched from the network.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import get_language_info

from talentbridge.privacy import audit

from .models import Assessment, Candidate
from .permissions import can_read_personal, candidate_scope

A = audit.AuditEvent.Action
CARD_CODE = re.compile(r"^(?P<reference>[A-Z]{2}-[A-Z0-9]{7})-(?P<version>\d+)$")

# family name → (package, file name pattern)
FONTS = {
    "Noto Sans": ("fontpkg_noto_sans", "NotoSans[[]wdth,wght[]].ttf"),
    "Noto Sans Arabic": ("fontpkg_noto_sans_arabic", "NotoSansArabic[[]wdth,wght[]].ttf"),
    "Noto Sans Ethiopic": ("justmytype_intl_africa", "NotoSansEthiopic[[]wdth,wght[]].ttf"),
}
FONT_SLUGS = {
    "noto-sans": "Noto Sans",
    "noto-sans-arabic": "Noto Sans Arabic",
    "noto-sans-ethiopic": "Noto Sans Ethiopic",
}


@cache
def font_files() -> dict[str, Path]:
    """The font files found in the installed packages (a missing package is left out)."""
    found = {}
    for family, (package, pattern) in FONTS.items():
        spec = find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            match = next(iter(sorted(Path(root).rglob(pattern))), None)
            if match is not None:
                found[family] = match
                break
    return found


def font_face_css(url_for=lambda family, path: path.as_uri()) -> str:
    rules = []
    for family, path in font_files().items():
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url_for(family, path)}") format("truetype"); }}'
        )
    return "\n".join(rules)


def card_code(assessment: Assessment) -> str:
    return f"{assessment.candidate.reference}-{assessment.version}"


def find_by_code(user, code: str) -> Assessment:
    match = CARD_CODE.match((code or "").strip().upper())
    if not match:
        raise Http404
    assessment = (
        Assessment.objects.filter(
            candidate__in=candidate_scope(user),
            candidate__reference=match["reference"],
            version=int(match["version"]),
            status=Assessment.Status.SIGNED_OFF,
        )
        .select_related("candidate")
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def card_assessment(candidate: Candidate, version: int | None = None) -> Assessment:
    qs = Assessment.objects.filter(candidate=candidate, status=Assessment.Status.SIGNED_OFF)
    if version is not None:
        qs = qs.filter(version=version)
    assessment = qs.order_by("-version").select_related("assessor", "signed_off_by").first()
    if assessment is None:
        raise ValidationError(
            {"version": "The card shows a signed-off assessment; sign one off first."}
        )
    return assessment


def second_language(candidate: Candidate, requested: str | None = None) -> str:
    codes = dict(settings.LANGUAGES)
    language = requested or candidate.language or "en"
    if language not in codes:
        raise ValidationError({"language": f"Not one of the offered languages: {language!r}"})
    return "en" if language == "da" else language


def context(user, assessment: Assessment, language: str, *, for_pdf: bool = False) -> dict:
    candidate = assessment.candidate
    personal = None
    if can_read_personal(user, candidate):
        personal = getattr(candidate, "personal", None)
        if personal is not None:
            audit.record(user, A.READ, personal, detail={"card": True})
    audit.record(
        user,
        A.EXPORT if for_pdf else A.READ,
        assessment,
        detail={"card": True, "language": language},
    )
    assessment = (
        Assessment.objects.filter(pk=assessment.pk)
        .select_related("candidate", "assessor", "signed_off_by")
        .prefetch_related(
            "education",
            "languages",
            "certificates",
            "work_experience__occupation__texts",
            "skills__skill__texts",
        )
        .get()
    )
    info = get_language_info(language)
    return {
        "assessment": assessment,
        "candidate": candidate,
        "name": f"{personal.first_name} {personal.last_name}" if personal else "",
        "code": card_code(assessment),
        "columns": [
            {"code": "da", "bidi": False},
            {
                "code": language,
                "bidi": language in settings.RTL_LANGUAGES,
                "name": info["name_local"],
            },
        ],
        "skills": sorted(assessment.skills.all(), key=lambda s: (-s.evidence, -s.level)),
        "lookup_url": settings.SITE_ROOT.rstrip("/") + "/candidates/card/",
        "for_pdf": for_pdf,
    }


def render_html(user, assessment: Assessment, language: str) -> str:
    return render_to_string("candidates/card/card.html", context(user, assessment, language))


def _card_css() -> str:
    path = finders.find("candidates/card.css")
    return Path(path).read_text(encoding="utf-8") if path else ""


def render_pdf(user, assessment: Assessment, language: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(
        "candidates/card/card.html", context(user, assessment, language, for_pdf=True)
    )
    # The @font-face rules only take effect through a shared font configuration.
    fonts = FontConfiguration()
    stylesheets = [
        CSS(string=font_face_css(), font_config=fonts),
        CSS(string=_card_css(), font_config=fonts),
    ]
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )
