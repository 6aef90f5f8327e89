"""ISO 3166-1 alpha-2 codes grouped by UN M49 sub-region.

An anonymised profile shows the region of a nationality, not the nationality itself: in a
small cohort a rare nationality can identify a person. The grouping also validates codes.
``XX`` stands for stateless or unknown.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

_REGIONS = {
    "northern_africa": (_("Northern Africa"), "DZ EG LY MA SD TN EH"),
    "eastern_africa": (
        _("Eastern Africa"),
        "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    ),
    "middle_africa": (_("Middle Africa"), "AO CM CF TD CG CD GQ GA ST"),
    "southern_africa": (_("Southern Africa"), "BW SZ LS NA ZA"),
    "western_africa": (_("Western Africa"), "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
    "caribbean": (
        _("Caribbean"),
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    "central_america": (_("Central America"), "BZ CR SV GT HN MX NI PA"),
    "south_america": (_("South America"), "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
    "northern_america": (_("Northern America"), "BM CA GL PM US"),
    "central_asia": (_("Central Asia"), "KZ KG TJ TM UZ"),
    "eastern_asia": (_("Eastern Asia"), "CN HK MO KP JP MN KR TW"),
    "south_eastern_asia": (_("South-eastern Asia"), "BN KH ID LA MY MM PH SG TH TL VN"),
    "southern_asia": (_("Southern Asia"), "AF BD BT IN IR MV NP PK LK"),
    "western_asia": (_("Western Asia"), "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"),
    "eastern_europe": (_("Eastern Europe"), "BY BG CZ HU PL MD RO RU SK UA"),
    "northern_europe": (_("Northern Europe"), "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB"),
    "southern_europe": (_("Southern Europe"), "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK"),
    "western_europe": (_("Western Europe"), "AT BE FR DE LI LU MC NL CH"),
    "oceania": (
        _("Oceania"),
        "AU NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV WF UM CX CC HM",
    ),
    "antarctica": (_("Antarctica"), "AQ"),
    "stateless": (_("Stateless or unknown"), "XX"),
}

REGION_OF: dict[str, str] = {
    code: key for key, (_label, codes) in _REGIONS.items() for code in codes.split()
}
REGION_LABELS = {key: label for key, (label, _codes) in _REGIONS.items()}

# Names of the nationalities met most often in Danish asylum centres, for forms and cards;
# other codes are shown as they are.
COMMON_NAMES = {
    "AF": _("Afghanistan"),
    "DZ": _("Algeria"),
    "BI": _("Burundi"),
    "CD": _("Congo (DR)"),
    "ER": _("Eritrea"),
    "ET": _("Ethiopia"),
    "GE": _("Georgia"),
    "IQ": _("Iraq"),
    "IR": _("Iran"),
    "LB": _("Lebanon"),
    "LY": _("Libya"),
    "MA": _("Morocco"),
    "PK": _("Pakistan"),
    "PS": _("Palestine"),
    "RU": _("Russia"),
    "SD": _("Sudan"),
    "SO": _("Somalia"),
    "SS": _("South Sudan"),
    "SY": _("Syria"),
    "TR": _("Turkey"),
    "UA": _("Ukraine"),
    "YE": _("Yemen"),
    "XX": _("Stateless or unknown"),
}


def is_country(code: str) -> bool:
    return code in REGION_OF


def region_of(code: str) -> str:
    """The key of the sub-region of ``code`` (``""`` for an unknown code)."""
    return REGION_OF.get((code or "").upper(), "")


def country_name(code: str) -> str:
    code = (code or "").upper()
    return str(COMMON_NAMES.get(code, code))
