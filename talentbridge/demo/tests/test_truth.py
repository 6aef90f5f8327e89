"""The hidden truth the demo plants (demo.PlantedTruth), and the pure draw behind it."""

from datetime import date
from random import Random

import pytest
from django.db import transaction

from talentbridge.candidates.models import AssessedSkill, Candidate
from talentbridge.demo import truth
from talentbridge.demo.generator import generate
from talentbridge.demo.models import PlantedTruth

AS_OF = date(2026, 11, 1)


class Rollback(Exception):
    pass


def _planted():
    return list(
        PlantedTruth.objects.order_by("candidate__pk").values_list(
            "candidate__birth_year", "skills", "danish", "factor"
        )
    )


@pytest.mark.django_db
def test_the_truth_is_deterministic_by_seed_and_goes_with_the_candidate():
    runs = []
    for seed in (11, 11, 12):
        try:
            with transaction.atomic():
                summary = generate(seed=seed, candidates=60, as_of=AS_OF)
                runs.append(_planted())
                raise Rollback
        except Rollback:
            pass
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert len(runs[0]) == 60 == summary.planted_truths
    assert any(skills for _, skills, _, _ in runs[0])

    generate(seed=3, candidates=30, as_of=AS_OF)
    assert PlantedTruth.objects.count() == 30
    candidate = Candidate.objects.filter(planted_truth__isnull=False).first()
    candidate.delete()
    assert PlantedTruth.objects.count() == 29


@pytest.mark.django_db
def test_planted_values_are_in_range_and_mostly_recorded_skills():
    generate(seed=4, candidates=40, as_of=AS_OF)
    truths = list(PlantedTruth.objects.all())
    assert all(t.danish in truth.CEFR_LEVELS and 0.3 <= t.factor <= 1.0 for t in truths)
    recorded = set(AssessedSkill.objects.values_list("skill__uri", flat=True))
    held = [uri for t in truths for uri in t.skills]
    assert held and sum(uri in recorded for uri in held) > len(held) / 2


def _share_held(evidence: int, draws: int = 4000) -> float:
    rng = Random(evidence)
    held = 0
    for k in range(draws):
        t = truth.draw_truth(rng, [(f"s{k}", evidence)], [], "A2", tested=True)
        held += bool(t.skills)
    return held / draws


def test_evidence_levels_change_the_probability_as_documented():
    shares = {e: _share_held(e) for e in (1, 2, 3, 4)}
    for e, share in shares.items():
        assert share == pytest.approx(truth.P_HELD[e], abs=0.025), (e, share)
    assert shares[1] < shares[2] < shares[3] < shares[4]


def test_unrecorded_occupation_skills_and_danish_noise_follow_the_documented_rates():
    rng = Random(5)
    draws = 4000
    essential = optional = 0
    moved = {True: 0, False: 0}
    factors = []
    for k in range(draws):
        t = truth.draw_truth(rng, [], [(f"e{k}", True), (f"o{k}", False)], "A2", tested=bool(k % 2))
        essential += f"e{k}" in t.skills
        optional += f"o{k}" in t.skills
        moved[bool(k % 2)] += t.danish != "A2"
        factors.append(t.factor)
    assert essential / draws == pytest.approx(truth.P_UNRECORDED_ESSENTIAL, abs=0.025)
    assert optional / draws == pytest.approx(truth.P_UNRECORDED_OPTIONAL, abs=0.02)
    assert moved[True] / (draws / 2) == pytest.approx(sum(truth.DANISH_SHIFT_TESTED), abs=0.03)
    assert moved[False] / (draws / 2) == pytest.approx(sum(truth.DANISH_SHIFT_SELF), abs=0.03)
    assert min(factors) >= truth.FACTOR_LOW and max(factors) <= 1.0
    assert sum(factors) / draws == pytest.approx(truth.FACTOR_MEAN, abs=0.02)


def test_a_recorded_skill_is_not_drawn_twice_from_the_occupation():
    rng = Random(0)
    for _ in range(200):
        t = truth.draw_truth(rng, [("s", 1)], [("s", True)], "B1", tested=True)
        assert t.skills in ([], ["s"])
