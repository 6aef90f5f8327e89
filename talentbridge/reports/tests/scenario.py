"""A small programme counted by hand: the expected figures are written next to the records.

Period under test: 2025-01-01 … 2025-12-31, project alpha unless said otherwise.

    A  ♀ SY 1990, arrived 2024-01-01, registered 2024-06-01, assessed 2024-07-01 (v1) and
       2025-03-01 (v2); internship 2025-02-01–04-30 at E1 started from match 1; job at E1
       2025-05-01–08-31, job at E2 2025-09-01 (hired twice: counts once)
    B  ♂ AF 1985, arrived 2024-12-01, registered 2025-03-01, assessed 2025-03-15;
       wage subsidy at E2 from 2025-04-01; 3-month follow-up 2025-07-05: employed
    C  ♀ ER 2000, arrived 2024-10-01, registered 2025-02-01, assessed 2025-02-10;
       Danish lessons from 2025-03-01; education (school) from 2025-08-15
    D  ♂ SY 1970, registered 2024-01-01, assessed 2024-02-01, left 2024-12-01 (moved)
    E  other IQ 1995, registered 2025-05-01, draft assessment only; Danish lessons 2025-06-01
    F  ♀ SY 1988, arrived 2023-06-01, registered 2024-03-01, assessed 2024-04-01; internship
       2024-05-01–08-31, job at E1 from 2024-09-01; left 2025-06-30 ("employed")
    G  ♂ SY 2003, registered 2025-11-01; job from 2026-01-15 (after the period)
    H  beta project: ♀ SY 1992, arrived 2024-06-01, registered 2025-01-05; internship at E1
       from 2025-03-01

Interactions: alpha — E1 contacted 2025-01-10 and 2025-03-10 (twice: counts once), E1
hosting 2025-04-01, E2 contacted 2024-11-01 and advised 2025-06-01, E3 contacted
2024-05-01; beta — E1 contacted 2025-02-01 (the programme counts E1 once).
"""

from __future__ import annotations

import datetime as dt

from talentbridge.employers.models import Interaction, Site
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.models import FollowUp
from talentbridge.pathways.tests.helpers import assess, make_employer, person, step

D = dt.date
START, END = D(2025, 1, 1), D(2025, 12, 31)

EXPECTED_ALPHA = {
    "participants": 6,  # A B C E F G (D left before the period)
    "assessed": 3,  # A (v2 in 2025) B C; E's draft does not count
    "matched": 1,  # A's internship from a match
    "in_pathway": 4,  # A B C F (F's job runs on); E has Danish lessons only; G starts 2026
    "in_internship_or_wage_subsidy": 2,  # A B
    "hired": 1,  # A, hired twice
    "started_education": 1,  # C
    "attached_to_company": 3,  # A B F
    "employed": 2,  # A hired, B by follow-up
    "left": 1,  # F
    "companies_contacted": 2,  # E1 (twice), E2
    "companies_hosting": 1,  # E1
}
EXPECTED_ALPHA_CUMULATIVE = {
    "participants": 7,
    "employed": 3,  # A B F
    "hired": 2,  # A F
    "companies_contacted": 3,  # E1 E2 E3
}


def build(p) -> dict:
    aarhus = Municipality.objects.get(code="0751")
    herning = Municipality.objects.get(code="0657")
    e1 = make_employer(p.project, "E1 Metal")
    e2 = make_employer(p.project, "E2 Food")
    e3 = make_employer(p.project, "E3 Care")
    Site.objects.create(employer=e1, name="Herning", municipality=herning)
    Site.objects.create(employer=e1, name="Aarhus", municipality=aarhus)
    Site.objects.create(employer=e2, name="Aarhus", municipality=aarhus)
    pr, org = p.project, p.ngo

    a = person(
        pr,
        org,
        gender="female",
        nationality="SY",
        birth_year=1990,
        arrived_on=D(2024, 1, 1),
        registered=D(2024, 6, 1),
    )
    assess(a, D(2024, 7, 1))
    assess(a, D(2025, 3, 1), version=2)
    step(a, "internship", D(2025, 2, 1), D(2025, 4, 30), employer=e1, source_match_id=1)
    step(a, "job", D(2025, 5, 1), D(2025, 8, 31), employer=e1)
    step(a, "job", D(2025, 9, 1), employer=e2)

    b = person(
        pr,
        org,
        gender="male",
        nationality="AF",
        birth_year=1985,
        arrived_on=D(2024, 12, 1),
        registered=D(2025, 3, 1),
    )
    assess(b, D(2025, 3, 15))
    ws = step(b, "wage_subsidy", D(2025, 4, 1), employer=e2)
    FollowUp.objects.filter(step=ws, months=3).update(outcome="employed", done_on=D(2025, 7, 5))

    c = person(
        pr,
        org,
        gender="female",
        nationality="ER",
        birth_year=2000,
        arrived_on=D(2024, 10, 1),
        registered=D(2025, 2, 1),
    )
    assess(c, D(2025, 2, 10))
    step(c, "danish_lessons", D(2025, 3, 1))
    step(c, "education", D(2025, 8, 15), provider="Aarhus Tech")

    d = person(
        pr,
        org,
        gender="male",
        nationality="SY",
        birth_year=1970,
        registered=D(2024, 1, 1),
        left_on=D(2024, 12, 1),
        left_reason="moved",
    )
    assess(d, D(2024, 2, 1))

    e = person(pr, org, gender="other", nationality="IQ", birth_year=1995, registered=D(2025, 5, 1))
    assess(e, D(2025, 6, 1), signed=False)
    step(e, "danish_lessons", D(2025, 6, 1))

    f = person(
        pr,
        org,
        gender="female",
        nationality="SY",
        birth_year=1988,
        arrived_on=D(2023, 6, 1),
        registered=D(2024, 3, 1),
        left_on=D(2025, 6, 30),
        left_reason="employed",
    )
    assess(f, D(2024, 4, 1))
    step(f, "internship", D(2024, 5, 1), D(2024, 8, 31), employer=e1)
    step(f, "job", D(2024, 9, 1), employer=e1)

    g = person(pr, org, gender="male", nationality="SY", birth_year=2003, registered=D(2025, 11, 1))
    step(g, "job", D(2026, 1, 15), employer=e2)

    h = person(
        p.other_project,
        p.other_ngo,
        gender="female",
        nationality="SY",
        birth_year=1992,
        arrived_on=D(2024, 6, 1),
        registered=D(2025, 1, 5),
    )
    step(h, "internship", D(2025, 3, 1), employer=e1)

    def interaction(project, employer, kind, day):
        Interaction.objects.create(project=project, employer=employer, kind=kind, date=day)

    interaction(pr, e1, "contacted", D(2025, 1, 10))
    interaction(pr, e1, "contacted", D(2025, 3, 10))
    interaction(pr, e1, "hosting", D(2025, 4, 1))
    interaction(pr, e2, "contacted", D(2024, 11, 1))
    interaction(pr, e2, "advised", D(2025, 6, 1))
    interaction(pr, e3, "contacted", D(2024, 5, 1))
    interaction(p.other_project, e1, "contacted", D(2025, 2, 1))
    return {
        "A": a,
        "B": b,
        "C": c,
        "D": d,
        "E": e,
        "F": f,
        "G": g,
        "H": h,
        "E1": e1,
        "E2": e2,
        "E3": e3,
    }
