"""Inputs are checked at the door, with clear ValueErrors."""

import numpy as np
import pytest

from talentbridge.matching.assign import assign, assign_pairs
from talentbridge.matching.evaluation import ndcg_at_k, precision_at_k
from talentbridge.matching.model import Candidates, Openings, Taxonomy
from talentbridge.matching.rank import top_openings
from talentbridge.matching.score import Scorer
from talentbridge.matching.synthetic import generate
from talentbridge.matching.weights import Weights


def test_it_refuses_nan_coordinates():
    with pytest.raises(ValueError, match="lat contains NaN"):
        Candidates.build(2, lat=[55.0, np.nan], lon=[10.0, 11.0])


def test_it_refuses_wrong_lengths():
    with pytest.raises(ValueError, match="lon must have 2 rows"):
        Candidates.build(2, lat=[55.0, 56.0], lon=[10.0])


def test_it_refuses_float_ids():
    with pytest.raises(ValueError, match="skill_ids must hold integers"):
        Candidates.build(1, lat=[55.0], lon=[10.0], skills=([0, 1], np.array([1.5])))


def test_it_refuses_a_broken_csr():
    with pytest.raises(ValueError, match="skill_indptr must have 3 entries"):
        Candidates.build(2, lat=[55.0, 56.0], lon=[10.0, 11.0], skills=([0, 1], [4]))


def test_it_refuses_unknown_cefr_codes():
    with pytest.raises(ValueError, match="language has a value 9"):
        Candidates.build(1, lat=[55.0], lon=[10.0], language=[[9, 0]])


def test_it_refuses_negative_capacity():
    with pytest.raises(ValueError, match="capacity must not be negative"):
        Openings.build(2, lat=[55.0, 56.0], lon=[10.0, 11.0], capacity=[1, -1])


def test_it_refuses_negative_capacity_in_assignment():
    inst = generate(5, 3, seed=1)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    with pytest.raises(ValueError, match="capacity must not be negative"):
        assign(scorer, capacity=[1, -2, 1])
    with pytest.raises(ValueError, match="capacity contains NaN"):
        assign(scorer, capacity=[1.0, np.nan, 1.0])


def test_it_refuses_codes_outside_the_taxonomy():
    c = Candidates.build(1, lat=[55.0], lon=[10.0], skills=([0, 1], [12]))
    o = Openings.build(1, lat=[55.0], lon=[10.0])
    with pytest.raises(ValueError, match="candidates.skill_ids has a value 12 not below 10"):
        Scorer(c, o, Taxonomy(n_skills=10, occupation_isco=[1111]))


def test_it_refuses_bad_weights():
    with pytest.raises(ValueError, match="weight distance must be finite and non-negative"):
        Weights(distance=-1)
    with pytest.raises(ValueError, match="unknown matching weights: colour"):
        Weights.from_mapping({"colour": 1})
    with pytest.raises(ValueError, match="at least one component weight must be positive"):
        Weights.from_mapping(
            {
                k: 0
                for k in (
                    "occupation",
                    "essential",
                    "optional",
                    "language",
                    "licence",
                    "availability",
                    "distance",
                    "preference",
                )
            }
        )


def test_it_refuses_bad_pairs():
    with pytest.raises(ValueError, match="score must be finite"):
        assign_pairs(2, 1, [0, 1], [0, 0], [0.5, np.inf], [1])
    with pytest.raises(ValueError, match="pairs must not repeat"):
        assign_pairs(2, 1, [0, 0], [0, 0], [0.5, 0.4], [1])
    with pytest.raises(ValueError, match="score must not be negative"):
        assign_pairs(1, 1, [0], [0], [-0.1], [1])


def test_it_refuses_bad_k_and_rows():
    inst = generate(5, 3, seed=1)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    with pytest.raises(ValueError, match="k must be a positive integer"):
        top_openings(scorer, 0)
    with pytest.raises(ValueError, match="rows has a value 7 not below 5"):
        top_openings(scorer, 2, rows=[7])


def test_it_checks_evaluation_inputs():
    with pytest.raises(ValueError, match="truth must have 1 rows"):
        precision_at_k(np.array([[0]]), np.zeros((2, 3), bool), 1)
    with pytest.raises(ValueError, match="ranked needs at least 3 columns"):
        ndcg_at_k(np.array([[0]]), np.zeros((1, 3)), 3)
