"""Who arrives: a synthetic refugee population drawn from published Danish figures.

Pure Python and ``random.Random``: the same seed gives the same people. The shares below are
the generator's assumptions; docs/demo.md cites where they come from.

- Origins. The main countries of origin of refugees in Denmark 2015–2019 were Syria, Eritrea,
  stateless persons (mostly Palestinians from Syria), Afghanistan, Iran and Somalia; about
  half of the 2022 arrivals came from Ukraine. The demo cohort mixes both periods.
- Education of refugees who arrived in 2015: about half had primary school only, about one in
  six upper-secondary school, 13 % higher education and about 10 % vocational education; we
  put the rest (about 10 %) at no completed schooling. Ukrainian arrivals are modelled with a
  higher share of higher education (an assumption, stated as such).
- Gender: most 2015 arrivals were men; most adults from Ukraine in 2022 were women.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

# origin: (ISO 3166 code, share, share of women, mother tongue ISO 639 code, self-assessment language)
ORIGINS = [
    ("UA", 0.34, 0.66, "uk", "uk"),
    ("SY", 0.22, 0.35, "ar", "ar"),
    ("ER", 0.12, 0.30, "ti", "ti"),
    ("AF", 0.10, 0.30, "prs", "prs"),
    ("XX", 0.06, 0.40, "ar", "ar"),  # stateless, mostly Palestinians from Syria
    ("IR", 0.06, 0.40, "fa", "fa"),
    ("SO", 0.05, 0.45, "so", "so"),
    ("IQ", 0.05, 0.40, "ckb", "ckb"),  # Kurdish Iraq: Sorani
]

# highest education: (label, ISCED 2011 level, share for 2015-like arrivals, share for Ukraine)
EDUCATION = [
    ("none", 0, 0.107, 0.02),
    ("primary", 1, 0.50, 0.10),  # primary or lower secondary; ISCED 1–2, drawn below
    ("upper_secondary", 3, 0.163, 0.23),
    ("vocational", 4, 0.10, 0.20),
    ("higher", 6, 0.13, 0.45),
]

# household size (persons, children included) and share of households
HOUSEHOLD_SIZES = [(1, 0.46), (2, 0.13), (3, 0.12), (4, 0.12), (5, 0.10), (6, 0.07)]

FIRST_NAMES = {
    "uk": {
        "female": [
            "Olena",
            "Iryna",
            "Oksana",
            "Tetiana",
            "Nataliia",
            "Yuliia",
            "Svitlana",
            "Anastasiia",
            "Mariia",
            "Kateryna",
        ],
        "male": [
            "Oleksandr",
            "Andrii",
            "Serhii",
            "Dmytro",
            "Mykola",
            "Volodymyr",
            "Ivan",
            "Yurii",
            "Vasyl",
            "Bohdan",
        ],
    },
    "ar": {
        "female": [
            "Fatima",
            "Aya",
            "Rama",
            "Nour",
            "Hala",
            "Rasha",
            "Lina",
            "Amal",
            "Reem",
            "Sara",
        ],
        "male": [
            "Mohammad",
            "Ahmad",
            "Omar",
            "Khaled",
            "Ali",
            "Hassan",
            "Yousef",
            "Mahmoud",
            "Samer",
            "Rami",
        ],
    },
    "ti": {
        "female": [
            "Helen",
            "Senait",
            "Mebrat",
            "Yordanos",
            "Selam",
            "Tsega",
            "Rahel",
            "Feven",
            "Luwam",
            "Saba",
        ],
        "male": [
            "Yonas",
            "Tesfay",
            "Dawit",
            "Merhawi",
            "Filmon",
            "Samuel",
            "Henok",
            "Robel",
            "Amanuel",
            "Biniam",
        ],
    },
    "prs": {
        "female": [
            "Zahra",
            "Maryam",
            "Fereshta",
            "Parwana",
            "Nargis",
            "Shabnam",
            "Mina",
            "Sima",
            "Laila",
            "Nazanin",
        ],
        "male": [
            "Ahmad",
            "Mohammad",
            "Abdul",
            "Hamid",
            "Farid",
            "Jawad",
            "Nasir",
            "Rahim",
            "Sayed",
            "Wahid",
        ],
    },
    "fa": {
        "female": [
            "Maryam",
            "Zahra",
            "Fatemeh",
            "Sara",
            "Leila",
            "Niloufar",
            "Parisa",
            "Shirin",
            "Mahsa",
            "Roya",
        ],
        "male": [
            "Reza",
            "Ali",
            "Hossein",
            "Mehdi",
            "Amir",
            "Hamed",
            "Saeed",
            "Behnam",
            "Kian",
            "Arash",
        ],
    },
    "so": {
        "female": [
            "Hodan",
            "Fadumo",
            "Amina",
            "Ifrah",
            "Sahra",
            "Hawa",
            "Nimco",
            "Ayaan",
            "Deeqa",
            "Ubah",
        ],
        "male": [
            "Abdi",
            "Mohamed",
            "Ahmed",
            "Hassan",
            "Abdirahman",
            "Omar",
            "Farah",
            "Yusuf",
            "Liban",
            "Said",
        ],
    },
    "ckb": {
        "female": [
            "Shilan",
            "Avin",
            "Rozhin",
            "Shno",
            "Dilan",
            "Hana",
            "Chra",
            "Lana",
            "Bahar",
            "Sozan",
        ],
        "male": [
            "Karwan",
            "Rebwar",
            "Aram",
            "Dler",
            "Hemin",
            "Shwan",
            "Zana",
            "Baran",
            "Soran",
            "Hiwa",
        ],
    },
}
LAST_NAMES = {
    "uk": [
        "Kovalenko",
        "Bondarenko",
        "Tkachenko",
        "Shevchenko",
        "Kravchenko",
        "Melnyk",
        "Boiko",
        "Oliinyk",
        "Lysenko",
        "Marchenko",
    ],
    "ar": [
        "Al-Hassan",
        "Haddad",
        "Khalil",
        "Al-Ahmad",
        "Mansour",
        "Saleh",
        "Darwish",
        "Ibrahim",
        "Nasser",
        "Hamdan",
    ],
    "ti": [
        "Tesfamariam",
        "Gebremedhin",
        "Habte",
        "Kidane",
        "Woldu",
        "Berhane",
        "Tekle",
        "Ghebreyesus",
        "Mehari",
        "Andom",
    ],
    "prs": [
        "Ahmadi",
        "Rahimi",
        "Hakimi",
        "Sultani",
        "Karimi",
        "Noori",
        "Haidari",
        "Safi",
        "Azizi",
        "Hashimi",
    ],
    "fa": [
        "Hosseini",
        "Mohammadi",
        "Rezaei",
        "Karimi",
        "Moradi",
        "Jafari",
        "Ahmadi",
        "Rahimi",
        "Sadeghi",
        "Kazemi",
    ],
    "so": [
        "Abdi",
        "Warsame",
        "Farah",
        "Hussein",
        "Ali",
        "Osman",
        "Jama",
        "Mohamud",
        "Aden",
        "Hirsi",
    ],
    "ckb": [
        "Ahmed",
        "Karim",
        "Rashid",
        "Mahmood",
        "Aziz",
        "Salih",
        "Qadir",
        "Othman",
        "Hama",
        "Faraj",
    ],
}

CEFR_LEVELS = ["pre-A1", "A1", "A2", "B1", "B2", "C1", "C2"]


@dataclass
class Person:
    first_name: str
    last_name: str
    gender: str
    birth_year: int
    date_of_birth: date
    nationality: str
    mother_tongue: str
    ui_language: str
    education: str
    isced_level: int
    years_of_schooling: int
    arrived_on: date
    asylum_status: str
    status_since: date | None
    work_allowed_from: date | None
    danish: str
    english: str
    licences: list[str] = field(default_factory=list)
    experience_years: float = 0.0


@dataclass
class HouseholdDraft:
    size: int
    adults: list[Person]


def _pick(rng: Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def draw_origin(rng: Random):
    return _pick(rng, ORIGINS, [o[1] for o in ORIGINS])


def draw_person(
    rng: Random, origin, as_of: date, *, gender: str | None = None, last_name: str | None = None
) -> Person:
    code, _, women, tongue, ui_language = origin
    gender = gender or ("female" if rng.random() < women else "male")
    age = int(min(62, max(18, rng.gauss(33, 9))))
    birth_year = as_of.year - age
    date_of_birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
    ukraine = code == "UA"
    education = _pick(rng, EDUCATION, [e[3] if ukraine else e[2] for e in EDUCATION])
    label, isced, *_ = education
    if label == "primary":
        isced = rng.choice([1, 2])
    elif label == "higher":
        isced = _pick(rng, [5, 6, 7, 8], [0.15, 0.55, 0.27, 0.03])
    years = {0: rng.randint(0, 3), 1: 6, 2: 9, 3: 12, 4: 12, 5: 14, 6: 15, 7: 17, 8: 20}[isced]
    # Arrivals within the last 30 months; Ukrainians under the special act may work at once.
    arrived_on = as_of - timedelta(days=rng.randrange(20, 900))
    if ukraine:
        status, since = "granted", arrived_on + timedelta(days=rng.randrange(20, 60))
    else:
        roll = rng.random()
        if roll < 0.45:
            status, since = "asylum_seeker", None
        elif roll < 0.85:
            status, since = "granted", arrived_on + timedelta(days=rng.randrange(90, 500))
        elif roll < 0.95:
            status, since = "family_reunified", arrived_on
        else:
            status, since = "refused", arrived_on + timedelta(days=rng.randrange(120, 500))
    if since and since > as_of:
        since = as_of - timedelta(days=rng.randrange(1, 30))
        since = max(since, arrived_on)
    # Asylum seekers may work (under an agreement) some months after arrival; the rest once granted.
    work_from = (
        since if status in {"granted", "family_reunified"} else arrived_on + timedelta(days=180)
    )
    if status == "refused":
        work_from = None
    danish = _pick(rng, CEFR_LEVELS[:4], [0.45, 0.3, 0.17, 0.08])
    english = _pick(
        rng,
        CEFR_LEVELS[:6],
        [0.25, 0.2, 0.2, 0.17, 0.12, 0.06] if not ukraine else [0.1, 0.15, 0.25, 0.25, 0.17, 0.08],
    )
    licences = []
    if rng.random() < (0.35 if gender == "male" else 0.15):
        licences.append("B")
        if rng.random() < 0.25:
            licences.append("C")
    names = FIRST_NAMES.get(tongue, FIRST_NAMES["ar"])
    return Person(
        first_name=rng.choice(names[gender if gender in names else "male"]),
        last_name=last_name or rng.choice(LAST_NAMES.get(tongue, LAST_NAMES["ar"])),
        gender=gender,
        birth_year=birth_year,
        date_of_birth=date_of_birth,
        nationality=code,
        mother_tongue=tongue,
        ui_language=ui_language,
        education=label,
        isced_level=isced,
        years_of_schooling=years,
        arrived_on=arrived_on,
        asylum_status=status,
        status_since=since,
        work_allowed_from=work_from,
        danish=danish,
        english=english,
        licences=licences,
        experience_years=round(max(0.0, min(age - 16, rng.expovariate(1 / 6))), 1),
    )


def draw_household(rng: Random, as_of: date) -> HouseholdDraft:
    """A household of 1–6 persons with one or two adults who are assessed."""
    size = _pick(rng, [s for s, _ in HOUSEHOLD_SIZES], [w for _, w in HOUSEHOLD_SIZES])
    origin = draw_origin(rng)
    first = draw_person(rng, origin, as_of)
    adults = [first]
    if size >= 2 and rng.random() < 0.7:
        partner_gender = "male" if first.gender == "female" else "female"
        partner = draw_person(rng, origin, as_of, gender=partner_gender, last_name=first.last_name)
        # Family members share status and arrival.
        partner.arrived_on, partner.asylum_status = first.arrived_on, first.asylum_status
        partner.status_since, partner.work_allowed_from = (
            first.status_since,
            first.work_allowed_from,
        )
        adults.append(partner)
    return HouseholdDraft(size=size, adults=adults)
