"""Imports: CSV, Excel and JSON-LD, good and malformed; all or nothing; dry runs; CLI, API, page."""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from openpyxl import Workbook

from talentbridge.employers.imports import run_import
from talentbridge.employers.imports.postcodes import (
    _MUNICIPALITIES,
    municipality_for_postal_code,
    municipality_for_town,
)
from talentbridge.employers.models import Employer, Opening, Site
from talentbridge.employers.services.openings import skills_of
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import Taxonomy, make_employer

DATA = Path(__file__).parent / "data"


def counts():
    return (
        Employer.objects.count(),
        Site.objects.count(),
        Opening.objects.count(),
        AuditEvent.objects.count(),
    )


class ImportFixture(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.t = Taxonomy()

    def run_file(self, name, user=None, **kwargs):
        return run_import(user or self.consultant, (DATA / name).read_bytes(), name, **kwargs)


class CsvImportTests(ImportFixture):
    def test_it_imports_companies_sites_and_openings(self):
        t = self.t
        report = self.run_file("openings.csv")
        assert report.ok and report.written, [str(e) for e in report.errors]
        assert report.counts() == {
            "employer": {"created": 2, "updated": 0, "unchanged": 0},
            "site": {"created": 2, "updated": 0, "unchanged": 0},
            "opening": {"created": 2, "updated": 0, "unchanged": 0},
        }
        novo = Opening.objects.get(external_ref="NN-2027-01")
        assert (novo.kind, novo.status, novo.capacity, novo.site.municipality.code) == (
            "internship",
            "draft",
            2,
            "0326",
        )
        assert novo.occupation == t.welder  # suggested from the title, and said so
        assert any("occupation suggested" in str(w) for w in report.warnings)
        essential, optional = skills_of(novo)
        assert ([c.uri for c in essential], [c.uri for c in optional]) == (
            [t.welding.uri],
            [t.forklift.uri],
        )
        assert (novo.starts_on, novo.apply_by, novo.hours_per_week) == (
            dt.date(2027, 1, 15),
            dt.date(2026, 12, 20),
            Decimal("37.0"),
        )
        maersk = Opening.objects.get(external_ref="APM-7")
        assert (maersk.kind, maersk.status, maersk.occupation, maersk.starts_on) == (
            "igu",
            "open",
            t.cleaner,
            dt.date(2027, 2, 1),
        )
        assert (maersk.danish_min, maersk.danish_hard, maersk.english_min) == ("A1", True, "B1")
        assert maersk.site.name == "Aarhus C" and maersk.site.municipality.code == "0751"
        employer = Employer.objects.get(cvr="24256790")
        assert (employer.industry_code, employer.size, list(employer.projects.all())) == (
            "211000",
            "250+",
            [self.project],
        )
        assert (
            AuditEvent.objects.filter(object_type="employers.opening", action="create").count() == 2
        )

    def test_a_reimport_updates_by_reference_and_reports_the_changes(self):
        self.run_file("openings.csv")
        again = self.run_file("openings.csv")
        assert again.ok and again.counts()["opening"] == {
            "created": 0,
            "updated": 0,
            "unchanged": 2,
        }
        text = (DATA / "openings.csv").read_text().replace(";2;2027-01-15", ";5;2027-01-15")
        changed = run_import(self.consultant, text.encode(), "openings.csv")
        assert changed.counts()["opening"] == {"created": 0, "updated": 1, "unchanged": 1}
        change = next(c for c in changed.changes if c.model == "opening" and c.action == "updated")
        assert change.changes == {"capacity": [2, 5]}
        assert Opening.objects.get(external_ref="NN-2027-01").capacity == 5

    def test_a_dry_run_reports_and_writes_nothing(self):
        before = counts()
        report = self.run_file("openings.csv", dry_run=True)
        assert report.ok and not report.written
        assert report.counts()["opening"]["created"] == 2
        assert counts() == before

    def test_a_malformed_file_names_row_and_column_and_leaves_nothing_behind(self):
        make_employer(self.project, seed=51)
        before = counts()
        lines = (DATA / "openings.csv").read_text().splitlines()
        good = lines[1]
        bad = [
            good.replace("24256790", "24256791"),  # row 3: check digit
            good.replace(";praktik;", ";frivillig;"),  # row 4: kind
            good.replace("2027-01-15", "15/01/27"),  # row 5: date
            good.replace(";4400;Kalundborg;", ";3900;Atlantis;"),  # row 6: place (3900 is Nuuk)
            good.replace(";Svejser i praktik;", ";;"),  # row 7: title
            good.replace(";2027-04-15;", ";2026-01-01;"),  # row 8: ends before it starts
            good.replace(";A2;", ";B7;"),  # row 9: CEFR
        ]
        report = run_import(self.consultant, "\n".join([lines[0], good, *bad]).encode(), "bad.csv")
        assert not report.ok and not report.written
        found = [(e.origin, e.field) for e in report.errors]
        assert found == [
            ("row 3", "cvr"),
            ("row 4", "kind"),
            ("row 5", "starts_on"),
            ("row 6", "postal_code"),
            ("row 7", "title"),
            ("row 8", "ends_on"),
            ("row 9", "danish_min"),
        ], [str(e) for e in report.errors]
        assert "modulus-11" in report.errors[0].message
        assert counts() == before

    def test_file_level_problems(self):
        report = run_import(self.consultant, b"name;title\nx;y\n", "x.csv")
        assert [str(e) for e in report.errors] == ["file, cvr: missing column(s) in the header row"]
        report = run_import(
            self.consultant, "cvr;title\n24256790;Kok i køkkenet\n".encode("cp1252"), "x.csv"
        )
        assert "UTF-8" in report.errors[0].message

    def test_an_employer_user_imports_only_for_their_own_company(self):
        own = make_employer(self.project, seed=52, organisation=self.employer_org)
        text = f"cvr,title,municipality\n{own.cvr},Lagermedarbejder,Herning\n24256790,Fremmed job,Herning\n"
        report = run_import(self.employer_user, text.encode(), "x.csv")
        assert [(e.origin, e.field, e.message) for e in report.errors] == [
            ("row 3", "cvr", "not your company")
        ]
        report = run_import(
            self.employer_user,
            text.splitlines(True)[0].encode() + text.splitlines(True)[1].encode(),
            "x.csv",
        )
        assert report.written and Opening.objects.get().site.employer == own

    def test_the_outsider_may_not_import(self):
        with self.assertRaises(Http404):
            self.run_file("openings.csv", user=self.outsider)


class ExcelImportTests(ImportFixture):
    def workbook(self, rows) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(
            [
                "CVR",
                "Employer name",
                "Postal code",
                "Kind",
                "Title",
                "Occupation",
                "Capacity",
                "Starts on",
                "Hours per week",
            ]
        )
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def test_it_imports_an_excel_sheet(self):
        data = self.workbook(
            [
                [
                    24256790,
                    "Novo Nordisk A/S",
                    4400,
                    "job",
                    "Svejser",
                    "7212",
                    2,
                    dt.datetime(2027, 3, 1),
                    37.5,
                ]
            ]
        )
        report = run_import(self.consultant, data, "openings.xlsx")
        assert report.written, [str(e) for e in report.errors]
        opening = Opening.objects.get()
        assert (opening.occupation, opening.capacity, opening.starts_on) == (
            self.t.welder_group,
            2,
            dt.date(2027, 3, 1),
        )
        assert (
            opening.hours_per_week == Decimal("37.5") and opening.site.municipality.code == "0326"
        )

    def test_a_malformed_sheet_names_the_row_and_imports_nothing(self):
        data = self.workbook(
            [
                [24256790, "Novo Nordisk A/S", 4400, "job", "Svejser", "", 1, None, None],
                [24256790, "Novo Nordisk A/S", 4400, "job", "Kok", "", 0, None, None],
                [24256790, "Novo Nordisk A/S", 4400, "job", "Smed", "9999", 1, None, 120],
            ]
        )
        report = run_import(self.consultant, data, "openings.xlsx")
        assert [(e.origin, e.field) for e in report.errors] == [
            ("row 3", "capacity"),
            ("row 4", "hours_per_week"),
        ]
        assert not Opening.objects.exists() and not Employer.objects.exists()

    def test_a_file_that_is_not_excel_is_refused(self):
        report = run_import(self.consultant, b"PK\x03\x04 not really a zip", "openings.xlsx")
        assert report.errors[0].origin == "file" and "Excel" in report.errors[0].message


class JsonLdImportTests(ImportFixture):
    def test_it_imports_one_posting(self):
        t = self.t
        report = self.run_file("jobposting.jsonld")
        assert report.written, [str(e) for e in report.errors]
        opening = Opening.objects.get()
        assert (
            opening.site.employer.cvr == "61126228"
            and opening.site.employer.name == "Vestjysk Metal A/S"
        )
        assert opening.site.employer.website == "https://vestjysk-metal.example"
        assert (opening.kind, opening.title, opening.external_ref) == ("job", "Svejser", "VM-112")
        assert opening.site.municipality.code == "0657" and opening.site.address == "Industrivej 4"
        assert (opening.apply_by, opening.starts_on, opening.capacity) == (
            dt.date(2026, 12, 31),
            dt.date(2027, 2, 1),
            3,
        )
        assert opening.hours_per_week == Decimal("37.0")
        assert opening.occupation == t.welder_group  # occupationalCategory gives the ISCO-08 code
        assert opening.description.startswith(
            "Vi søger en svejser til vores værksted.\n- Svejsning af stål"
        )
        assert opening.source_url == "https://vestjysk-metal.example/job/112"
        essential, _ = skills_of(opening)
        assert {c.uri for c in essential} == {t.welding.uri, t.forklift.uri}

    def test_it_reads_an_html_page_with_a_graph_and_references(self):
        t = self.t
        report = self.run_file("careers.html")
        assert report.written, [str(e) for e in report.errors]
        assert report.records == 2
        first, second = Opening.objects.order_by("external_ref")
        assert (
            first.site.employer.cvr == "22256793"
            and first.site.employer.name == "Aarhus Rengøring ApS"
        )
        assert (first.kind, first.occupation, first.hours_per_week) == (
            "job",
            t.cleaner,
            Decimal("25.0"),
        )
        assert [c.uri for c in skills_of(first)[0]] == [t.hygiene.uri]
        assert (
            second.kind == "internship" and second.site == first.site
        )  # 8230 Åbyhøj is in Aarhus too
        assert report.counts()["site"] == {"created": 1, "updated": 0, "unchanged": 0}

    def test_a_list_of_postings_and_a_company_found_by_name(self):
        make_employer(self.project, "Vestjysk Metal A/S", seed=53)
        postings = [
            {
                "@type": "JobPosting",
                "title": "Svejser",
                "hiringOrganization": {"name": "Vestjysk Metal A/S"},
                "jobLocation": {"address": {"postalCode": "7400"}},
                "employmentType": "APPRENTICESHIP",
            },
            {
                "@type": "JobPosting",
                "title": "Rengøringsassistent",
                "hiringOrganization": "vestjysk metal a/s",
                "jobLocation": {"address": {"addressLocality": "Herning"}},
            },
        ]
        report = run_import(self.consultant, json.dumps(postings).encode(), "jobs.json")
        assert report.written, [str(e) for e in report.errors]
        assert [o.kind for o in Opening.objects.order_by("title")] == ["job", "education"]
        assert report.counts()["employer"] == {"created": 0, "updated": 0, "unchanged": 1}

    def test_malformed_postings_name_the_posting_and_the_property(self):
        before = counts()
        good = json.loads((DATA / "jobposting.jsonld").read_text())
        bad_cvr = {**good, "hiringOrganization": {"name": "X", "identifier": "61126229"}}
        no_title = {**good, "title": ""}
        abroad = {
            **good,
            "jobLocation": {
                "address": {
                    "postalCode": "10115",
                    "addressLocality": "Berlin",
                    "addressCountry": "DE",
                }
            },
        }
        nowhere = {
            **good,
            "jobLocation": {"address": {"postalCode": "3900", "addressLocality": "Nuuk"}},
        }
        bad_date = {**good, "validThrough": "soon"}
        no_company = {**good, "hiringOrganization": {"name": "Ukendt ApS"}}
        report = run_import(
            self.consultant,
            json.dumps(
                {"@graph": [good, bad_cvr, no_title, abroad, nowhere, bad_date, no_company]}
            ).encode(),
            "x.jsonld",
        )
        assert [(e.origin, e.field) for e in report.errors] == [
            ("posting 2", "hiringOrganization.identifier"),
            ("posting 3", "title"),
            ("posting 4", "jobLocation.address.addressCountry"),
            ("posting 5", "jobLocation.address.postalCode"),
            ("posting 6", "validThrough"),
            ("posting 7", "hiringOrganization.identifier"),
        ], [str(e) for e in report.errors]
        assert counts() == before

    def test_broken_json_and_pages_without_postings(self):
        report = run_import(self.consultant, b'{"@type": "JobPosting", "title": }', "x.json")
        assert report.errors[0].origin == "file" and "line 1, column 34" in report.errors[0].message
        report = run_import(
            self.consultant,
            b'<html><script type=\'application/ld+json\'>{"@type": "Event"}</script></html>',
            "x.html",
        )
        assert report.errors[0].message == "no schema.org JobPosting found"
        report = run_import(self.consultant, b"<html><body>no data</body></html>", "x.html")
        assert "ld+json" in report.errors[0].message


class ImportInterfaceTests(ImportFixture):
    def test_the_command_dry_runs_and_imports(self):
        out = io.StringIO()
        call_command(
            "employers_import",
            str(DATA / "openings.csv"),
            "--dry-run",
            "--as",
            "consultant",
            stdout=out,
        )
        assert (
            "row 2: created opening" in out.getvalue()
            and "dry run, nothing written" in out.getvalue()
        )
        assert not Opening.objects.exists()
        out = io.StringIO()
        call_command(
            "employers_import", str(DATA / "careers.html"), "--project", "alpha", stdout=out
        )
        assert Opening.objects.count() == 2

    def test_the_command_fails_on_errors_and_names_them(self):
        bad = self.tmp_file("bad.csv", "cvr;title;city\n12345678;Kok;Herning\n")
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("employers_import", bad, stdout=io.StringIO(), stderr=err)
        assert "row 2, cvr:" in err.getvalue()
        with self.assertRaises(CommandError):
            call_command(
                "employers_import",
                str(DATA / "openings.csv"),
                "--as",
                "outsider",
                stdout=io.StringIO(),
            )

    def tmp_file(self, name, text):
        import tempfile

        folder = Path(tempfile.mkdtemp())
        path = folder / name
        path.write_text(text)
        return str(path)

    def test_the_api_imports_a_file(self):
        self.login(self.consultant)
        upload = SimpleUploadedFile("jobposting.jsonld", (DATA / "jobposting.jsonld").read_bytes())
        r = self.client.post("/api/employers/import", {"file": upload, "dry_run": "true"})
        assert r.status_code == 200 and r.json()["ok"] and not r.json()["written"]
        assert r.json()["counts"]["opening"]["created"] == 1
        upload = SimpleUploadedFile("jobposting.jsonld", (DATA / "jobposting.jsonld").read_bytes())
        assert self.client.post("/api/employers/import", {"file": upload}).json()["written"]
        assert Opening.objects.count() == 1

    def test_the_upload_page_shows_the_report(self):
        self.login(self.consultant)
        upload = SimpleUploadedFile("openings.csv", (DATA / "openings.csv").read_bytes())
        r = self.client.post(
            "/employers/import/", {"file": upload, "dry_run": "on", "project": self.project.pk}
        )
        self.assertContains(r, "Novo Nordisk A/S")
        assert r.context["report"].dry_run and not Opening.objects.exists()

    def test_the_outsider_gets_404(self):
        self.login(self.outsider)
        assert self.client.get("/employers/import/").status_code == 404
        upload = SimpleUploadedFile("openings.csv", (DATA / "openings.csv").read_bytes())
        assert self.client.post("/api/employers/import", {"file": upload}).status_code == 404


class PostcodeTests(BaseTestCase):
    def test_every_municipality_has_postal_codes_and_every_code_is_a_municipality(self):
        ours = set(Municipality.objects.values_list("code", flat=True))
        listed = {m for m in _MUNICIPALITIES if m}
        assert listed == ours

    def test_codes_and_towns(self):
        assert municipality_for_postal_code("1456") == "0101"
        assert municipality_for_postal_code("DK-8260") == "0751"
        assert municipality_for_postal_code("3900") is None
        assert municipality_for_postal_code("abc") is None
        assert (
            municipality_for_town("Viby J") == "0751"
            and municipality_for_town("Viby Sj.") == "0265"
        )
        assert municipality_for_town("Viby") is None  # two towns of that name
        assert municipality_for_town("Odense SØ") == "0461"
