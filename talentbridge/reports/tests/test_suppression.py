"""Small numbers are hidden in everything that leaves the organisation, and cannot be worked back."""

from hypothesis import given
from hypothesis import strategies as st

from talentbridge.pathways.milestones import Period
from talentbridge.reports import queries
from talentbridge.reports.services import Report
from talentbridge.reports.suppression import Cell, suppress_column
from talentbridge.reports.tables import PERSONS_COL, all_tables
from talentbridge.reports.targets import progress
from talentbridge.test import BaseTestCase

from . import scenario
from .scenario import END, START


def column(values):
    cells = [Cell(v) for v in values]
    total = Cell(sum(values))
    suppress_column(cells, total)
    return cells, total


def test_primary_hides_one_to_four_and_keeps_zero():
    cells, total = column([0, 1, 4, 5, 12])
    assert [c.hidden for c in cells] == [False, True, True, False, False]
    assert not total.hidden


def test_secondary_hides_the_smallest_other_cell():
    cells, total = column([3, 7, 12, 40])
    assert [c.hidden for c in cells] == [True, True, False, False]
    assert str(cells[0]) == "<5" and str(cells[2]) == "12" and not total.hidden


def test_with_no_other_cell_the_total_goes():
    cells, total = column([2, 0, 0])
    assert cells[0].hidden and total.hidden


def test_companies_are_never_hidden():
    cells = [Cell(2, persons=False), Cell(30, persons=False)]
    suppress_column(cells, Cell(32, persons=False))
    assert not any(c.hidden for c in cells)


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_no_small_number_shows_and_no_hidden_cell_can_be_subtracted_out(values):
    cells, total = column(values)
    for cell in cells + [total]:
        assert cell.hidden or not (0 < cell.value < 5)
    hidden = [c for c in cells if c.hidden]
    if hidden:
        assert len(hidden) >= 2 or total.hidden
    # What a reader sees adds up with what is hidden: nothing is lost, only covered.
    assert sum(c.value for c in cells) == total.value


class ExportSuppressionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        scenario.build(cls.p)

    def report(self):
        projects = [self.project, self.other_project]
        figures = queries.compute([p.pk for p in projects], Period(start=START, end=END))
        return Report(
            Period(start=START, end=END), projects, figures, progress(projects, figures), {}, True
        )

    def test_every_exported_table_hides_small_numbers(self):
        tables = all_tables(self.report(), suppress=True)
        checked = 0
        for table in tables:
            for col in table.columns:
                if col.kind != PERSONS_COL:
                    continue
                cells = [r.cell(col.key) for r in table.rows]
                for cell in cells:
                    if cell.persons and cell.value is not None and not cell.hidden:
                        assert not (0 < cell.value < 5), (table.key, col.key, cell.value)
                        checked += 1
                if table.additive:
                    body = [r.cell(col.key) for r in table.body if r.cell(col.key).persons]
                    hidden = [c for c in body if c.hidden]
                    total = table.total_row.cell(col.key)
                    assert not hidden or len(hidden) >= 2 or total.hidden, (table.key, col.key)
        self.assertGreater(checked, 20)

    def test_shares_and_medians_of_hidden_counts_are_hidden(self):
        tables = {t.key: t for t in all_tables(self.report(), suppress=True)}
        projects = tables["project"]
        beta = next(r for r in projects.body if r.key == str(self.other_project.pk))
        self.assertTrue(beta.cell("participants").hidden)  # H alone
        self.assertTrue(
            beta.cell("employed_share").hidden or beta.cell("employed_share").value is None
        )
        durations = tables["durations"]
        overall = durations.rows[0]
        self.assertTrue(overall.cell("days_to_first_job:median").hidden)  # one person
        self.assertEqual(str(overall.cell("days_to_first_job:n")), "<5")
