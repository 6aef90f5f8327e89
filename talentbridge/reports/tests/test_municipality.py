"""Figures per municipality, month by month: queries, dashboard, details, API and CLI.

The scenario (scenario.py) with B and C (alpha) and H (beta) moved to Herning (0657);
everyone else lives in Aarhus (0751). Companies by their sites: E1 has sites in Herning and
Aarhus, E2 in Aarhus, E3 none. Counted by hand for 2025, project alpha:

    Aarhus:  participants A E F G = 4; assessed A = 1; in pathway A F = 2; hired A = 1;
             employed A = 1; attached A F = 2; left F = 1; started education 0;
             companies contacted E1 E2 = 2, hosting E1 = 1.
             Months: participants new 2025-05 (E), 2025-11 (G); employed new 2025-05 (A).
    Herning: participants B C = 2; assessed B C = 2; in pathway B C = 2; internship or
             wage subsidy B = 1; employed B = 1 (follow-up); started education C = 1;
             hired 0; companies contacted E1 = 1, hosting E1 = 1.
             Months: participants 2025-02 (C), 2025-03 (B); assessed 2025-02 (C), 2025-03 (B);
             employed 2025-07 (B); started education 2025-08 (C); companies contacted 2025-01 (E1).
From the beginning to 2025-12-31: Aarhus participants A D E F G = 5, Herning B C = 2.
Both projects (alpha and beta), Herning: participants B C H = 3, companies contacted E1 = 1.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.urls import reverse

from talentbridge.candidates.models import Candidate
from talentbridge.core.api_auth import issue_token
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.milestones import Period
from talentbridge.privacy.models import AuditEvent
from talentbridge.reports import queries, services
from talentbridge.test import BaseTestCase

from . import scenario
from .scenario import END, START

AARHUS, HERNING = "0751", "0657"

EXPECTED = {
    AARHUS: {
        "participants": 4,
        "assessed": 1,
        "matched": 1,
        "in_pathway": 2,
        "in_internship_or_wage_subsidy": 1,
        "hired": 1,
        "started_education": 0,
        "attached_to_company": 2,
        "employed": 1,
        "left": 1,
        "companies_contacted": 2,
        "companies_hosting": 1,
    },
    HERNING: {
        "participants": 2,
        "assessed": 2,
        "matched": 0,
        "in_pathway": 2,
        "in_internship_or_wage_subsidy": 1,
        "hired": 0,
        "started_education": 1,
        "attached_to_company": 1,
        "employed": 1,
        "left": 0,
        "companies_contacted": 1,
        "companies_hosting": 1,
    },
}
EXPECTED_MONTHS = {
    AARHUS: {"participants": {"2025-05": 1, "2025-11": 1}, "employed": {"2025-05": 1}},
    HERNING: {
        "participants": {"2025-02": 1, "2025-03": 1},
        "assessed": {"2025-02": 1, "2025-03": 1},
        "employed": {"2025-07": 1},
        "started_education": {"2025-08": 1},
        "hired": {},
        "companies_contacted": {"2025-01": 1},
    },
}


def _move_to_herning(people) -> None:
    herning = Municipality.objects.get(code=HERNING)
    Candidate.objects.filter(pk__in=[people[k].pk for k in ("B", "C", "H")]).update(
        municipality=herning
    )


def _new_by_month(figures, key) -> dict:
    return {month: new for month, new, _total in figures.series(key) if new}


class MunicipalityFigureTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = scenario.build(cls.p)
        _move_to_herning(cls.people)
        cls.ids = {code: Municipality.objects.get(code=code).pk for code in (AARHUS, HERNING)}

    def compute(self, code, *, projects=None, start=START, detail=True):
        return queries.compute(
            projects or [self.project.pk],
            Period(start=start, end=END),
            detail=detail,
            municipality_id=self.ids[code],
        )

    def test_every_figure_per_municipality_matches_the_hand_count(self):
        for code, expected in EXPECTED.items():
            figures = self.compute(code)
            got = {key: figures.value(key) for key in expected}
            self.assertEqual(got, expected, code)

    def test_the_municipalities_add_up_to_the_whole_project(self):
        # Every alpha person lives in Aarhus or Herning, so the persons add up.
        whole = queries.compute([self.project.pk], Period(start=START, end=END))
        for key in ("participants", "assessed", "in_pathway", "employed", "hired"):
            self.assertEqual(sum(EXPECTED[code][key] for code in EXPECTED), whole.value(key), key)

    def test_month_by_month_per_municipality(self):
        for code, months in EXPECTED_MONTHS.items():
            figures = self.compute(code)
            for key, expected in months.items():
                self.assertEqual(_new_by_month(figures, key), expected, (code, key))

    def test_the_dashboard_summary_per_municipality(self):
        for code, expected in EXPECTED.items():
            figures = self.compute(code, detail=False)
            for key in ("participants", "assessed", "in_pathway", "employed"):
                self.assertEqual(figures.value(key), expected[key], (code, key))
            self.assertEqual(
                figures.value("companies_contacted"), expected["companies_contacted"], code
            )
        herning = self.compute(HERNING, detail=False)
        self.assertEqual(_new_by_month(herning, "assessed"), {"2025-02": 1, "2025-03": 1})

    def test_from_the_beginning_uses_the_cache_and_agrees(self):
        aarhus = self.compute(AARHUS, start=None)
        herning = self.compute(HERNING, start=None, detail=False)
        self.assertEqual(aarhus.value("participants"), 5)  # A D E F G
        self.assertEqual(herning.value("participants"), 2)  # B C
        self.assertEqual(aarhus.value("companies_contacted"), 2)  # E1 E2; E3 has no site

    def test_two_projects_count_a_company_once(self):
        both = self.compute(HERNING, projects=[self.project.pk, self.other_project.pk])
        self.assertEqual(both.value("participants"), 3)  # B C H
        self.assertEqual(both.value("companies_contacted"), 1)  # E1, by alpha and by beta
        # The breakdown by municipality shows only the chosen municipality.
        self.assertEqual(set(both.companies["municipality"]), {str(self.ids[HERNING])})
        self.assertEqual(
            {k for k, v in both.persons["municipality"].items() if v["participants"]},
            {str(self.ids[HERNING])},
        )

    def test_the_service_checks_access_and_the_code(self):
        report = services.programme_report(
            self.manager, start=START, end=END, project="alpha", municipality=HERNING
        )
        self.assertEqual(report.figures.value("participants"), 2)
        self.assertEqual(report.municipality.code, HERNING)
        self.assertIn("Herning", report.title)
        self.assertEqual(report.targets, [])
        event = AuditEvent.objects.filter(actor=self.manager).latest("pk")
        self.assertEqual(event.detail["municipality"], HERNING)
        employed = services.figure_value(
            self.manager, "employed", start=START, end=END, project="alpha", municipality="751"
        )
        self.assertEqual(employed, 1)  # A; a code without its leading zero is found too
        with self.assertRaises(Http404):
            services.programme_report(self.outsider, municipality=HERNING)
        with self.assertRaises(ValidationError) as caught:
            services.programme_report(self.manager, municipality="9999")
        self.assertIn("municipality", caught.exception.message_dict)


class MunicipalityViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = scenario.build(cls.p)
        _move_to_herning(cls.people)

    def test_the_dashboard_and_details_per_municipality(self):
        self.login(self.manager)
        query = {"start": "2025-01-01", "end": "2025-12-31", "project": "alpha"}
        response = self.client.get(reverse("reports:dashboard"), {**query, "municipality": HERNING})
        self.assertEqual(response.status_code, 200)
        tiles = {t.key: t.value for t in response.context["tiles"]}
        self.assertEqual(
            tiles, {"participants": "2", "assessed": "2", "in_pathway": "2", "employed": "1"}
        )
        self.assertContains(response, f"municipality={HERNING}")  # the export links keep it
        details = self.client.get(reverse("reports:details"), {**query, "municipality": AARHUS})
        self.assertEqual(details.status_code, 200)
        months = details.context["tables"]["months"]
        by_month = {row.key: row for row in months.rows if row.key}
        self.assertEqual(by_month["2025-05"].cell("participants").value, 1)
        self.assertEqual(by_month["2025-05"].cell("employed").value, 1)
        self.assertEqual(by_month["2025-11"].cell("participants").value, 1)
        self.assertEqual(by_month["2025-02"].cell("participants").value, 0)  # C is in Herning

    def test_an_unknown_code_is_a_form_error(self):
        self.login(self.manager)
        response = self.client.get(reverse("reports:details"), {"municipality": "9999"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["municipality"])
        self.assertContains(response, "errorlist")

    def test_outsiders_get_404(self):
        for user in (self.outsider, self.assessor, self.employer_user):
            self.login(user)
            for name in ("reports:dashboard", "reports:details", "reports:export"):
                response = self.client.get(reverse(name), {"municipality": HERNING})
                self.assertEqual(response.status_code, 404, (user, name))

    def test_the_api_per_municipality(self):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(self.manager, 'm')}"}
        params = {"start": "2025-01-01", "end": "2025-12-31", "project": "alpha"}
        data = self.client.get(
            "/api/reports/programme", {**params, "municipality": HERNING}, **auth
        ).json()
        self.assertEqual(data["municipality"], HERNING)
        self.assertEqual(data["figures"]["participants"], 2)
        self.assertEqual(data["figures"]["started_education"], 1)
        self.assertEqual(data["figures"]["companies_contacted"], 1)
        months = {t["key"]: t for t in data["tables"]}["months"]
        employed = {row["key"]: row["cells"]["employed"] for row in months["rows"] if row["key"]}
        self.assertEqual(employed["2025-07"], 1)
        bad = self.client.get("/api/reports/programme", {"municipality": "9999"}, **auth)
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["detail"][0]["field"], "municipality")
        export = self.client.get(
            "/api/reports/export", {"format": "csv", "municipality": AARHUS}, **auth
        )
        self.assertEqual(export.status_code, 200)
        self.assertIn(f"-{AARHUS}-", export["Content-Disposition"])
        outsider = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(self.outsider, 'o')}"}
        for path in ("/api/reports/programme", "/api/reports/export"):
            response = self.client.get(path, {"municipality": HERNING}, **outsider)
            self.assertEqual(response.status_code, 404, path)


@pytest.mark.django_db
def test_the_cli_per_municipality(personas, tmp_path):
    people = scenario.build(personas)
    _move_to_herning(people)
    target = tmp_path / "herning.csv"
    out = io.StringIO()
    call_command(
        "report_programme",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "csv",
        "--project",
        "alpha",
        "--municipality",
        HERNING,
        "--output",
        str(target),
        stdout=out,
    )
    text = target.read_text()
    # The funder's export suppresses the 2 participants; companies are not suppressed.
    assert "figures,Deltagere,I perioden,<5" in text or "figures,Deltagere,In the period,<5" in text
    assert (
        "figures,Virksomheder kontaktet,I perioden,1" in text
        or "figures,Virksomheder kontaktet,In the period,1" in text
    )
    assert "Herning" in text
    event = AuditEvent.objects.filter(channel="cli:report programme").latest("pk")
    assert event.detail["municipality"] == HERNING
    with pytest.raises(CommandError, match="municipality"):
        call_command(
            "report_programme", "--municipality", "9999", "--format", "csv", "--output", "-"
        )
    with pytest.raises(CommandError, match="may report on"):
        call_command(
            "report_programme",
            "--as",
            "outsider",
            "--municipality",
            HERNING,
            "--format",
            "csv",
            "--output",
            str(target),
        )
