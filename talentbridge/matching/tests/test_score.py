"""The vectorised scorer against the plain reference, hard requirements, and explanations."""

import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talentbridge.matching.explain import explain, sentence
from talentbridge.matching.model import CEFR
from talentbridge.matching.score import Scorer
from talentbridge.matching.synthetic import generate
from talentbridge.matching.weights import COMPONENTS, Weights

from .reference import reference_score

weight = st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def weights(draw):
    values = {name: draw(weight) for name in COMPONENTS}
    if sum(values.values()) == 0:
        values["essential"] = 1.0
    values["min_essential_coverage"] = draw(st.sampled_from([0.0, 0.0, 0.3]))
    values["availability_hard_days"] = draw(st.sampled_from([None, 60.0]))
    values["commute_km"] = draw(st.sampled_from([0.0, 40.0, 150.0]))
    return Weights.from_mapping(values)


@st.composite
def instances(draw):
    n = draw(st.integers(1, 25))
    m = draw(st.integers(1, 12))
    seed = draw(st.integers(0, 10_000))
    return generate(n, m, seed=seed, with_relatedness=draw(st.booleans()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), weights())
def test_it_agrees_with_the_reference_and_never_lets_a_hard_requirement_through(inst, w):
    scores = Scorer(inst.candidates, inst.openings, inst.taxonomy, w).scores()
    for i in range(inst.candidates.n):
        for j in range(inst.openings.m):
            expected, failed = reference_score(inst, w, i, j)
            if expected is None:
                assert np.isneginf(scores[i, j]), (i, j, failed)
            else:
                assert abs(float(scores[i, j]) - expected) < 2e-5, (
                    i,
                    j,
                    float(scores[i, j]),
                    expected,
                )
                assert -1e-6 <= scores[i, j] <= 1 + 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), weights(), st.data())
def test_explanations_agree_with_their_components(inst, w, data):
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy, w)
    i = data.draw(st.integers(0, inst.candidates.n - 1))
    j = data.draw(st.integers(0, inst.openings.m - 1))
    e = explain(scorer, i, j)
    score = scorer.scores([i])[0, j]
    if e.excluded:
        assert np.isneginf(score) and e.reasons
    else:
        assert abs(e.score - float(score)) < 2e-5
        assert abs(sum(e.contributions.values()) - e.score) < 1e-9
    weights_ = w.component_weights()
    norm = sum(weights_[k] for k in COMPONENTS if e.applies[k]) or 1.0
    for k in COMPONENTS:
        assert 0 <= e.components[k] <= 1
        expected = weights_[k] * e.components[k] / norm if e.applies[k] else 0.0
        assert abs(e.contributions[k] - expected) < 1e-9
    essential = len(e.essential_covered) + len(e.essential_missing)
    if essential:
        strengths = scorer.strength[[i]]
        held = dict(zip(strengths.indices.tolist(), strengths.data.tolist(), strict=True))
        assert (
            abs(e.components["essential"] - sum(held[s] for s in e.essential_covered) / essential)
            < 1e-6
        )
    labels = {s: f"skill-{s}" for s in e.essential_missing}
    for language in ("en", "da"):
        text = sentence(e, language, labels, max_missing=50)
        covers = re.search(r"(\d+) (?:of|af) (\d+) (?:essential|nødvendige)", text)
        all_ = re.search(r"(?:covers all|dækker alle) (\d+)", text)
        if e.essential_missing:
            assert (
                covers
                and int(covers.group(1)) == len(e.essential_covered)
                and int(covers.group(2)) == essential
            )
            for s in e.essential_missing:
                assert f"skill-{s}" in text
        elif essential:
            assert all_ and int(all_.group(1)) == essential
        else:
            assert not covers and not all_
        km = re.search(r"(\d+) km", text)
        assert km and int(km.group(1)) == int(round(e.distance_km))
        for check in e.languages:
            assert CEFR[check.minimum] in text
        assert text.startswith(("excluded: ", "udelukket: ")) == e.excluded


def test_the_brief_example_reads_as_intended():
    from talentbridge.matching.explain import Explanation, LanguageCheck

    e = Explanation(
        0,
        0,
        0.7,
        [],
        {},
        {"essential": True},
        {},
        "none",
        [1, 2, 3, 4],
        [9],
        [],
        [],
        [LanguageCheck("da", 2, 2, True, True)],
        -1,
        False,
        True,
        35.0,
        100.0,
        0,
        0,
        0,
    )
    assert sentence(e, "en", {9: "forklift operation"}) == (
        "covers 4 of 5 essential skills (missing: forklift operation); Danish A2 meets A2; 35 km"
    )
    assert sentence(e, "da", {9: "truckkørsel"}) == (
        "dækker 4 af 5 nødvendige færdigheder (mangler: truckkørsel); dansk A2 opfylder A2; 35 km"
    )


def test_project_weights_change_the_ranking():
    inst = generate(40, 15, seed=3)
    base = Scorer(inst.candidates, inst.openings, inst.taxonomy).scores()
    near = Scorer(
        inst.candidates, inst.openings, inst.taxonomy, Weights.from_mapping({"distance": 5.0})
    ).scores()
    assert np.array_equal(np.isneginf(base), np.isneginf(near))  # weights never change eligibility
    assert not np.allclose(
        np.where(np.isfinite(base), base, 0), np.where(np.isfinite(near), near, 0)
    )


def test_evidence_counts():
    """The same skill counts more when certified than when self-reported."""
    inst = generate(1, 1, seed=5)
    c = inst.candidates
    c.skill_evidence[:] = 0
    low = Scorer(c, inst.openings, inst.taxonomy).strength.data.copy()
    c.skill_evidence[:] = 3
    high = Scorer(c, inst.openings, inst.taxonomy).strength.data
    assert (high > low).all()
