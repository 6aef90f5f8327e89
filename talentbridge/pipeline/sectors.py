"""Sectors as NACE/DB07 sections (A–U), so that a candidate's stated sectors (free text:
"manufacturing", "rengøring", "49", "C") can be compared with a company's industry code."""

from __future__ import annotations

import re

# Section letter, first and last two-digit division, and words that name it (da, en).
SECTIONS = [
    (
        "A",
        1,
        3,
        (
            "agriculture",
            "farming",
            "landbrug",
            "gartneri",
            "skovbrug",
            "fiskeri",
            "fishing",
            "forestry",
        ),
    ),
    ("B", 5, 9, ("mining", "råstof", "quarrying")),
    (
        "C",
        10,
        33,
        (
            "manufacturing",
            "industri",
            "production",
            "produktion",
            "factory",
            "fabrik",
            "food",
            "fødevare",
            "metal",
            "welding",
            "svejsning",
        ),
    ),
    ("D", 35, 35, ("energy", "energi", "electricity", "el-forsyning")),
    ("E", 36, 39, ("water", "vand", "waste", "affald", "renovation")),
    ("F", 41, 43, ("construction", "bygge", "byggeri", "anlæg", "building")),
    (
        "G",
        45,
        47,
        (
            "retail",
            "detail",
            "detailhandel",
            "shop",
            "butik",
            "trade",
            "handel",
            "engros",
            "wholesale",
        ),
    ),
    ("H", 49, 53, ("transport", "logistics", "logistik", "lager", "warehouse", "storage", "post")),
    (
        "I",
        55,
        56,
        ("hospitality", "hotel", "restaurant", "kitchen", "køkken", "catering", "café", "cafe"),
    ),
    ("J", 58, 63, ("it", "ict", "software", "information", "kommunikation", "media", "medier")),
    ("K", 64, 66, ("finance", "finans", "bank", "insurance", "forsikring")),
    ("L", 68, 68, ("real estate", "ejendom")),
    (
        "M",
        69,
        75,
        (
            "consulting",
            "rådgivning",
            "engineering",
            "ingeniør",
            "research",
            "forskning",
            "law",
            "advokat",
        ),
    ),
    (
        "N",
        77,
        82,
        ("cleaning", "rengøring", "service", "security", "vagt", "facility", "administration"),
    ),
    ("O", 84, 84, ("public administration", "offentlig administration", "forsvar")),
    ("P", 85, 85, ("education", "uddannelse", "teaching", "undervisning", "school", "skole")),
    (
        "Q",
        86,
        88,
        ("care", "omsorg", "health", "sundhed", "hospital", "nursing", "pleje", "social"),
    ),
    ("R", 90, 93, ("culture", "kultur", "sport", "entertainment", "fritid")),
    ("S", 94, 96, ("hairdresser", "frisør", "repair", "reparation", "organisation")),
    ("T", 97, 98, ("household", "husholdning")),
    ("U", 99, 99, ("extraterritorial",)),
]
LETTERS = tuple(s[0] for s in SECTIONS)


def section_of_code(code: str) -> str | None:
    """The section of a DB07/NACE code ("251100" -> "C"), None if it is not one."""
    digits = re.sub(r"\D", "", code or "")
    if len(digits) < 2:
        return None
    division = int(digits[:2])
    return next((letter for letter, lo, hi, _ in SECTIONS if lo <= division <= hi), None)


def sections_of_text(text: str) -> set[str]:
    """Sections a candidate means by a stated sector (a letter, a code or words)."""
    text = (text or "").strip()
    if not text:
        return set()
    if len(text) == 1 and text.upper() in LETTERS:
        return {text.upper()}
    by_code = section_of_code(text) if re.fullmatch(r"[\d .]+", text) else None
    if by_code:
        return {by_code}
    lowered = text.lower()
    words = set(re.findall(r"[\wæøå-]+", lowered))
    found = set()
    for letter, _lo, _hi, names in SECTIONS:
        for name in names:
            if (
                (" " in name and name in lowered)
                or name in words
                or any(w.startswith(name) for w in words if len(name) >= 5)
            ):
                found.add(letter)
    return found
