"""An imported row asking for status open goes live only with an occupation it gives itself:
an occupation picked by suggest keeps the opening a draft, with a warning naming the row."""

from talentbridge.employers.imports import run_import
from talentbridge.employers.models import Opening

from .test_imports import ImportFixture

HEAD = "cvr;employer_name;postal_code;reference;title;occupation;status\n"


class SuggestedOccupationKeepsADraftTests(ImportFixture):
    def csv(self, *rows) -> bytes:
        return (HEAD + "".join(";".join(r) + "\n" for r in rows)).encode()

    def rows(self):
        return self.csv(
            ("24256790", "Novo Nordisk A/S", "4400", "A", "Svejser", "", "open"),
            ("24256790", "Novo Nordisk A/S", "4400", "B", "Svejser", self.t.welder.uri, "open"),
            ("24256790", "Novo Nordisk A/S", "4400", "C", "Svejser", "7212", "open"),
        )

    def test_a_suggested_occupation_keeps_the_opening_a_draft(self):
        report = run_import(self.consultant, self.rows(), "openings.csv")
        assert report.written, [str(e) for e in report.errors]
        got = dict(Opening.objects.values_list("external_ref", "status"))
        assert got == {"A": "draft", "B": "open", "C": "open"}
        assert Opening.objects.get(external_ref="A").occupation == self.t.welder  # suggested
        held = [w for w in report.warnings if "status open not applied" in w.message]
        assert [w.origin for w in held] == ["row 2"]

    def test_the_dry_run_warns_the_same_and_writes_nothing(self):
        report = run_import(self.consultant, self.rows(), "openings.csv", dry_run=True)
        assert report.ok and not report.written and not Opening.objects.exists()
        held = [w for w in report.warnings if "status open not applied" in w.message]
        assert [w.origin for w in held] == ["row 2"]
        assert "row 2" in str(held[0]) or held[0].as_dict()["origin"] == "row 2"

    def test_a_reimport_of_a_draft_does_not_open_it_until_the_occupation_is_given(self):
        first = self.csv(("24256790", "Novo Nordisk A/S", "4400", "A", "Svejsning", "", ""))
        run_import(self.consultant, first, "openings.csv")
        opening = Opening.objects.get()
        opening.occupation = None
        opening.save()
        again = self.csv(("24256790", "Novo Nordisk A/S", "4400", "A", "Svejsning", "", "open"))
        report = run_import(self.consultant, again, "openings.csv")
        assert report.written and Opening.objects.get().status == "draft"
        assert any("status open not applied" in w.message for w in report.warnings)
        given = self.csv(
            ("24256790", "Novo Nordisk A/S", "4400", "A", "Svejsning", self.t.welder.uri, "open")
        )
        run_import(self.consultant, given, "openings.csv")
        assert Opening.objects.get().status == "open"
