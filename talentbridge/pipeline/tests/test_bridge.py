"""The bridge reads the right rows into the core's arrays, and scores come back explained."""

import numpy as np
import pytest

from talentbridge.accounts.models import Project
from talentbridge.candidates.models import EvidenceLevel
from talentbridge.matching.model import NO_DATE
from talentbridge.pipeline import bridge
from talentbridge.pipeline.sectors import section_of_code, sections_of_text

from .helpers import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(personas):
    return world(personas)


def test_it_loads_signed_off_candidates_and_open_openings(personas, w):
    pop = bridge.load(personas.project)
    assert [c.first_name for c in (x.personal for x in pop.candidates)] == [
        "Ahmad",
        "Bilal",
        "Chen",
    ]
    assert [o.pk for o in pop.openings] == [w.opening.pk]
    c = pop.scorer.candidates
    assert c.language[:, 0].tolist() == [2, 1, 3]  # Danish A2, A1, B1
    assert int(c.licences[0]) == 1 << 4  # "B" is the fifth EU category
    assert c.work_from[0] != NO_DATE
    evidence = dict(
        zip((pop.skill_pks[s] for s in c.skills_of(0)), c.skill_evidence[:2].tolist(), strict=True)
    )
    assert evidence[w.welding.pk] == EvidenceLevel.CERTIFIED - 1
    o = pop.scorer.openings
    assert o.language_min.tolist() == [[2, 0]] and int(o.capacity[0]) == 2
    assert int(pop.scorer.taxonomy.occupation_isco[o.occupation[0]]) == 7212


def test_scores_rank_the_welder_first_and_explain_in_both_languages(personas, w):
    pop = bridge.load(personas.project)
    scores = pop.scorer.scores()[:, 0]
    assert np.argmax(scores) == 0  # Ahmad
    e, components, da, en = pop.explain(0, 0)
    assert components["essential_covered"] == [w.welding.pk, w.drawings.pk] or set(
        components["essential_covered"]
    ) == {w.welding.pk, w.drawings.pk}
    assert "covers all 2 essential skills" in en and "Danish A2 meets A2" in en
    assert "dækker alle 2 nødvendige færdigheder" in da and "dansk A2 opfylder A2" in da
    _, _, _, en_bilal = pop.explain(1, 0)
    assert "missing: read engineering drawings" in en_bilal


def test_project_weights_come_from_the_project_settings(personas, w):
    project = Project.objects.get(pk=personas.project.pk)
    project.settings = {"matching_weights": {"distance": 0.0, "essential": 1.0}}
    project.save()
    assert bridge.project_weights(project).distance == 0.0
    assert bridge.load(project).scorer.weights.essential == 1.0


def test_sectors():
    assert section_of_code("251100") == "C"
    assert sections_of_text("Rengøring") == {"N"}
    assert sections_of_text("manufacturing, food") == {"C"}
    assert sections_of_text("49") == {"H"}
    assert sections_of_text("") == set()


def test_a_hard_licence_excludes_and_a_soft_one_only_lowers_the_score(personas, w):
    """Ahmad holds B. An opening asking for C excludes him when the licence is hard; soft,
    he is still ranked, with the licence component 0 and a lower score than without it."""
    before = bridge.load(personas.project).scorer.scores()[0, 0]
    w.opening.driving_licence = "C"
    w.opening.save()
    hard = bridge.load(personas.project)
    assert bool(hard.scorer.openings.licence_hard[0])
    assert not np.isfinite(hard.scorer.scores()[0, 0])
    w.opening.driving_licence_hard = False
    w.opening.save()
    soft = bridge.load(personas.project)
    assert not bool(soft.scorer.openings.licence_hard[0])
    score = soft.scorer.scores()[0, 0]
    assert np.isfinite(score) and score < before
    _, components, _, _ = soft.explain(0, 0)
    assert components["licence"] == "C"
