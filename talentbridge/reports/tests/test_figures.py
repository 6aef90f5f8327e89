"""Every figure against the hand-counted scenario (see scenario.py)."""

import datetime as dt

from talentbridge.pathways.milestones import Period
from talentbridge.reports import queries
from talentbridge.reports.figures import FIGURES, FUNDER_FIGURES, PERSON_FIGURES
from talentbridge.reports.results import quartiles
from talentbridge.test import BaseTestCase

from . import scenario
from .scenario import END, EXPECTED_ALPHA, EXPECTED_ALPHA_CUMULATIVE, START

D = dt.date


class FigureTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = scenario.build(cls.p)

    def alpha(self, start=START, end=END):
        return queries.compute([self.project.pk], Period(start=start, end=end))

    def test_every_figure_matches_the_hand_count(self):
        figures = self.alpha()
        got = {key: figures.value(key) for key in EXPECTED_ALPHA}
        self.assertEqual(got, EXPECTED_ALPHA)

    def test_every_figure_of_the_registry_is_tested(self):
        counted = set(EXPECTED_ALPHA) | {"days_to_first_internship", "days_to_first_job"}
        self.assertEqual(counted, set(FIGURES))
        self.assertTrue(set(FUNDER_FIGURES) <= set(FIGURES))

    def test_cumulative_figures_count_from_the_beginning(self):
        figures = self.alpha()
        got = {key: figures.cumulative_value(key) for key in EXPECTED_ALPHA_CUMULATIVE}
        self.assertEqual(got, EXPECTED_ALPHA_CUMULATIVE)

    def test_a_person_employed_twice_counts_once(self):
        figures = self.alpha(start=D(2025, 5, 1), end=D(2025, 9, 30))
        self.assertEqual(figures.value("hired"), 1)
        self.assertEqual(figures.series("hired")[-1][2], 2)  # A and F, each once

    def test_a_company_contacted_twice_and_by_two_projects_counts_once(self):
        alpha = self.alpha()
        self.assertEqual(alpha.value("companies_contacted", "project", str(self.project.pk)), 2)
        programme = queries.compute(
            [self.project.pk, self.other_project.pk], Period(start=START, end=END)
        )
        self.assertEqual(programme.value("companies_contacted"), 2)
        self.assertEqual(
            programme.value("companies_contacted", "project", str(self.other_project.pk)), 1
        )
        self.assertEqual(programme.value("in_internship_or_wage_subsidy"), 3)  # A B H

    def test_companies_by_municipality_of_their_sites(self):
        figures = self.alpha()
        by_municipality = figures.companies["municipality"]
        aarhus = str(self.people["A"].municipality_id)
        self.assertEqual(
            by_municipality[aarhus]["companies_contacted"], 2
        )  # E1 and E2 have sites in Aarhus
        self.assertEqual(sum(1 for row in by_municipality.values() if row["companies_hosting"]), 2)

    def test_breakdowns_add_up_to_the_total(self):
        figures = self.alpha()
        sums = queries.group_totals(figures)
        for dim in ("project", "municipality", "gender", "origin", "age_group"):
            for f in PERSON_FIGURES:
                self.assertEqual(sums[dim][f.key], figures.value(f.key), (dim, f.key))

    def test_breakdown_by_gender_age_and_origin(self):
        figures = self.alpha()
        participants = {
            dim: {
                k: v["participants"] for k, v in figures.persons[dim].items() if v["participants"]
            }
            for dim in ("gender", "age_group", "origin")
        }
        self.assertEqual(participants["gender"], {"female": 3, "male": 2, "other": 1})
        self.assertEqual(participants["age_group"], {"under 25": 1, "25-34": 2, "35-44": 3})
        self.assertEqual(participants["origin"], {"SY": 3, "AF": 1, "ER": 1, "IQ": 1})
        self.assertEqual(figures.value("employed", "gender", "female"), 1)
        self.assertEqual(figures.value("employed", "gender", "male"), 1)

    def test_status_of_participants_at_the_end_of_the_period(self):
        status = {k: v["participants"] for k, v in self.alpha().persons["status"].items()}
        self.assertEqual(status, {"employed": 3, "in_education": 1, "registered": 2})

    def test_the_funnel_follows_the_cohort_assessed_in_the_period(self):
        self.assertEqual(
            self.alpha().funnel["all"][""],
            {"assessed": 2, "matched": 2, "in_pathway": 2, "employed": 1},
        )

    def test_time_from_arrival_to_first_internship_and_job(self):
        durations = self.alpha().durations["all"][""]
        self.assertEqual(
            (durations["days_to_first_internship"].n, durations["days_to_first_internship"].median),
            (1, 397),
        )
        self.assertEqual(
            (durations["days_to_first_job"].n, durations["days_to_first_job"].median), (1, 486)
        )

    def test_month_by_month_counts_first_times(self):
        figures = self.alpha()
        participants = {m: new for m, new, _total in figures.series("participants") if new}
        self.assertEqual(participants, {"2025-02": 1, "2025-03": 1, "2025-05": 1, "2025-11": 1})
        self.assertEqual(
            figures.series("participants")[0], ("2025-01", 0, 3)
        )  # A D F registered before
        self.assertEqual(figures.series("participants")[-1], ("2025-12", 0, 7))
        self.assertEqual(len(figures.month_list()), 12)
        contacted = {m: new for m, new, _t in figures.series("companies_contacted") if new}
        self.assertEqual(contacted, {"2025-01": 1})  # E1; E2 and E3 were first contacted in 2024

    def test_an_empty_scope_has_zeros(self):
        figures = queries.compute([], Period(start=START, end=END))
        self.assertEqual(figures.value("participants"), 0)
        self.assertEqual(figures.value("companies_contacted"), 0)


