"""A taxonomy held in memory before it is written: concepts, texts per language, relations.

The readers (:mod:`.esco_csv` for the official bundle, :mod:`.builtin` for the embedded
default, :mod:`.sample` for the curated sample) each fill a :class:`Bundle`; the importer
(:mod:`.importer`) writes one to the database in a single transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ISCO_PREFIX = "http://data.europa.eu/esco/isco/C"


@dataclass
class ConceptData:
    uri: str
    kind: str
    code: str = ""
    isco_code: str = ""
    skill_type: str = ""
    reuse_level: str = ""
    status: str = ""

    def merge(self, other: ConceptData) -> None:
        """Fill the fields this record lacks from ``other`` (the same concept, another file)."""
        for name in ("code", "isco_code", "skill_type", "reuse_level", "status"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))


@dataclass
class TextData:
    preferred_label: str
    alt_labels: list[str] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    description: str = ""
    # Texts read from a collection or the hierarchy are partial (no hidden labels, sometimes
    # no description): they create a text that does not exist but never overwrite one.
    partial: bool = False
    # Derived by heuristics (the built-in taxonomy): never replaces a text from an official file.
    derived: bool = False


@dataclass
class Bundle:
    concepts: dict[str, ConceptData] = field(default_factory=dict)
    texts: dict[tuple[str, str], TextData] = field(default_factory=dict)
    # child URI -> its broader URIs. A child listed here gets exactly these broader concepts.
    broader: dict[str, set[str]] = field(default_factory=dict)
    occupation_skills: dict[tuple[str, str], str] = field(default_factory=dict)
    skill_relations: dict[tuple[str, str], str] = field(default_factory=dict)
    # Occupations whose relations the bundle lists completely (their old relations are replaced).
    related_occupations: set[str] = field(default_factory=set)
    related_skills: set[str] = field(default_factory=set)
    # collection name -> member URIs; membership of a listed collection is replaced.
    collections: dict[str, set[str]] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    rows: Counter = field(default_factory=Counter)

    def add_concept(self, concept: ConceptData) -> None:
        existing = self.concepts.get(concept.uri)
        if existing is None:
            self.concepts[concept.uri] = concept
        else:
            existing.merge(concept)

    def add_text(self, uri: str, language: str, text: TextData) -> None:
        key = (uri, language)
        existing = self.texts.get(key)
        if existing is None or (existing.partial and not text.partial):
            self.texts[key] = text
        elif existing.partial and text.partial:
            existing.alt_labels = existing.alt_labels or text.alt_labels
            existing.description = existing.description or text.description
        self.languages.add(language)

    def add_broader(self, child: str, parent: str) -> None:
        if parent and parent != child:
            self.broader.setdefault(child, set()).add(parent)


def isco_code_of(uri: str) -> str:
    """The ISCO-08 code in an ESCO ISCO group URI, or "" (``…/isco/C2654`` → ``"2654"``)."""
    if uri.startswith(ISCO_PREFIX):
        code = uri[len(ISCO_PREFIX) :]
        if code.isdigit() and 1 <= len(code) <= 4:
            return code
    return ""


def isco_uri(code: str) -> str:
    return f"{ISCO_PREFIX}{code}"


def kind_of_uri(uri: str) -> str:
    """The concept kind an ESCO URI names: occupation, isco-group, skill or skill-group.

    Skill groups of the skills pillar have URIs like skills (``…/skill/<uuid>``); only the
    file they come from tells them apart, so this answers "skill" for them.
    """
    if "/esco/occupation/" in uri:
        return "occupation"
    if "/esco/isco/" in uri:
        return "isco-group"
    if "/esco/isced-f/" in uri:
        return "skill-group"
    if "/esco/skill/" in uri:
        return "skill"
    return ""
