"""Benchmark of the taxonomy: ESCO import time, suggest latency, throughput and quality.

Prints one JSON object per figure per line. Sets up Django itself with temporary SQLite
databases (nothing is written to the project's database):

1. ``esco_import_seconds``: the English bundle in ../shared/data/esco-1.2.0-en into a fresh
   database (reference: reading and checking the CSV files alone, without the database);
2. the full taxonomy: the built-in (all 13,939 skills), the English bundle and the Danish
   labels (../shared/data/esco-1.0.8-da), with embeddings of the occupation labels;
3. ``suggest_p50_ms`` / ``suggest_p95_ms``: one query at a time over 304 labelled job titles
   as people write them (Danish, English, inflected, misspelt, abbreviated, gendered,
   Arabic, Farsi, Ukrainian), with an empty query-embedding cache (reference: a plain
   rapidfuzz scan of every label, and the lexical layer alone);
4. ``suggest_batch_qps``: the same queries in batches of 64 (reference: lexical layer alone);
5. ``suggest_top5_hit_rate`` / ``suggest_top1_hit_rate``: a hit is a suggestion in one of the
   query's ISCO-08 unit groups (reference: the lexical layer alone); the same for the
   built-in taxonomy alone (English labels derived from the package, no Danish).

Label embeddings are cached between runs in ``var/bench/`` (computing them is setup, not
what is measured; ``embed_seconds`` reports the part computed in this run).

Run: ``.venv/bin/python bench/taxonomy.py`` (about 2–4 minutes once the cache is warm).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CACHE = ROOT / "var" / "bench" / "taxonomy-label-embeddings.npz"
sys.path.insert(0, str(ROOT))


def emit(
    figure: str, value, unit: str, target=None, reference: dict | None = None, **extra
) -> None:
    line = {
        "figure": figure,
        "value": value,
        "unit": unit,
        "target": target,
        "reference": reference,
    }
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["TAXONOMY_EMBEDDINGS"] = "1"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentbridge.settings")
    import django

    django.setup()


def use_database(path: Path) -> None:
    """Point the default connection at another SQLite file (and migrate it)."""
    from django.core.management import call_command
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(path)
    call_command("migrate", verbosity=0)


def quiet_command(*args, **kwargs) -> None:
    import io

    from django.core.management import call_command

    call_command(*args, stdout=io.StringIO(), **kwargs)


def embed_with_cache() -> float:
    """Embed occupation labels, reusing vectors cached from earlier runs; returns seconds spent."""
    import numpy as np

    from talentbridge.taxonomy.embeddings import embed
    from talentbridge.taxonomy.models import ConceptEmbedding
    from talentbridge.taxonomy.search.semantic import DIM, MODEL_NAME

    if CACHE.exists():
        cached = np.load(CACHE, allow_pickle=False)
        if str(cached["model"]) == MODEL_NAME:
            texts = [str(t) for t in cached["texts"]]
            # Seed the reuse mechanism of embed(): it takes vectors of known texts from here.
            ConceptEmbedding.objects.create(
                index="occupations",
                model=MODEL_NAME,
                dim=DIM,
                uris=[],
                texts=texts,
                owners=np.zeros(len(texts), dtype=np.int32).tobytes(),
                vectors=cached["vectors"].astype(np.float16).tobytes(),
            )
    started = time.perf_counter()
    embed(["occupations"])
    seconds = time.perf_counter() - started
    stored = ConceptEmbedding.objects.get(index="occupations")
    vectors = np.frombuffer(bytes(stored.vectors), dtype=np.float16).reshape(-1, stored.dim)
    known = {}
    if CACHE.exists():
        cached = np.load(CACHE, allow_pickle=False)
        known = dict(zip((str(t) for t in cached["texts"]), cached["vectors"], strict=True))
    known.update(zip(stored.texts, vectors, strict=True))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        CACHE,
        model=np.array(MODEL_NAME),
        texts=np.array(list(known)),
        vectors=np.stack(list(known.values())),
    )
    return seconds


def hit_rates(index, queries, truth_isco, semantic: bool) -> dict:
    results = index.search([q for q, _, _ in queries], lang="da", top=5, semantic=semantic)
    top5 = top1 = 0
    by_category: dict[str, list[int]] = {}
    for (_, category, codes), found in zip(queries, results, strict=True):
        groups = [
            index.isco[index.position[r["uri"]]] or truth_isco.get(r["uri"], "") for r in found
        ]
        hit = any(g in codes for g in groups)
        top5 += hit
        top1 += bool(groups) and groups[0] in codes
        by_category.setdefault(category, []).append(hit)
    n = len(queries)
    return {
        "top5": round(top5 / n, 3),
        "top1": round(top1 / n, 3),
        "by_category": {c: round(sum(v) / len(v), 2) for c, v in by_category.items()},
    }


def main() -> None:
    if not (SHARED / "esco-1.2.0-en").exists():
        sys.exit(f"the real ESCO files are not in {SHARED}: nothing to measure")
    workdir = Path(tempfile.mkdtemp(prefix="tb-bench-taxonomy-"))
    setup_django(workdir / "import.sqlite3")
    import csv

    from talentbridge.taxonomy import search
    from talentbridge.taxonomy.esco_csv import read_bundle
    from talentbridge.taxonomy.search.semantic import query_cache
    from talentbridge.taxonomy.tests.queries import QUERIES

    load = os.getloadavg()

    # 1. Import of the English bundle into a fresh database.
    use_database(workdir / "import.sqlite3")
    started = time.perf_counter()
    read_bundle(SHARED / "esco-1.2.0-en")
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    quiet_command("taxonomy_import_esco", str(SHARED / "esco-1.2.0-en"))
    import_seconds = time.perf_counter() - started
    emit(
        "esco_import_seconds",
        round(import_seconds, 2),
        "s",
        target=60,
        reference={
            "name": "reading and checking the CSV files only (no database)",
            "value": round(parse_seconds, 2),
        },
        database="sqlite",
        load_average=[round(x, 2) for x in load],
    )

    truth_isco = {
        row["conceptUri"]: row["iscoGroup"]
        for row in csv.DictReader(
            open(SHARED / "esco-1.2.0-en" / "occupations_en.csv", encoding="utf-8")
        )
    }

    # 2. The full taxonomy.
    use_database(workdir / "full.sqlite3")
    started = time.perf_counter()
    quiet_command("taxonomy_import_esco", builtin=True)
    builtin_seconds = time.perf_counter() - started
    quiet_command("taxonomy_import_esco", str(SHARED / "esco-1.2.0-en"))
    if (SHARED / "esco-1.0.8-da").exists():
        quiet_command("taxonomy_import_esco", str(SHARED / "esco-1.0.8-da"))
    emit(
        "builtin_import_seconds",
        round(builtin_seconds, 2),
        "s",
        target=60,
        reference=None,
        note="import-esco --builtin into a fresh database (make demo)",
    )
    embed_seconds = embed_with_cache()
    search.invalidate()
    started = time.perf_counter()
    index = search.get_index("occupations")
    build_seconds = time.perf_counter() - started
    emit(
        "suggest_index_build_seconds",
        round(build_seconds, 2),
        "s",
        reference=None,
        concepts=len(index),
        label_forms=len(index.lexical),
        embedded_labels=len(index.semantic.vectors) if index.semantic else 0,
        embed_seconds=round(embed_seconds, 1),
    )
    queries = [q for q, _, _ in QUERIES]

    # 3. Single-query latency, cold query-embedding cache.
    def latencies(semantic: bool) -> list[float]:
        query_cache.clear()
        out = []
        for query in queries:
            t = time.perf_counter()
            index.search([query], lang="da", top=10, semantic=semantic)
            out.append((time.perf_counter() - t) * 1000)
        return out

    index.search(["warm up"], semantic=True)
    fused = latencies(True)
    embedded = query_cache.misses
    lexical = latencies(False)
    from rapidfuzz import fuzz, process

    labels = [label for labels in index.labels.values() for label in labels if label]
    scan = []
    for query in queries[:100]:
        t = time.perf_counter()
        process.extract(query, labels, scorer=fuzz.WRatio, limit=10)
        scan.append((time.perf_counter() - t) * 1000)

    def pct(values: list[float], p: float) -> float:
        return round(statistics.quantiles(values, n=100)[int(p) - 1], 2)

    emit(
        "suggest_p50_ms",
        pct(fused, 50),
        "ms",
        target=None,
        reference={"name": "rapidfuzz WRatio scan of all labels", "value": pct(scan, 50)},
        lexical_only=pct(lexical, 50),
        queries=len(queries),
        embedded_queries=embedded,
    )
    emit(
        "suggest_p95_ms",
        pct(fused, 95),
        "ms",
        target=50,
        reference={"name": "rapidfuzz WRatio scan of all labels", "value": pct(scan, 95)},
        lexical_only=pct(lexical, 95),
    )

    # 4. Batch throughput (embeddings of a batch computed together), cold cache.
    def throughput(semantic: bool, cold: bool = True) -> float:
        if cold:
            query_cache.clear()
        t = time.perf_counter()
        for start in range(0, len(queries), 64):
            index.search(queries[start : start + 64], lang="da", top=10, semantic=semantic)
        return round(len(queries) / (time.perf_counter() - t), 1)

    emit(
        "suggest_batch_qps",
        throughput(True),
        "queries/s",
        target=200,
        reference={"name": "lexical layer alone", "value": throughput(False, cold=False)},
        batch=64,
        # The same queries again: their embeddings come from the LRU cache.
        warm_cache=throughput(True, cold=False),
    )

    # 5. Quality.
    fused_quality = hit_rates(index, QUERIES, truth_isco, semantic=True)
    lexical_quality = hit_rates(index, QUERIES, truth_isco, semantic=False)
    emit(
        "suggest_top5_hit_rate",
        fused_quality["top5"],
        "fraction",
        target=None,
        reference={"name": "lexical layer alone", "value": lexical_quality["top5"]},
        by_category=fused_quality["by_category"],
        lexical_by_category=lexical_quality["by_category"],
        taxonomy="built-in + ESCO 1.2 en + ESCO 1.0.8 da",
    )
    emit(
        "suggest_top1_hit_rate",
        fused_quality["top1"],
        "fraction",
        target=None,
        reference={"name": "lexical layer alone", "value": lexical_quality["top1"]},
    )

    # The built-in alone: English labels derived from the package, no Danish.
    use_database(workdir / "builtin.sqlite3")
    quiet_command("taxonomy_import_esco", builtin=True)
    embed_with_cache()
    search.invalidate()
    builtin_index = search.get_index("occupations")
    fused_builtin = hit_rates(builtin_index, QUERIES, truth_isco, semantic=True)
    lexical_builtin = hit_rates(builtin_index, QUERIES, truth_isco, semantic=False)
    emit(
        "suggest_top5_hit_rate_builtin_only",
        fused_builtin["top5"],
        "fraction",
        target=None,
        reference={"name": "lexical layer alone", "value": lexical_builtin["top5"]},
        by_category=fused_builtin["by_category"],
        lexical_by_category=lexical_builtin["by_category"],
        taxonomy="built-in only (English, derived labels)",
    )
    emit("load_average_after", [round(x, 2) for x in os.getloadavg()], "1/5/15 min", reference=None)


if __name__ == "__main__":
    main()
