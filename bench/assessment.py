"""Benchmark: ESCO autocomplete over the full taxonomy, through the HTTP endpoint.

Uses its own database (default: the SQLite file ``var/bench/assessment.sqlite3``; or
``--database-url postgres://…``), migrates it, imports the built-in ESCO taxonomy (ESCO v1.2,
3,039 occupations, 619 ISCO groups, 13,939 skills) and generates the seeded demo programme
(50 candidates) when they are not there yet, and then, as the demo's assessor, sends what the assessment form's autocomplete sends while someone types:
``GET /api/taxonomy/suggest/<kind>?q=<prefix>&lang=<da|en>&top=8`` for every prefix of two
or more characters of a list of job titles and skills, over a real HTTP connection (kept
alive, as a browser does) to Django's WSGI server running in a thread of the same process:
socket, HTTP parsing, middleware, session authentication, django-ninja, JSON.

Prints one JSON object per figure:

* ``autocomplete_http_p95_ms`` – 95th percentile of the request time, target 100 ms.
  Reference: the same queries as direct calls of ``taxonomy.services.suggest`` (no HTTP).
The query-embedding cache of the semantic layer is cleared before every request (each typed
prefix is new), so both figures include embedding the query when suggest needs it.

* ``autocomplete_first_request_ms`` – the first request of a fresh process, which builds the
  in-memory index (informative; no target).

    .venv/bin/python bench/assessment.py [--database-url URL] [--embed] [--rounds 3]

``--embed`` computes the multilingual embeddings first (``taxonomy embed``), so that the
semantic fallback of suggest is measured too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What assessors type, in Danish and English; every prefix of two or more characters is sent.
OCCUPATIONS = {
    "da": [
        "svejser",
        "gaffeltruckfører",
        "lagerarbejder",
        "rengøringsassistent",
        "kok",
        "chauffør",
        "elektriker",
        "tømrer",
        "murer",
        "frisør",
        "sygeplejerske",
        "pædagog",
        "programmør",
        "bogholder",
        "bager",
        "slagter",
        "mekaniker",
        "landmand",
        "lærer",
        "tolk",
        "skrædder",
    ],
    "en": [
        "welder",
        "forklift operator",
        "warehouse worker",
        "cleaner",
        "cook",
        "truck driver",
        "electrician",
        "carpenter",
        "bricklayer",
        "hairdresser",
        "nurse",
        "software developer",
        "accountant",
        "baker",
        "butcher",
        "mechanic",
        "farm worker",
        "teacher",
        "interpreter",
        "tailor",
    ],
}
SKILLS = {
    "en": [
        "use welding equipment",
        "operate forklift",
        "customer service",
        "clean surfaces",
        "cooking",
        "drive vehicles",
        "microsoft office",
        "first aid",
        "hygiene",
        "teamwork",
        "arabic",
        "maintain machinery",
        "sell products",
    ],
    "da": ["svejsning", "rengøring", "kundeservice", "sikkerhed", "dansk"],
}


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def prefixes(word: str) -> list[str]:
    return [word[:n] for n in range(2, len(word) + 1)]


def queries() -> list[tuple[str, str, str]]:
    out = []
    for kind, words in (("occupations", OCCUPATIONS), ("skills", SKILLS)):
        for lang, items in words.items():
            out += [(kind, q, lang) for word in items for q in prefixes(word)]
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def serve():
    """Django's WSGI server (what ``runserver`` uses) on a free port, in a daemon thread."""
    import socket
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args) -> None:  # no access log on stderr
            return None

    class NoDelay(WSGIServer):
        # As gunicorn (the production server) does: without TCP_NODELAY the body, written
        # after the headers, waits for the client's delayed ACK (tens of milliseconds).
        def get_request(self):
            sock, address = super().get_request()
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock, address

    server = NoDelay(("127.0.0.1", 0), Quiet, ipv6=False)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'assessment.sqlite3'}"
    )
    parser.add_argument(
        "--embed", action="store_true", help="compute the embeddings first (semantic fallback)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="times the query list is sent (default 3)"
    )
    args = parser.parse_args()

    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["TAXONOMY_EMBEDDINGS"] = "true" if args.embed else "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentbridge.settings")
    import django

    django.setup()
    import warnings

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from talentbridge.accounts.models import User
    from talentbridge.demo.generator import generate
    from talentbridge.taxonomy import services
    from talentbridge.taxonomy.models import Concept, ConceptEmbedding

    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    log(f"database {args.database_url}")
    call_command("migrate", verbosity=0)
    if Concept.objects.filter(kind="skill").count() < 10000:
        log("importing the built-in ESCO taxonomy (once)")
        call_command("taxonomy_import_esco", builtin=True, verbosity=0, stdout=sys.stderr)
    if args.embed and not ConceptEmbedding.objects.exists():
        log("computing embeddings (once)")
        call_command("taxonomy_embed", "occupations", "skills", verbosity=0, stdout=sys.stderr)
    counts = {
        kind: Concept.objects.filter(kind=kind).count()
        for kind in ("occupation", "isco-group", "skill")
    }
    log(f"taxonomy: {counts}")

    # The requests come from the seeded demo programme's assessor (generated once).
    if not User.objects.filter(username="assessor").exists():
        log("generating the demo programme (once)")
        generate(seed=42, candidates=50)
    user = User.objects.get(username="assessor")

    client = Client()
    client.force_login(user)
    server = serve()
    connection = HTTPConnection(*server.server_address[:2], timeout=30)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    work = queries()

    try:  # the semantic layer caches query embeddings; every typed prefix is new, so clear it
        from talentbridge.taxonomy.search.semantic import query_cache

        clear_cache = query_cache.clear
    except ImportError:  # pragma: no cover - an older taxonomy without the cache

        def clear_cache() -> None:
            return None

    def http(kind: str, q: str, lang: str) -> float:
        clear_cache()
        started = time.perf_counter()
        query = urlencode({"q": q, "lang": lang, "top": 8})
        connection.request(
            "GET", f"/api/taxonomy/suggest/{kind}?{query}", headers={"Cookie": cookie}
        )
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{response.status} for {kind} {q!r}: {body[:200]!r}")
        return elapsed

    first = http("occupations", "svejser", "da")
    http("skills", "welding", "en")  # build the second index too
    times, direct = [], []
    for _ in range(args.rounds):
        for kind, q, lang in work:
            times.append(http(kind, q, lang))
            clear_cache()
            started = time.perf_counter()
            services.suggest(kind, q, lang=lang, top=8)
            direct.append((time.perf_counter() - started) * 1000)
    load = os.getloadavg()[0]
    print(
        json.dumps(
            {
                "figure": "autocomplete_http_p95_ms",
                "value": round(percentile(times, 95), 2),
                "unit": "ms",
                "target": 100,
                "reference": {
                    "name": "taxonomy.services.suggest p95 (same queries, no HTTP)",
                    "value": round(percentile(direct, 95), 2),
                },
                "median_ms": round(statistics.median(times), 2),
                "requests": len(times),
                "concepts": counts,
                "embeddings": bool(args.embed),
                "query_cache": "cleared before every request",
                "load_average": round(load, 2),
            }
        )
    )
    print(
        json.dumps(
            {
                "figure": "autocomplete_first_request_ms",
                "value": round(first, 1),
                "unit": "ms",
                "target": None,
                "reference": {
                    "name": "steady-state median (ms)",
                    "value": round(statistics.median(times), 2),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
