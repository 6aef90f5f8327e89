"""Writing a :class:`~.bundle.Bundle` to the database: one transaction, bulk operations only.

Everything is matched in memory by URI (concepts) and by key (texts, relations), so an
import costs a handful of queries per table whatever its size. A re-import creates nothing
new and updates only rows whose values changed; relations listed for a concept replace that
concept's old ones. Relations that point at a concept the database does not hold are
skipped and counted.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from .bundle import Bundle
from .models import Concept, ConceptText, OccupationSkill, SkillRelation, TaxonomyImport

BATCH = 500
CONCEPT_FIELDS = ("kind", "code", "isco_code", "skill_type", "reuse_level", "status", "collections")
TEXT_FIELDS = ("preferred_label", "alt_labels", "hidden_labels", "description", "derived")


@dataclass
class ImportResult:
    record: TaxonomyImport
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{name}: {value}" for name, value in self.counts.items()]


def apply_bundle(
    bundle: Bundle, *, source: str, builtin: bool = False, started: float | None = None
) -> ImportResult:
    """Write ``bundle`` in one transaction and record a :class:`TaxonomyImport`."""
    started = time.perf_counter() if started is None else started
    counts: Counter = Counter()
    with transaction.atomic():
        ids = _write_concepts(bundle, counts)
        _write_texts(bundle, ids, counts)
        _write_broader(bundle, ids, counts)
        _write_pairs(
            OccupationSkill,
            "occupation_id",
            "skill_id",
            bundle.occupation_skills,
            bundle.related_occupations,
            ids,
            counts,
            "occupation-skill relations",
        )
        _write_pairs(
            SkillRelation,
            "skill_id",
            "related_id",
            bundle.skill_relations,
            bundle.related_skills,
            ids,
            counts,
            "skill-skill relations",
        )
        counts.update({f"rows read: {name}": n for name, n in sorted(bundle.rows.items())})
        record = TaxonomyImport.objects.create(
            source=source[:300],
            builtin=builtin,
            languages=sorted(bundle.languages),
            counts=dict(counts),
            seconds=round(time.perf_counter() - started, 3),
        )
    _after_import(record)
    return ImportResult(record=record, counts=dict(counts))


def _after_import(record: TaxonomyImport) -> None:
    """Drop this process's search index, and compute embeddings in the background."""
    from . import search

    search.invalidate()
    transaction.on_commit(_enqueue_embeddings)


def _enqueue_embeddings() -> None:
    from django.conf import settings

    if settings.TAXONOMY_EMBEDDINGS:
        from .tasks import embed_concepts

        embed_concepts.enqueue()


def _write_concepts(bundle: Bundle, counts: Counter) -> dict[str, int]:
    # Plain rows, not model instances: building 20,000 instances cost seconds.
    existing = {
        row["uri"]: SimpleNamespace(pk=row["id"], **row)
        for row in Concept.objects.values("id", "uri", *CONCEPT_FIELDS)
    }
    # Collection membership: a collection the bundle lists is replaced for every concept.
    listed = set(bundle.collections)
    wanted_collections: dict[str, list[str]] = {}
    if listed:
        members: dict[str, set[str]] = {}
        for name, uris in bundle.collections.items():
            for uri in uris:
                members.setdefault(uri, set()).add(name)
        for uri, concept in existing.items():
            old = set(concept.collections or [])
            new = (old - listed) | members.get(uri, set())
            if new != old:
                wanted_collections[uri] = sorted(new)
        for uri, names in members.items():
            if uri not in existing:
                wanted_collections[uri] = sorted(names)

    now = timezone.now()
    to_create, to_update = [], []
    for uri, data in bundle.concepts.items():
        concept = existing.get(uri)
        if concept is None:
            to_create.append(
                Concept(
                    uri=uri,
                    kind=data.kind,
                    code=data.code,
                    isco_code=data.isco_code,
                    skill_type=data.skill_type,
                    reuse_level=data.reuse_level,
                    status=data.status,
                    collections=wanted_collections.get(uri, []),
                )
            )
            counts[f"{data.kind}: created"] += 1
            continue
        changed = False
        # Another language's file may lack a value the first one had: empty never overwrites.
        for name in ("kind", "code", "isco_code", "skill_type", "reuse_level", "status"):
            value = getattr(data, name)
            if value and getattr(concept, name) != value:
                setattr(concept, name, value)
                changed = True
        if uri in wanted_collections:
            concept.collections = wanted_collections.pop(uri)
            changed = True
        if changed:
            concept.modified_at = now
            to_update.append(concept)
            counts[f"{data.kind}: updated"] += 1
    for uri, names in wanted_collections.items():
        concept = existing.get(uri)
        if concept is not None and uri not in bundle.concepts:
            concept.collections = names
            concept.modified_at = now
            to_update.append(concept)
    Concept.objects.bulk_create(to_create, batch_size=BATCH)
    fast_update(Concept, to_update, [*CONCEPT_FIELDS, "modified_at"])
    return dict(Concept.objects.values_list("uri", "id"))


