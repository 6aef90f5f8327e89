"""Gap analysis: missing skills and the one course that opens the most openings."""

import numpy as np

from talentbridge.matching.gaps import Courses, best_courses, gap, qualified
from talentbridge.matching.model import Candidates, Openings, Taxonomy
from talentbridge.matching.score import Scorer

# Skills: 0 welding, 1 forklift operation, 2 hygiene, 3 first aid.


def population():
    candidates = Candidates.build(
        1,
        lat=[56.16],
        lon=[10.20],
        skills=([0, 2], [0, 2]),
        language=[[1, 3]],
        move_km=[100.0],
        work_from=[0],
    )
    openings = Openings.build(
        4,
        lat=[56.16, 56.16, 56.16, 55.0],
        lon=[10.20, 10.21, 10.20, 8.0],  # the last one is far away
        essential=([0, 2, 4, 6, 7], [0, 1, 0, 1, 2, 1, 1]),
        language_min=[[0, 0], [0, 0], [2, 0], [0, 0]],
        language_hard=[[False, False], [False, False], [True, False], [False, False]],
        start=[0, 0, 0, 0],
    )
    taxonomy = Taxonomy(n_skills=4, occupation_isco=[7212])
    return Scorer(candidates, openings, taxonomy)


def test_it_lists_missing_skills_and_the_courses_that_teach_them():
    scorer = population()
    courses = Courses.build(
        3,
        skills=([0, 1, 2, 2], [1, 3]),
        language=[[0, 0], [0, 0], [2, 0]],
        duration_days=[10, 2, 60],
    )
    g = gap(scorer, courses, 0, 0)
    assert g.missing_skills == [1]
    assert g.courses == {1: [0]}
    g2 = gap(scorer, courses, 0, 2)
    assert g2.missing_languages == [("da", 1, 2)] and g2.language_courses == [2]
    assert g.excluded_for == [] and gap(scorer, courses, 0, 3).excluded_for == ["distance"]


def test_it_finds_the_course_that_opens_most_openings():
    scorer = population()
    assert qualified(scorer, 0).tolist() == [False, False, False, False]
    courses = Courses.build(
        3,
        skills=([0, 1, 2, 3], [1, 3, 1]),  # forklift; first aid; forklift (Danish module too)
        language=[[0, 0], [0, 0], [2, 0]],
        duration_days=[10, 2, 60],
    )
    options = best_courses(scorer, courses, 0)
    # Forklift opens 0 and 1; forklift with Danish A2 also opens 2; the far one stays closed.
    assert [o.course for o in options] == [2, 0]
    assert options[0].opens.tolist() == [0, 1, 2]
    assert options[1].opens.tolist() == [0, 1]


def test_courses_out_of_reach_are_left_out():
    scorer = population()
    courses = Courses.build(1, skills=([0, 1], [1]), duration_days=[5], lat=[57.7], lon=[10.6])
    assert best_courses(scorer, courses, 0) == []
    assert [o.course for o in best_courses(scorer, courses, 0, within_reach=False)] == [0]
    assert np.isnan(Courses.build(1).lat[0])
