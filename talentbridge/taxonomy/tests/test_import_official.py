"""Importing the official ESCO CSV bundle: the real English and Danish files in ../shared,
with our own fixtures for the files ../shared does not hold (skills, relations, Danish skills).

The English import runs once for this module (about 3 s); every test rolls back its own changes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import shared_path
from talentbridge.taxonomy.models import (
    Concept,
    ConceptText,
    OccupationSkill,
    SkillRelation,
    TaxonomyImport,
)
from talentbridge.taxonomy.services import has_relations, occupation_skills

FIXTURES = Path(__file__).parent / "fixtures"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"
MIG = "http://data.europa.eu/esco/skill/f015c5d5-6a1c-4f63-9012-a05f4f34105e"


def linked_folder(tmp: Path, *sources: Path) -> Path:
    """A folder of symbolic links to the files of ``sources`` (the real files stay in ../shared)."""
    tmp.mkdir(parents=True, exist_ok=True)
    for source in sources:
        for path in source.glob("*.csv"):
            (tmp / path.name).symlink_to(path)
    return tmp


def run_import(*args: str) -> str:
    out = io.StringIO()
    call_command("taxonomy_import_esco", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def english(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real English bundle plus our skills and relations fixtures, imported once."""
    folder = linked_folder(
        tmp_path_factory.mktemp("esco") / "en",
        shared_path("esco-1.2.0-en"),
        FIXTURES / "esco-extra-en",
    )
    with django_db_blocker.unblock():
        output = run_import(str(folder))
        yield {"folder": folder, "output": output}
        Concept.objects.all().delete()
        TaxonomyImport.objects.all().delete()


@pytest.mark.shared_data
@pytest.mark.django_db
class TestOfficialEnglishBundle:
    def test_it_imports_every_concept_kind(self, english):
        assert Concept.objects.filter(kind="occupation").count() == 3039
        assert Concept.objects.filter(kind="isco-group").count() == 619
        assert Concept.objects.filter(kind="skill-group").count() == 640
        # Skills come from the collections and our skills_en.csv fixture.
        assert Concept.objects.filter(kind="skill").count() > 2000
        assert "occupation: created: 3039" in english["output"]
        record = TaxonomyImport.objects.get()
        assert record.languages == ["en"] and not record.builtin
        assert record.counts["occupation: created"] == 3039

    def test_it_reads_multi_line_labels_codes_and_groups(self, english):
        welder = Concept.objects.get(uri=WELDER)
        assert (welder.kind, welder.code, welder.isco_code) == ("occupation", "7212.3", "7212")
        text = welder.texts.get(language="en")
        assert text.preferred_label == "welder"
        assert len(text.alt_labels) > 3 and all("\n" not in label for label in text.alt_labels)
        assert text.description.startswith("Welders")
        assert welder.broader.filter(code="7212", kind="isco-group").exists()
        group = Concept.objects.get(kind="isco-group", code="7212")
        assert group.broader.get().code == "721"

    def test_it_records_collections_and_the_skill_hierarchy(self, english):
        mig = Concept.objects.get(uri=MIG)
        assert (mig.skill_type, mig.reuse_level) == ("skill/competence", "sector-specific")
        assert mig.texts.get(language="en").hidden_labels == ["MIG-welding"]
        haskell = Concept.objects.get(
            uri="http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02"
        )
        assert "digital" in haskell.collections
        assert (
            sum(
                "digital" in names
                for names in Concept.objects.values_list("collections", flat=True)
            )
            == 1284
        )
        assert haskell.broader.filter(kind="skill-group").exists()
        assert SkillRelation.objects.exists()

    def test_it_links_occupations_and_skills_and_skips_unknown_ones(self, english):
        skills = occupation_skills(WELDER)
        assert [s.label("en") for s in skills["essential"]] == [
            "join metals",
            "perform metal inert gas welding",
            "perform tungsten inert gas welding",
            "types of metal",
        ]
        assert [s.label("en") for s in skills["optional"]] == ["operate brazing equipment"]
        assert has_relations()
        assert (
            TaxonomyImport.objects.get().counts[
                "occupation-skill relations skipped (unknown concept)"
            ]
            == 1
        )

    def test_a_second_language_adds_texts_to_the_same_concepts(self, english, tmp_path):
        before = Concept.objects.count()
        folder = linked_folder(
            tmp_path / "da", shared_path("esco-1.0.8-da"), FIXTURES / "esco-extra-da"
        )
        output = run_import(str(folder))
        assert "ignored files: labels_da.csv" in output
        welder = Concept.objects.get(uri=WELDER)
        assert welder.label("da") == "svejser" and welder.label("en") == "welder"
        assert welder.isco_code == "7212"
        # ESCO 1.0.8 has five occupations that 1.2 no longer has; all others are the same concepts.
        assert Concept.objects.count() == before + 5
        assert ConceptText.objects.filter(language="da", concept__kind="occupation").count() > 2900
        assert (
            ConceptText.objects.get(concept__uri=MIG, language="da").preferred_label
            == "udføre MIG-svejsning"
        )
        assert (
            Concept.objects.get(kind="isco-group", code="7212").label("da")
            == "Svejsearbejde og skærebrænding"
        )
        assert TaxonomyImport.objects.order_by("-id").first().languages == ["da"]

    def test_a_reimport_adds_no_duplicates(self, english):
        counts = (
            Concept.objects.count(),
            ConceptText.objects.count(),
            OccupationSkill.objects.count(),
        )
        broader = Concept.broader.through.objects.count()
        output = run_import(str(english["folder"]))
        assert "created: 3039" not in output
        assert (
            Concept.objects.count(),
            ConceptText.objects.count(),
            OccupationSkill.objects.count(),
        ) == counts
        assert Concept.broader.through.objects.count() == broader
        latest = TaxonomyImport.objects.order_by("-id").first().counts
        assert not any(
            name.endswith(("created", "updated")) and n
            for name, n in latest.items()
            if "broader" not in name
        )