def _write_texts(bundle: Bundle, ids: dict[str, int], counts: Counter) -> None:
    languages = {lang for _, lang in bundle.texts}
    existing = {
        (row["concept_id"], row["language"]): SimpleNamespace(pk=row["id"], **row)
        for row in ConceptText.objects.filter(language__in=languages).values(
            "id", "concept_id", "language", *TEXT_FIELDS
        )
    }
    to_create, to_update = [], []
    for (uri, lang), data in bundle.texts.items():
        concept_id = ids.get(uri)
        if concept_id is None:
            continue
        text = existing.get((concept_id, lang))
        values = {name: getattr(data, name) for name in TEXT_FIELDS}
        values["preferred_label"] = values["preferred_label"][:500]
        if text is not None and data.derived and not text.derived:
            counts[f"texts ({lang}): kept (official, not replaced by derived)"] += 1
            continue
        if text is None:
            to_create.append(ConceptText(concept_id=concept_id, language=lang, **values))
            counts[f"texts ({lang}): created"] += 1
        else:
            if data.partial:
                # A collection or the hierarchy carries no hidden labels and not always a
                # description: update only what it does carry.
                values = {
                    k: v for k, v in values.items() if v and k not in ("hidden_labels", "derived")
                }
            if any(getattr(text, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(text, name, value)
                to_update.append(text)
                counts[f"texts ({lang}): updated"] += 1
    ConceptText.objects.bulk_create(to_create, batch_size=BATCH)
    fast_update(ConceptText, to_update, list(TEXT_FIELDS))


def _write_broader(bundle: Bundle, ids: dict[str, int], counts: Counter) -> None:
    through = Concept.broader.through
    existing = set(through.objects.values_list("from_concept_id", "to_concept_id"))
    wanted: set[tuple[int, int]] = set()
    children: set[int] = set()
    for child, parents in bundle.broader.items():
        child_id = ids.get(child)
        if child_id is None:
            continue
        children.add(child_id)
        for parent in parents:
            parent_id = ids.get(parent)
            if parent_id is None:
                counts["broader relations skipped (unknown concept)"] += 1
            else:
                wanted.add((child_id, parent_id))
    stale = [pair for pair in existing if pair[0] in children and pair not in wanted]
    new = [through(from_concept_id=a, to_concept_id=b) for a, b in wanted - existing]
    through.objects.bulk_create(new, batch_size=BATCH)
    _delete_pairs(through, "from_concept_id", "to_concept_id", stale)
    counts["broader relations: created"] += len(new)
    if stale:
        counts["broader relations: removed"] += len(stale)


def _write_pairs(
    model,
    left: str,
    right: str,
    pairs: dict,
    listed: set[str],
    ids: dict[str, int],
    counts: Counter,
    name: str,
) -> None:
    if not pairs and not listed:
        return
    existing = {
        (a, b): (pk, rel)
        for pk, a, b, rel in model.objects.values_list("pk", left, right, "relation")
    }
    listed_ids = {ids[uri] for uri in listed if uri in ids}
    wanted: dict[tuple[int, int], str] = {}
    for (a_uri, b_uri), relation in pairs.items():
        a, b = ids.get(a_uri), ids.get(b_uri)
        if a is None or b is None:
            counts[f"{name} skipped (unknown concept)"] += 1
            continue
        wanted[(a, b)] = relation
    to_create = [
        model(**{left: a, right: b, "relation": rel})
        for (a, b), rel in wanted.items()
        if (a, b) not in existing
    ]
    to_update = [
        model(pk=existing[key][0], relation=rel)
        for key, rel in wanted.items()
        if key in existing and existing[key][1] != rel
    ]
    stale = [key for key in existing if key[0] in listed_ids and key not in wanted]
    model.objects.bulk_create(to_create, batch_size=BATCH)
    fast_update(model, to_update, ["relation"])
    _delete_pairs(model, left, right, stale)
    counts[f"{name}: created"] += len(to_create)
    if to_update:
        counts[f"{name}: updated"] += len(to_update)
    if stale:
        counts[f"{name}: removed"] += len(stale)


def _delete_pairs(model, left: str, right: str, pairs: list[tuple[int, int]]) -> None:
    by_left: dict[int, list[int]] = {}
    for a, b in pairs:
        by_left.setdefault(a, []).append(b)
    for a, bs in by_left.items():
        for start in range(0, len(bs), BATCH):
            model.objects.filter(**{left: a, f"{right}__in": bs[start : start + BATCH]}).delete()


def fast_update(model, objects: list, fields: list[str]) -> None:
    """``UPDATE … WHERE id = …`` for each object, in one ``executemany``.

    Django's ``bulk_update`` builds one ``CASE WHEN`` per field and row, which took minutes
    for a few thousand rows with JSON fields; a prepared statement run many times takes
    well under a second on SQLite and PostgreSQL.
    """
    if not objects:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in columns)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments} WHERE {connection.ops.quote_name(meta.pk.column)} = %s"
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 2000):
            cursor.executemany(sql, params[start : start + 2000])
