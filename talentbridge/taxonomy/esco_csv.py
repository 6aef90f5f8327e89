"""Reading the official ESCO CSV bundle as the European Commission publishes it.

Files are recognised by name, ``<table>_<language>.csv`` (``occupations_da.csv``,
``skillsHierarchy_en.csv``, ``greenSkillsCollection_en.csv`` …); whichever are present are
read, others are listed as ignored. Every row is checked: a problem raises
:class:`EscoFileError` naming the file, the line (of the record's first physical line: label
lists are multi-line quoted fields) and the problem, before anything is written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from .bundle import Bundle, ConceptData, TextData, isco_code_of, isco_uri

FILE_NAME = re.compile(r"^(?P<table>[A-Za-z]+)_(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)\.csv$")
CONCEPT_TYPES = {
    "Occupation": "occupation",
    "ISCOGroup": "isco-group",
    "KnowledgeSkillCompetence": "skill",
    "SkillGroup": "skill-group",
}
RELATION_TYPES = {"essential", "optional"}


class EscoFileError(ValueError):
    def __init__(self, path: Path | str, line: int, problem: str):
        self.path, self.line, self.problem = Path(path), line, problem
        super().__init__(f"{self.path.name}, line {line}: {problem}")


def rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each record, checking the header and the field count."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        start = 1
        try:
            header = next(reader, None)
            if not header:
                raise EscoFileError(path, 1, "the file is empty (no header)")
            missing = [name for name in required if name not in header]
            if missing:
                raise EscoFileError(path, 1, f"missing column(s): {', '.join(missing)}")
            width = len(header)
            start = reader.line_num + 1
            for record in reader:
                if len(record) > width:
                    raise EscoFileError(
                        path, start, f"expected {width} fields, found {len(record)}"
                    )
                if any(record):
                    # The official files leave out trailing empty fields on some rows.
                    record += [""] * (width - len(record))
                    yield start, dict(zip(header, record, strict=True))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise EscoFileError(path, start, f"malformed CSV: {exc}") from None
        except UnicodeDecodeError:
            line, reason = _first_undecodable_line(path)
            raise EscoFileError(path, line, f"not UTF-8 text: {reason}") from None


def _first_undecodable_line(path: Path) -> tuple[int, str]:
    """Where a file stops being UTF-8 (the reader decodes ahead of the row it is on)."""
    raw = Path(path).read_bytes()
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1, exc.reason
    return 1, "unknown"  # pragma: no cover - the decoder failed, so this is not reached


def _uri(path: Path, line: int, row: dict, column: str, required: bool = True) -> str:
    value = row.get(column, "").strip()
    if not value:
        if required:
            raise EscoFileError(path, line, f"{column} is empty")
        return ""
    if not value.startswith(("http://", "https://")) or any(ch.isspace() for ch in value):
        raise EscoFileError(path, line, f"{column} {value[:80]!r} is not a URI")
    return value


def _labels(value: str, separator: str = "\n") -> list[str]:
    parts = value.replace(" | ", "\n").split("\n") if separator == " | " else value.split("\n")
    seen: dict[str, None] = {}
    for part in parts:
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _kind(path: Path, line: int, row: dict, expected: str) -> str:
    concept_type = row.get("conceptType", "").strip()
    if not concept_type:
        return expected
    kind = CONCEPT_TYPES.get(concept_type)
    if kind is None:
        raise EscoFileError(path, line, f"unknown conceptType {concept_type!r}")
    return kind


def _isco(path: Path, line: int, value: str, column: str) -> str:
    value = value.strip()
    if value and not (value.isdigit() and len(value) <= 4):
        raise EscoFileError(path, line, f"{column} {value!r} is not an ISCO-08 code")
    return value


def _text(row: dict, separator: str = "\n", partial: bool = False) -> TextData:
    return TextData(
        preferred_label=row.get("preferredLabel", "").strip(),
        alt_labels=_labels(row.get("altLabels", ""), separator),
        hidden_labels=_labels(row.get("hiddenLabels", ""), separator),
        description=(row.get("description") or row.get("definition") or "").strip(),
        partial=partial,
    )


def _add_text(bundle: Bundle, uri: str, lang: str, text: TextData) -> None:
    if text.preferred_label:
        bundle.add_text(uri, lang, text)
    else:
        bundle.rows["texts without a label"] += 1


def read_occupations(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("conceptUri", "preferredLabel")):
        uri = _uri(path, line, row, "conceptUri")
        kind = _kind(path, line, row, "occupation")
        isco = _isco(path, line, row.get("iscoGroup", ""), "iscoGroup")
        if isco and len(isco) != 4:
            raise EscoFileError(
                path, line, f"iscoGroup {isco!r} is not a 4-digit ISCO-08 unit group"
            )
        bundle.add_concept(
            ConceptData(
                uri,
                kind,
                code=row.get("code", "").strip(),
                isco_code=isco,
                status=row.get("status", "").strip(),
            )
        )
        _add_text(bundle, uri, lang, _text(row))
        bundle.rows["occupations"] += 1


def read_isco_groups(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("conceptUri", "preferredLabel")):
        uri = _uri(path, line, row, "conceptUri")
        code = _isco(path, line, row.get("code", "") or isco_code_of(uri), "code")
        if not code:
            raise EscoFileError(path, line, "code is empty and the URI holds no ISCO-08 code")
        bundle.add_concept(
            ConceptData(
                uri,
                "isco-group",
                code=code,
                isco_code=code if len(code) == 4 else "",
                status=row.get("status", "").strip(),
            )
        )
        if len(code) > 1:
            bundle.add_broader(uri, isco_uri(code[:-1]))
        _add_text(bundle, uri, lang, _text(row))
        bundle.rows["ISCO groups"] += 1


def read_skills(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("conceptUri", "preferredLabel")):
        uri = _uri(path, line, row, "conceptUri")
        kind = _kind(path, line, row, "skill")
        bundle.add_concept(
            ConceptData(
                uri,
                kind,
                skill_type=row.get("skillType", "").strip(),
                reuse_level=row.get("reuseLevel", "").strip(),
                status=row.get("status", "").strip(),
            )
        )
        _add_text(bundle, uri, lang, _text(row))
        bundle.rows["skills"] += 1


def read_skill_groups(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("conceptUri", "preferredLabel")):
        uri = _uri(path, line, row, "conceptUri")
        bundle.add_concept(
            ConceptData(
                uri,
                "skill-group",
                code=row.get("code", "").strip(),
                status=row.get("status", "").strip(),
            )
        )
        _add_text(bundle, uri, lang, _text(row))
        bundle.rows["skill groups"] += 1


def read_hierarchy(bundle: Bundle, path: Path, lang: str) -> None:
    """``skillsHierarchy``: one row per path of up to four levels of skill groups."""
    required = ("Level 0 URI", "Level 0 preferred term")
    for line, row in rows(path, required):
        parent = ""
        for level in range(4):
            uri = _uri(path, line, row, f"Level {level} URI", required=level == 0)
            if not uri:
                break
            code = row.get(f"Level {level} code", "").strip()
            bundle.add_concept(ConceptData(uri, "skill-group", code=code))
            label = row.get(f"Level {level} preferred term", "").strip()
            deepest = not row.get(f"Level {level + 1} URI", "").strip()
            description = row.get("Description", "").strip() if deepest else ""
            _add_text(bundle, uri, lang, TextData(label, description=description, partial=True))
            if parent:
                bundle.add_broader(uri, parent)
            parent = uri
        bundle.rows["hierarchy rows"] += 1


def read_collection(bundle: Bundle, path: Path, lang: str, name: str) -> None:
    members = bundle.collections.setdefault(name, set())
    for line, row in rows(path, ("conceptUri", "preferredLabel")):
        uri = _uri(path, line, row, "conceptUri")
        kind = _kind(path, line, row, "skill")
        bundle.add_concept(
            ConceptData(
                uri,
                kind,
                skill_type=row.get("skillType", "").strip(),
                reuse_level=row.get("reuseLevel", "").strip(),
                status=row.get("status", "").strip(),
            )
        )
        _add_text(bundle, uri, lang, _text(row, separator=" | ", partial=True))
        for parent in _labels(row.get("broaderConceptUri", ""), " | "):
            bundle.add_broader(uri, parent)
        members.add(uri)
        bundle.rows[f"collection {name}"] += 1


def read_broader(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("conceptUri", "broaderUri")):
        bundle.add_broader(_uri(path, line, row, "conceptUri"), _uri(path, line, row, "broaderUri"))
        bundle.rows["broader relations"] += 1


def read_occupation_skills(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("occupationUri", "relationType", "skillUri")):
        occupation = _uri(path, line, row, "occupationUri")
        skill = _uri(path, line, row, "skillUri")
        relation = row["relationType"].strip()
        if relation not in RELATION_TYPES:
            raise EscoFileError(
                path, line, f"relationType {relation!r} is neither essential nor optional"
            )
        bundle.occupation_skills[(occupation, skill)] = relation
        bundle.related_occupations.add(occupation)
        bundle.rows["occupation-skill relations"] += 1


def read_skill_relations(bundle: Bundle, path: Path, lang: str) -> None:
    for line, row in rows(path, ("originalSkillUri", "relationType", "relatedSkillUri")):
        skill = _uri(path, line, row, "originalSkillUri")
        related = _uri(path, line, row, "relatedSkillUri")
        relation = row["relationType"].strip()
        if relation not in RELATION_TYPES:
            raise EscoFileError(
                path, line, f"relationType {relation!r} is neither essential nor optional"
            )
        bundle.skill_relations[(skill, related)] = relation
        bundle.related_skills.add(skill)
        bundle.rows["skill-skill relations"] += 1


READERS = {
    "occupations": read_occupations,
    "ISCOGroups": read_isco_groups,
    "skills": read_skills,
    "skillGroups": read_skill_groups,
    "skillsHierarchy": read_hierarchy,
    "broaderRelationsOccPillar": read_broader,
    "broaderRelationsSkillPillar": read_broader,
    "occupationSkillRelations": read_occupation_skills,
    "skillSkillRelations": read_skill_relations,
}
# Concept files first, so that relations and collections find their concepts' kinds.
ORDER = list(READERS)


def collection_name(table: str) -> str:
    """``digitalSkillsCollection`` → ``digital``; ``researchOccupationsCollection`` → ``researchOccupations``."""
    name = table[: -len("Collection")]
    return name[: -len("Skills")] if name.endswith("Skills") and len(name) > 6 else name


def read_bundle(directory: Path | str) -> Bundle:
    """Read every recognised ESCO CSV file in ``directory`` into one :class:`Bundle`.

    Raises :class:`EscoFileError` for the first problem found, and ``FileNotFoundError``
    when the directory holds no ESCO CSV file at all.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a directory")
    found: list[tuple[int, str, Path, str]] = []
    bundle = Bundle()
    for path in sorted(directory.glob("*.csv")):
        match = FILE_NAME.match(path.name)
        table = match["table"] if match else ""
        if table in READERS:
            found.append((ORDER.index(table), table, path, match["lang"]))
        elif table.endswith("Collection") and len(table) > len("Collection"):
            found.append((len(ORDER), table, path, match["lang"]))
        else:
            bundle.ignored_files.append(path.name)
    if not found:
        raise FileNotFoundError(
            f"no ESCO CSV files (occupations_<lang>.csv, skills_<lang>.csv, …) in {directory}"
        )
    for _, table, path, lang in sorted(found):
        if table in READERS:
            READERS[table](bundle, path, lang)
        else:
            read_collection(bundle, path, lang, collection_name(table))
        bundle.files.append(path.name)
        bundle.languages.add(lang)
    return bundle
