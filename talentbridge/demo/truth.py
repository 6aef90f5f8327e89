"""The hidden truth the demo plants: what each synthetic person *really* can do.

The assessment records what people claim and how well each claim is backed; the truth is
what they really hold. ``talentbridge match evaluate`` measures the matching against it
(see :func:`talentbridge.matching.evaluation.true_fit`), so it must not come from the
score it judges. It is drawn here, when the generator makes the people, from its own random
stream (seeded by the demo seed), so planting it changes none of the other demo data:

- a **recorded skill** is truly held with a probability that grows with its evidence level
  (:data:`P_HELD`): self-reported 0.6, checked by the assessor 0.8, shown in practice 0.9,
  certified 0.97;
- **unrecorded skills**: each essential skill of the person's previous occupations that the
  assessment did not record is truly held with probability 0.3, each optional one with 0.15
  (people know more of their trade than an interview brings out);
- the **true Danish level** is the recorded level moved one CEFR step down or up with
  probability 0.1 / 0.1 if it was tested, 0.25 / 0.2 if only self-assessed;
- a hidden **reliability/motivation factor** in [0.3, 1]: Gauss(0.8, 0.15), clipped.

Pure Python and ``random.Random``; the database writes are in :func:`plant`.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from .population import CEFR_LEVELS

#: Probability that a recorded skill is truly held, by EvidenceLevel (1 self-reported,
#: 2 checked by the assessor, 3 shown in practice, 4 certified).
P_HELD = {1: 0.6, 2: 0.8, 3: 0.9, 4: 0.97}
#: Probability that an unrecorded essential / optional skill of a previous occupation is held.
P_UNRECORDED_ESSENTIAL = 0.3
P_UNRECORDED_OPTIONAL = 0.15
#: Probability that the true Danish level is one step (below, above) the recorded one.
DANISH_SHIFT_TESTED = (0.1, 0.1)
DANISH_SHIFT_SELF = (0.25, 0.2)
#: The hidden reliability/motivation factor: Gauss(mean, sd) clipped to [low, 1].
FACTOR_MEAN, FACTOR_SD, FACTOR_LOW = 0.8, 0.15, 0.3


@dataclass
class TrueProfile:
    skills: list[str]  # ESCO URIs, sorted
    danish: str  # CEFR level
    factor: float


def draw_truth(
    rng: Random,
    recorded: list[tuple[str, int]],
    occupation_skills: list[tuple[str, bool]],
    danish: str,
    tested: bool,
) -> TrueProfile:
    """Draw one person's truth.

    Parameters
    ----------
    rng : the truth's random stream.
    recorded : (skill URI, EvidenceLevel value) of each skill the assessment recorded.
    occupation_skills : (skill URI, essential?) of the skills of the person's previous
        occupations; those not recorded may be held all the same.
    danish : the recorded Danish level ("pre-A1" ... "C2").
    tested : whether the Danish level was tested (less noise) or self-assessed.

    Examples
    --------
    >>> t = draw_truth(Random(1), [("s1", 4), ("s2", 1)], [("s3", True)], "A2", True)
    >>> t.danish in ("A1", "A2", "B1"), 0.3 <= t.factor <= 1.0
    (True, True)
    """
    held = set()
    seen = set()
    for uri, evidence in recorded:
        seen.add(uri)
        if rng.random() < P_HELD[int(evidence)]:
            held.add(uri)
    for uri, essential in occupation_skills:
        if uri in seen:
            continue
        seen.add(uri)
        if rng.random() < (P_UNRECORDED_ESSENTIAL if essential else P_UNRECORDED_OPTIONAL):
            held.add(uri)
    down, up = DANISH_SHIFT_TESTED if tested else DANISH_SHIFT_SELF
    level = CEFR_LEVELS.index(danish)
    roll = rng.random()
    if roll < down:
        level -= 1
    elif roll < down + up:
        level += 1
    level = min(max(level, 0), len(CEFR_LEVELS) - 1)
    factor = min(1.0, max(FACTOR_LOW, rng.gauss(FACTOR_MEAN, FACTOR_SD)))
    return TrueProfile(sorted(held), CEFR_LEVELS[level], round(factor, 4))


def truth_rng(seed: int) -> Random:
    """The truth's own random stream: other demo data do not move when it is drawn."""
    return Random(f"talentbridge-demo-truth:{seed}")


def plant(gen, records: dict) -> int:
    """Draw and store the truth of every generated candidate (bulk inserts).

    ``records`` maps a candidate pk to (recorded skills, occupations, Danish tested?); people
    without an assessment have no entry and get only a Danish level and a factor.
    """
    from .models import PlantedTruth
    from .sampling import bulk

    rng = truth_rng(gen.seed)
    rows = []
    for candidate, person in zip(gen.candidates, gen.persons, strict=True):
        recorded, occupations, tested = records.get(candidate.pk, ([], [], False))
        occupation_skills = [
            (s.uri, essential)
            for o in occupations
            for essential, skills in ((True, o.essential), (False, o.optional))
            for s in skills
        ]
        t = draw_truth(rng, recorded, occupation_skills, person.danish, tested)
        rows.append(
            PlantedTruth(
                candidate=candidate,
                seed=gen.seed,
                skills=t.skills,
                danish=t.danish,
                factor=t.factor,
            )
        )
    bulk(PlantedTruth, rows)
    return len(rows)
