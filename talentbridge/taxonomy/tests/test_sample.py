"""The curated sample: its facts agree with the official files, and loading it is idempotent."""

from __future__ import annotations

import csv

import pytest

from conftest import shared_path
from talentbridge.taxonomy import builtin
from talentbridge.taxonomy.models import Concept, ConceptText, OccupationSkill
from talentbridge.taxonomy.sample import ISCO_GROUPS, OCCUPATIONS, SKILLS, load_sample, occupation
from talentbridge.taxonomy.services import has_relations, occupation_skills


def test_the_sample_is_plain_data_for_the_demo():
    assert 40 <= len(OCCUPATIONS) <= 60
    assert len({o.uri for o in OCCUPATIONS}) == len(OCCUPATIONS)
    for item in OCCUPATIONS:
        assert 4 <= len(item.essential) <= 10 and 1 <= len(item.optional) <= 6, item.label_en
        assert item.isco == item.code.split(".")[0] and len(item.isco) == 4
        assert item.label_da and item.label_en
        assert not {s.uri for s in item.essential} & {s.uri for s in item.optional}
    codes = {g.code for g in ISCO_GROUPS}
    assert all(o.isco[:n] in codes for o in OCCUPATIONS for n in (1, 2, 3, 4))
    assert occupation("svejser") is occupation("welder") is occupation(occupation("welder").uri)
    assert (
        occupation("welder").label("da") == "svejser"
        and occupation("welder").label("en") == "welder"
    )


@pytest.mark.shared_data
def test_the_sample_agrees_with_the_official_files():
    english = {
        r["conceptUri"]: r
        for r in csv.DictReader(
            open(shared_path("esco-1.2.0-en", "occupations_en.csv"), encoding="utf-8")
        )
    }
    danish = {
        r["conceptUri"]: r
        for r in csv.DictReader(
            open(shared_path("esco-1.0.8-da", "occupations_da.csv"), encoding="utf-8")
        )
    }
    for item in OCCUPATIONS:
        row = english[item.uri]
        assert (row["code"], row["iscoGroup"], row["preferredLabel"].strip()) == (
            item.code,
            item.isco,
            item.label_en,
        )
        assert danish[item.uri]["preferredLabel"].strip() == item.label_da
    groups_en = {
        r["code"]: r["preferredLabel"]
        for r in csv.DictReader(
            open(shared_path("esco-1.2.0-en", "ISCOGroups_en.csv"), encoding="utf-8")
        )
    }
    groups_da = {
        r["code"]: r["preferredLabel"]
        for r in csv.DictReader(
            open(shared_path("esco-1.0.8-da", "ISCOGroups_da.csv"), encoding="utf-8")
        )
    }
    for group in ISCO_GROUPS:
        assert (group.label_en, group.label_da) == (
            groups_en[group.code],
            groups_da.get(group.code, ""),
        )


@pytest.mark.shared_data
def test_the_sample_relations_are_the_official_essential_and_optional_skills():
    pyarrow = pytest.importorskip("pyarrow.parquet")
    table = pyarrow.read_table(shared_path("esco-1.2.0-en", "esco_occupation_profiles.parquet"))
    profiles = {
        r["occupation_uri"]: r
        for r in table.select(["occupation_uri", "essential_skills", "optional_skills"]).to_pylist()
    }
    for item in OCCUPATIONS:
        profile = profiles[item.uri]
        essential = {s.strip() for s in profile["essential_skills"] or []}
        optional = {s.strip() for s in profile["optional_skills"] or []}
        assert {s.label for s in item.essential} <= essential, item.label_en
        assert {s.label for s in item.optional} <= optional, item.label_en


def test_the_sample_skill_uris_carry_their_labels():
    """Each skill's text in the package's skills.csv starts with the label we typed."""
    try:
        rows = dict(builtin.read_rows(builtin.data_dir() / "skills.csv"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    for skill in SKILLS:
        assert rows[skill.uri].startswith(skill.label + " "), skill


@pytest.mark.django_db
def test_load_sample_is_idempotent_and_gives_relations():
    counts = load_sample()
    assert counts["occupation: created"] == len(OCCUPATIONS)
    assert counts["isco-group: created"] == len(ISCO_GROUPS)
    assert counts["skill: created"] == len(SKILLS)
    totals = Concept.objects.count(), ConceptText.objects.count(), OccupationSkill.objects.count()
    again = load_sample()
    assert not any(
        key.endswith(("created", "updated")) and n
        for key, n in again.items()
        if "broader" not in key
    )
    assert (
        Concept.objects.count(),
        ConceptText.objects.count(),
        OccupationSkill.objects.count(),
    ) == totals
    assert has_relations()
    welder = occupation("welder")
    skills = occupation_skills(welder.uri)
    assert {s.uri for s in skills["essential"]} == {s.uri for s in welder.essential}
    assert {s.uri for s in skills["optional"]} == {s.uri for s in welder.optional}
    concept = Concept.objects.get(uri=welder.uri)
    assert (concept.label("da"), concept.label("en"), concept.isco_code) == (
        "svejser",
        "welder",
        "7212",
    )
    assert concept.broader.get().code == "7212"
    assert Concept.objects.get(kind="isco-group", code="7").label("da")


@pytest.mark.django_db
def test_the_sample_never_removes_what_a_full_import_brought():
    from talentbridge.taxonomy.bundle import Bundle, ConceptData, TextData
    from talentbridge.taxonomy.importer import apply_bundle

    welder = occupation("welder")
    bundle = Bundle(languages={"en"})
    bundle.add_concept(ConceptData(welder.uri, "occupation", code="7212.3", isco_code="7212"))
    bundle.add_text(
        welder.uri,
        "en",
        TextData("welder", alt_labels=["welding operative"], description="Welders join metal."),
    )
    apply_bundle(bundle, source="official")
    load_sample()
    text = ConceptText.objects.get(concept__uri=welder.uri, language="en")
    assert (text.alt_labels, text.description) == (["welding operative"], "Welders join metal.")
