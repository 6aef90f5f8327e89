"""The driving licence as a hard requirement (the default) or a wish: service, form, API,
import column."""

from talentbridge.employers.imports import run_import
from talentbridge.employers.models import Opening

from .test_openings import OpeningFixture


class DrivingLicenceHardOrSoftTests(OpeningFixture):
    def test_the_service_defaults_to_hard_and_takes_soft(self):
        assert self.make(driving_licence="C").driving_licence_hard is True
        soft = self.make(driving_licence="C", driving_licence_hard=False)
        assert soft.driving_licence_hard is False

    def test_the_form_saves_the_tick(self):
        self.login(self.consultant)
        form = {
            "site": self.site.pk,
            "project": self.project.pk,
            "kind": "job",
            "title": "Chauffør",
            "capacity": 1,
            "driving_licence": "C",
            "action": "save",
        }
        self.client.post("/employers/openings/new/", form)  # unticked checkbox: soft
        self.client.post(
            "/employers/openings/new/", {**form, "title": "Lastbil", "driving_licence_hard": "on"}
        )
        got = dict(Opening.objects.values_list("title", "driving_licence_hard"))
        assert got == {"Chauffør": False, "Lastbil": True}
        page = self.client.get(f"/employers/openings/{Opening.objects.get(title='Chauffør').pk}/")
        self.assertContains(page, "C (ønske)")

    def test_the_api_reads_and_changes_it(self):
        self.login(self.consultant)
        r = self.client.post(
            "/api/employers/openings",
            {"site": self.site.pk, "kind": "job", "title": "Chauffør", "driving_licence": "B"},
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
        assert r.json()["driving_licence_hard"] is True
        r = self.client.patch(
            f"/api/employers/openings/{r.json()['id']}",
            {"driving_licence_hard": False},
            content_type="application/json",
        )
        assert r.json()["driving_licence_hard"] is False
        assert Opening.objects.get().driving_licence_hard is False

    def test_the_import_column(self):
        head = "cvr;employer_name;postal_code;reference;title;occupation;driving_licence"
        text = (
            f"{head};driving_licence_hard\n"
            f"24256790;Novo Nordisk A/S;4400;A;Chauffør;{self.t.welder.uri};C;nej\n"
            f"24256790;Novo Nordisk A/S;4400;B;Lastbil;{self.t.welder.uri};C;ja\n"
            f"24256790;Novo Nordisk A/S;4400;C;Truck;{self.t.welder.uri};B;\n"
        )
        report = run_import(self.consultant, text.encode(), "openings.csv")
        assert report.written, [str(e) for e in report.errors]
        got = dict(Opening.objects.values_list("external_ref", "driving_licence_hard"))
        assert got == {"A": False, "B": True, "C": True}  # empty: the default, hard
        bad = run_import(
            self.consultant,
            f"{head};driving_licence_hard\n24256790;N;4400;D;T;;C;maybe\n".encode(),
            "openings.csv",
        )
        assert [e.field for e in bad.errors] == ["driving_licence_hard"]
