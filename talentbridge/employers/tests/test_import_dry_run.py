"""Dry runs of Excel and JSON-LD imports: the same report as the real import, nothing
written (no company, site, opening, skill or audit event)."""

import datetime as dt

from talentbridge.employers.imports import run_import
from talentbridge.employers.models import Employer, Opening, OpeningSkill, Site
from talentbridge.privacy.models import AuditEvent

from . import test_imports
from .test_imports import DATA, ImportFixture


def everything():
    return (
        Employer.objects.count(),
        Site.objects.count(),
        Opening.objects.count(),
        OpeningSkill.objects.count(),
        AuditEvent.objects.count(),
    )


class DryRunTests(ImportFixture):
    def check(self, data: bytes, name: str, created: int):
        before = everything()
        dry = run_import(self.consultant, data, name, dry_run=True)
        assert dry.ok and not dry.written, [str(e) for e in dry.errors]
        assert dry.counts()["opening"]["created"] == created
        assert everything() == before
        real = run_import(self.consultant, data, name)
        assert real.written
        assert real.counts() == dry.counts()
        assert [(w.origin, w.message) for w in real.warnings] == [
            (w.origin, w.message) for w in dry.warnings
        ]
        assert Opening.objects.count() == created

    def test_an_excel_dry_run(self):
        data = test_imports.ExcelImportTests.workbook(
            None,
            [
                [24256790, "Novo Nordisk A/S", 4400, "job", "Svejser", "7212", 2, None, 37],
                [24256790, "Novo Nordisk A/S", 4400, "igu", "Svejser", "", 1, None, None],
            ],
        )
        self.check(data, "openings.xlsx", created=2)

    def test_a_malformed_excel_dry_run_reports_the_same_errors(self):
        data = test_imports.ExcelImportTests.workbook(
            None, [[24256790, "Novo Nordisk A/S", 4400, "job", "Kok", "", 0, None, None]]
        )
        dry = run_import(self.consultant, data, "openings.xlsx", dry_run=True)
        assert [(e.origin, e.field) for e in dry.errors] == [("row 2", "capacity")]
        assert everything() == (0, 0, 0, 0, 0)

    def test_a_json_ld_dry_run(self):
        self.check((DATA / "jobposting.jsonld").read_bytes(), "jobposting.jsonld", created=1)
        assert Opening.objects.get().starts_on == dt.date(2027, 2, 1)

    def test_an_html_page_dry_run(self):
        self.check((DATA / "careers.html").read_bytes(), "careers.html", created=2)
