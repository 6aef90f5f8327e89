"""Importing the official ESCO CSV format: updates on re-import, and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management.base import CommandError

from talentbridge.taxonomy.esco_csv import EscoFileError, read_bundle
from talentbridge.taxonomy.models import Concept, ConceptText, OccupationSkill, TaxonomyImport

from .test_import_official import COOK, MIG, WELDER, run_import

OCCUPATIONS_HEADER = (
    "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
    "regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n"
)
RELATIONS_HEADER = "occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel\n"
SKILLS_HEADER = (
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,"
    "modifiedDate,scopeNote,definition,inScheme,description\n"
)


def occupation_row(
    uri: str, label: str, alt: str = "", isco: str = "7212", code: str = "7212.3"
) -> str:
    return f'Occupation,{uri},{isco},{label},"{alt}",,released,,,,,,"{label} do things.",{code}\n'


def write_bundle(
    folder: Path, occupations: str, relations: str | None = None, skills: str | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "occupations_en.csv").write_text(OCCUPATIONS_HEADER + occupations, encoding="utf-8")
    if skills is not None:
        (folder / "skills_en.csv").write_text(SKILLS_HEADER + skills, encoding="utf-8")
    if relations is not None:
        (folder / "occupationSkillRelations_en.csv").write_text(
            RELATIONS_HEADER + relations, encoding="utf-8"
        )
    return folder


def skill_row(uri: str, label: str) -> str:
    return f"KnowledgeSkillCompetence,{uri},skill/competence,cross-sector,{label},,,released,,,,,{label}.\n"


@pytest.mark.django_db
def test_a_changed_row_is_updated_and_relations_follow_the_file(tmp_path):
    s1, s2 = "http://data.europa.eu/esco/skill/s1", "http://data.europa.eu/esco/skill/s2"
    skills = skill_row(s1, "join metals") + skill_row(s2, "operate brazing equipment")
    relations = f"{WELDER},welder,essential,skill/competence,{s1},x\n{WELDER},welder,optional,skill/competence,{s2},y\n"
    folder = write_bundle(
        tmp_path / "v1",
        occupation_row(WELDER, "welder", "welding operative\nmetal welder"),
        relations,
        skills,
    )
    run_import(str(folder))
    assert ConceptText.objects.get(concept__uri=WELDER).alt_labels == [
        "welding operative",
        "metal welder",
    ]

    relations_v2 = f"{WELDER},welder,optional,skill/competence,{s1},x\n"
    folder = write_bundle(
        tmp_path / "v2", occupation_row(WELDER, "welder", "metal welder"), relations_v2, skills
    )
    output = run_import(str(folder))
    assert "texts (en): updated: 1" in output
    assert (
        "occupation-skill relations: updated: 1" in output
        and "occupation-skill relations: removed: 1" in output
    )
    assert ConceptText.objects.get(concept__uri=WELDER).alt_labels == ["metal welder"]
    assert list(OccupationSkill.objects.values_list("skill__uri", "relation")) == [(s1, "optional")]
    assert Concept.objects.filter(uri=WELDER).count() == 1


MALFORMED = [
    (
        "occupations_en.csv",
        OCCUPATIONS_HEADER
        + occupation_row(WELDER, "welder")
        + 'Occupation,http://x.org/o2,7212,"unclosed,,,,,,,,,,\n',
        "line 3",
        "malformed CSV",
    ),
    (
        "occupations_en.csv",
        OCCUPATIONS_HEADER
        + occupation_row(WELDER, "welder", "a\nb")
        + occupation_row("not a uri", "cook"),
        "line 4",
        "conceptUri 'not a uri' is not a URI",
    ),
    (
        "occupations_en.csv",
        OCCUPATIONS_HEADER + occupation_row(WELDER, "welder", isco="72x"),
        "line 2",
        "iscoGroup '72x' is not an ISCO-08 code",
    ),
    (
        "occupations_en.csv",
        OCCUPATIONS_HEADER + occupation_row(WELDER, "welder").rstrip("\n") + ",extra,fields\n",
        "line 2",
        "expected 14 fields, found 16",
    ),
    (
        "occupations_en.csv",
        "conceptType,preferredLabel\nOccupation,welder\n",
        "line 1",
        "missing column(s): conceptUri",
    ),
    (
        "occupationSkillRelations_en.csv",
        RELATIONS_HEADER + f"{WELDER},welder,mandatory,skill/competence,{MIG},x\n",
        "line 2",
        "relationType 'mandatory'",
    ),
    (
        "skills_en.csv",
        SKILLS_HEADER.encode("utf-8")
        + "KnowledgeSkillCompetence,http://x.org/s,,,sv\xe6ts,,,,,,,,\n".encode("latin-1"),
        "line 2",
        "not UTF-8",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "line", "problem"), MALFORMED)
def test_a_malformed_file_names_file_line_and_problem_and_imports_nothing(
    tmp_path, name, content, line, problem
):
    # A valid file sits beside the bad one: nothing of it may be written either.
    write_bundle(tmp_path, occupation_row(COOK, "cook", isco="5120", code="5120.1"))
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(CommandError) as caught:
        run_import(str(tmp_path))
    message = str(caught.value)
    assert message.startswith(f"{name}, {line}:"), message
    assert problem in message
    assert Concept.objects.count() == 0 and TaxonomyImport.objects.count() == 0


def test_the_reader_reports_the_first_line_of_a_multi_line_record(tmp_path):
    rows = occupation_row(WELDER, "welder", "a\nb\nc") + occupation_row("bad uri", "cook", "d\ne")
    write_bundle(tmp_path, rows)
    with pytest.raises(EscoFileError) as caught:
        read_bundle(tmp_path)
    # The welder record spans lines 2-4; the bad one starts on line 5.
    assert caught.value.line == 5


@pytest.mark.django_db
def test_the_command_needs_a_folder_or_builtin(tmp_path):
    with pytest.raises(CommandError, match="either a folder"):
        run_import()
    with pytest.raises(CommandError, match="no ESCO CSV files"):
        run_import(str(tmp_path))
    with pytest.raises(CommandError, match="is not a directory"):
        run_import(str(tmp_path / "missing"))
