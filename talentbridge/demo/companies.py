"""Who hires: synthetic companies by sector, with valid CVR numbers.

Pure Python. Each sector names the DB07 industry, the ISCO-08 unit groups it recruits for
(the generator picks ESCO occupations of those groups from the curated taxonomy sample),
and where in Denmark it tends to be (weights per region code).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def make_cvr(rng: Random) -> str:
    """A random CVR number that passes the modulus-11 check."""
    while True:
        head = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        partial = sum(d * w for d, w in zip(head, CVR_WEIGHTS[:7], strict=True))
        check = (-partial) % 11
        if check < 10:
            return "".join(map(str, head)) + str(check)


@dataclass(frozen=True)
class Sector:
    key: str
    name_da: str
    db07: str
    isco_units: tuple[str, ...]
    region_weights: dict[str, float]
    name_parts: tuple[str, ...]
    share: float


# Region codes: 1081 Nordjylland, 1082 Midtjylland, 1083 Syddanmark, 1084 Hovedstaden, 1085 Sjælland.
SECTORS = [
    Sector(
        "manufacturing",
        "Industri",
        "251100",
        ("7212", "7223", "7231", "7233", "8142", "9329", "3115"),
        {"1082": 2.0, "1083": 1.8, "1081": 1.2, "1085": 0.8, "1084": 0.5},
        ("Metal", "Stål", "Maskinfabrik", "Industri"),
        0.2,
    ),
    Sector(
        "food",
        "Fødevareindustri",
        "101100",
        ("7511", "7512", "8160", "9329"),
        {"1082": 1.6, "1083": 1.5, "1081": 1.4, "1085": 1.0, "1084": 0.4},
        ("Slagteri", "Bageri", "Fødevarer", "Mejeri"),
        0.08,
    ),
    Sector(
        "cleaning",
        "Rengøring",
        "812100",
        ("9112", "5151"),
        {"1084": 2.0, "1082": 1.0, "1083": 1.0, "1085": 0.8, "1081": 0.8},
        ("Rengøring", "Service", "Facility"),
        0.12,
    ),
    Sector(
        "hospitality",
        "Hotel og restaurant",
        "561010",
        ("5120", "9412", "5131", "5132"),
        {"1084": 2.2, "1082": 1.0, "1083": 1.0, "1081": 0.8, "1085": 0.7},
        ("Restaurant", "Hotel", "Køkken", "Kantine"),
        0.12,
    ),
    Sector(
        "care",
        "Sundhed og omsorg",
        "873000",
        ("5322", "5321", "2221", "5311"),
        {"1084": 1.2, "1082": 1.0, "1083": 1.0, "1085": 1.0, "1081": 1.0},
        ("Omsorg", "Plejecenter", "Hjemmepleje"),
        0.1,
    ),
    Sector(
        "construction",
        "Bygge og anlæg",
        "412000",
        ("7115", "7112", "7126", "7411", "7131", "9313"),
        {"1082": 1.3, "1084": 1.2, "1083": 1.1, "1085": 1.0, "1081": 0.9},
        ("Byg", "Entreprise", "Tømrer", "El-service"),
        0.12,
    ),
    Sector(
        "transport",
        "Transport og lager",
        "494100",
        ("8332", "8331", "8322", "8344", "9333", "4321"),
        {"1083": 1.5, "1082": 1.3, "1085": 1.1, "1084": 1.0, "1081": 0.9},
        ("Transport", "Logistik", "Lager", "Fragt"),
        0.1,
    ),
    Sector(
        "agriculture",
        "Landbrug og gartneri",
        "011300",
        ("9212", "9213", "9214", "6111", "6113"),
        {"1081": 1.6, "1082": 1.5, "1083": 1.4, "1085": 1.3, "1084": 0.2},
        ("Gartneri", "Landbrug", "Planteskole"),
        0.06,
    ),
    Sector(
        "retail",
        "Detailhandel",
        "471100",
        ("5223", "5230", "5221"),
        {"1084": 1.6, "1082": 1.1, "1083": 1.0, "1085": 1.0, "1081": 0.9},
        ("Supermarked", "Butik", "Handel"),
        0.06,
    ),
    Sector(
        "it",
        "IT og rådgivning",
        "620100",
        ("2512", "2514", "3512", "2411"),
        {"1084": 2.5, "1082": 1.5, "1083": 0.6, "1081": 0.5, "1085": 0.3},
        ("Data", "Software", "Digital"),
        0.04,
    ),
]

COMPANY_SUFFIXES = ("A/S", "ApS", "I/S", "A/S", "ApS")
PLACE_WORDS = (
    "Nord",
    "Syd",
    "Vest",
    "Øst",
    "Midt",
    "Fjord",
    "Skov",
    "Å",
    "Bakke",
    "Hede",
    "Kyst",
    "By",
)


def company_name(rng: Random, sector: Sector, town: str) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{town} {rng.choice(sector.name_parts)} {rng.choice(COMPANY_SUFFIXES)}"
    if style < 0.7:
        return f"{rng.choice(PLACE_WORDS)}{rng.choice(sector.name_parts).lower()} {rng.choice(COMPANY_SUFFIXES)}"
    return f"{rng.choice(('Dansk', 'Nordisk', 'Jysk', 'Fynsk', 'Sjællands'))} {rng.choice(sector.name_parts)} {rng.choice(COMPANY_SUFFIXES)}"


def draw_sector(rng: Random) -> Sector:
    return rng.choices(SECTORS, weights=[s.share for s in SECTORS], k=1)[0]
