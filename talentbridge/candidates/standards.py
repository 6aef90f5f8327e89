"""Labels for the standards the assessment records: ISCED 2011 levels and broad fields, ISO 639 languages."""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from .iso639 import ISO_639_CODES

ISCED_LEVELS = {
    0: _("Early childhood education"),
    1: _("Primary education"),
    2: _("Lower secondary education"),
    3: _("Upper secondary education"),
    4: _("Post-secondary non-tertiary education"),
    5: _("Short-cycle tertiary education"),
    6: _("Bachelor's or equivalent"),
    7: _("Master's or equivalent"),
    8: _("Doctoral or equivalent"),
}
ISCED_LEVEL_CHOICES = [(level, f"{level} – {label}") for level, label in ISCED_LEVELS.items()]

# ISCED-F 2013 broad fields (the first two digits of a detailed field such as 0715).
ISCED_BROAD_FIELDS = {
    "00": _("Generic programmes and qualifications"),
    "01": _("Education"),
    "02": _("Arts and humanities"),
    "03": _("Social sciences, journalism and information"),
    "04": _("Business, administration and law"),
    "05": _("Natural sciences, mathematics and statistics"),
    "06": _("Information and communication technologies"),
    "07": _("Engineering, manufacturing and construction"),
    "08": _("Agriculture, forestry, fisheries and veterinary"),
    "09": _("Health and welfare"),
    "10": _("Services"),
}

# Languages that are not in Django's LANG_INFO but are common among arrivals (ISO 639).
EXTRA_LANGUAGES = {
    "am": ("Amharic", "አማርኛ"),
    "ku": ("Kurdish", "Kurdî"),
    "kmr": ("Kurmanji", "Kurmancî"),
    "tr": ("Turkish", "Türkçe"),
    "om": ("Oromo", "Afaan Oromoo"),
    "sw": ("Swahili", "Kiswahili"),
    "ur": ("Urdu", "اردو"),
    "prs": ("Dari", "دری"),
    "ti": ("Tigrinya", "ትግርኛ"),
    "ckb": ("Sorani", "کوردیی ناوەندی"),
}


def isced_field_label(code: str) -> str:
    return str(ISCED_BROAD_FIELDS.get((code or "")[:2], "")) if code else ""


def language_name(code: str, local: bool = False) -> str:
    """English (or the language's own) name of an ISO 639 code; the code itself when unknown."""
    code = (code or "").lower()
    info = LANG_INFO.get(code)
    if info and "name" in info:
        return info["name_local" if local else "name"]
    if code in EXTRA_LANGUAGES:
        return EXTRA_LANGUAGES[code][1 if local else 0]
    return code


def is_language_code(code: str) -> bool:
    """A real ISO 639 code in lowercase: ISO 639-1 (2 letters) or ISO 639-2/639-3 (3 letters).

    The list is ``iso639.ISO_639_CODES``; ``xx`` or ``abc`` look like codes but are not.
    """
    return bool(code) and code in ISO_639_CODES


def language_code_error(code: str) -> str:
    """Why ``code`` is refused, in words that name the problem (the caller names the field)."""
    return (
        f"{code!r} is not an ISO 639 language code; give a code such as "
        "da, en, ar, ti (ISO 639-1) or prs, ckb (ISO 639-3), in lowercase."
    )