class QuartileTests(BaseTestCase):
    def test_nearest_rank_quartiles(self):
        from talentbridge.pathways.tests.helpers import person, step

        for days in (50, 10, 40, 20, 30):
            c = person(self.project, self.ngo, arrived_on=D(2025, 1, 1))
            step(c, "job", D(2025, 1, 1) + dt.timedelta(days=days), follow_ups=False)
        q = queries.compute([self.project.pk], Period(end=D(2025, 12, 31))).durations["all"][""][
            "days_to_first_job"
        ]
        self.assertEqual((q.n, q.q1, q.median, q.q3), (5, 20, 30, 40))


class CachedMilestonesTests(BaseTestCase):
    """The dashboard reads cached milestones; it must say exactly what the records say."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = scenario.build(cls.p)

    def assert_same(self, period):
        ids = [self.project.pk, self.other_project.pk]
        cached = queries.compute(ids, period)
        records = queries.compute(ids, period, use_cache=False)
        for name in ("persons", "cumulative", "funnel", "months", "durations", "companies"):
            self.assertEqual(getattr(cached, name), getattr(records, name), name)

    def test_the_cache_agrees_with_the_records(self):
        # The end of 2025 lies before G's job (2026): G is computed from the records.
        self.assert_same(Period(end=END))
        self.assert_same(Period(end=D(2030, 1, 1)))
        self.assert_same(Period(end=D(2024, 6, 30)))

    def test_an_open_period_equals_one_from_the_earliest_day(self):
        open_ = queries.compute([self.project.pk], Period(end=END))
        closed = queries.compute([self.project.pk], Period(start=D(1900, 1, 1), end=END))
        self.assertEqual(open_.persons, closed.persons)
        self.assertEqual(open_.durations, closed.durations)

    def test_a_bulk_load_behind_the_cache_is_noticed(self):
        from talentbridge.pathways.models import Milestones, PathwayStep

        c = self.people["E"]
        PathwayStep.objects.bulk_create(
            [PathwayStep(candidate=c, project=c.project, kind="job", starts_on=D(2025, 7, 1))]
        )
        self.assertIsNone(Milestones.objects.get(candidate=c).job_on)
        figures = queries.compute([self.project.pk], Period(end=END))
        self.assertEqual(figures.cumulative_value("hired"), EXPECTED_ALPHA_CUMULATIVE["hired"] + 1)
        self.assertEqual(Milestones.objects.get(candidate=c).job_on, D(2025, 7, 1))
        self.assert_same(Period(end=END))


def test_the_documentation_defines_every_figure():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "reports.md").read_text()
    for figure in FIGURES.values():
        assert f"`{figure.key}`" in text, figure.key
        assert figure.definition_en in text, figure.key


class SummaryTests(BaseTestCase):
    """The dashboard's summary computes a part of the report; that part must equal the full one."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        scenario.build(cls.p)

    def test_the_summary_agrees_with_the_full_report(self):
        ids = [self.project.pk, self.other_project.pk]
        for period in (Period(end=END), Period(start=START, end=END)):
            full = queries.compute(ids, period)
            summary = queries.compute(ids, period, detail=False)
            for dim in ("all", "project"):
                self.assertEqual(summary.persons[dim], full.persons[dim])
                self.assertEqual(summary.companies[dim], full.companies[dim])
            for dim in ("gender", "age_group", "origin"):
                self.assertEqual(summary.persons[dim], full.persons[dim])
            self.assertEqual(
                {k: v["participants"] for k, v in summary.persons["status"].items()},
                {
                    k: v["participants"]
                    for k, v in full.persons["status"].items()
                    if v["participants"]
                },
            )
            self.assertEqual(summary.funnel["all"], full.funnel["all"])
            self.assertEqual(summary.durations["all"], full.durations["all"])
            for key in ("participants", "assessed", "in_pathway", "employed"):
                self.assertEqual(summary.series(key), full.series(key))
            self.assertNotIn("municipality", summary.persons)


def test_quartiles_from_a_histogram_are_nearest_rank():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=40))
    def check(values):
        ordered = sorted(values)
        n = len(ordered)
        expected = [
            ordered[-(-q * n // d) - 1] for q, d in ((1, 4), (1, 2), (3, 4))
        ]  # rank ceil(q n)
        histogram = {}
        for v in values:
            histogram[v] = histogram.get(v, 0) + 1
        got = quartiles(list(histogram.items()))
        assert (got.n, got.q1, got.median, got.q3) == (n, *expected)

    check()


class ParticipationTests(BaseTestCase):
    def test_a_record_entered_late_counts_from_when_the_person_took_part(self):
        from talentbridge.pathways.tests.helpers import assess, person, step

        late = person(self.project, self.ngo, registered=D(2026, 3, 1))
        assess(late, D(2025, 2, 1))
        other = person(self.project, self.ngo, registered=D(2026, 3, 1))
        step(other, "job", D(2025, 6, 1))
        figures = queries.compute(
            [self.project.pk], Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        )
        self.assertEqual(figures.value("participants"), 2)
        self.assertEqual(figures.series("participants")[1][1], 1)  # February 2025
