"""Benchmark: the programme dashboard and the funder export on 100,000 candidates and 1,000,000 steps.

Creates a dedicated PostgreSQL database (``DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/tb_bench_reports``), migrates it, fills it with
INSERT … SELECT over ``generate_series`` (about a minute), then measures, as the programme
manager of one project who sees the whole programme of eight projects:

* ``dashboard_100k_seconds`` – GET of the dashboard page (figures, charts, HTML), median of
  three warm requests; target 1 s. Reference: the same figures computed the naive way, with
  one ORM ``count()`` per project and figure.
* ``funder_export_seconds`` – the Excel and the PDF funder export one after the other
  (every breakdown, computed from the records for periods with a first day and from the
  cached milestones otherwise); target 30 s. Reference: the dashboard.

Each line also gives ``cpu_seconds``: the CPU time of the request in this process and its
database backend. On a shared, loaded machine the wall time mostly measures waiting for a
core; the CPU time is what an idle core would need.

Prints one JSON object per figure per line. The database is dropped at the end unless
``--keep`` is given; ``--reuse`` skips the data generation when the database exists.

    .venv/bin/python bench/reports.py [--candidates 100000] [--steps 1000000] [--keep] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tb_bench_reports"


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def recreate_database(url: str, *, reuse: bool) -> bool:
    """Create the bench database; return True when it already held data and may be reused."""
    import psycopg
    from dj_database_url import parse

    cfg = parse(url)
    name = cfg["NAME"]
    admin = psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists and reuse:
        admin.close()
        return True
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return False


def drop_database(url: str) -> None:
    import psycopg
    from dj_database_url import parse
    from django.db import connections

    connections.close_all()
    cfg = parse(url)
    admin = psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
    admin.close()


def insert_select(
    cursor, model, values: dict[str, str], source: str, params: dict | None = None
) -> int:
    """INSERT INTO model's table SELECT … FROM ``source``.

    ``values`` maps field names to SQL expressions; every other column gets the field's
    default (or NULL), so the benchmark keeps working when other apps add fields.
    """
    from django.db import connection

    params = dict(params or {})
    columns, exprs = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.name not in values:
            continue
        columns.append(connection.ops.quote_name(f.column))
        if f.name in values:
            exprs.append(values[f.name])
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            exprs.append("now()")
        elif f.has_default() or (not f.null and f.get_default() is not None):
            key = f"d_{f.column}"
            params[key] = f.get_db_prep_save(f.get_default(), connection)
            exprs.append(f"%({key})s")
        elif f.null:
            exprs.append("NULL")
        else:
            raise SystemExit(f"bench: {model.__name__}.{f.name} needs a value")
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {source}"
    cursor.execute(sql, params)
    return cursor.rowcount


def generate(n_candidates: int, n_steps: int) -> None:
    from django.db import connection, transaction

    from talentbridge.accounts.models import (
        Membership,
        Organisation,
        Programme,
        Project,
        Role,
        User,
    )
    from talentbridge.candidates.models import Assessment, Candidate
    from talentbridge.employers.models import Employer, Interaction, Site
    from talentbridge.pathways.models import FollowUp, PathwayStep

    n_employers, n_interactions = 20_000, 150_000
    programme = Programme.objects.create(name="Bench Programme")
    projects, ngos = [], []
    for i in range(8):
        project = Project.objects.create(
            programme=programme, code=f"bench-{i + 1}", name=f"Talent {i + 1}"
        )
        ngo = Organisation.objects.create(name=f"NGO {i + 1}", kind=Organisation.Kind.NGO)
        ngo.projects.add(project)
        projects.append(project)
        ngos.append(ngo)
    manager = User.objects.create_user(username="bench-manager", password="bench-password-1")
    Membership.objects.create(user=manager, organisation=ngos[0], role=Role.PROGRAMME_MANAGER)
    first_project, first_ngo = projects[0].pk, ngos[0].pk
    mun = "(SELECT array_agg(id ORDER BY id) FROM municipalities_municipality)"
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        t = time.perf_counter()
        insert_select(
            cur,
            Employer,
            {"id": "g", "cvr": "(10000000 + g)::text", "name": "'Company ' || g"},
            "generate_series(1, %(n)s) g",
            {"n": n_employers},
        )
        insert_select(
            cur,
            Site,
            {"employer": "g", "name": "'Site'", "municipality": "(m.ids)[1 + (g * 7) %% 98]"},
            f"generate_series(1, %(n)s) g, (SELECT {mun} AS ids) m",
            {"n": n_employers},
        )
        insert_select(
            cur,
            Interaction,
            {
                "employer": "1 + floor(random() * %(ne)s)::int",
                "project": f"{first_project} + (g %% 8)",
                "kind": "(ARRAY['contacted','contacted','contacted','advised','event','training','hosting'])"
                "[1 + floor(random() * 7)::int]",
                "date": "DATE '2023-01-01' + floor(random() * 1400)::int",
            },
            "generate_series(1, %(n)s) g",
            {"n": n_interactions, "ne": n_employers},
        )
        log(f"employers, sites, interactions: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        insert_select(
            cur,
            Candidate,
            {
                "id": "g",
                "project": f"{first_project} + (g %% 8)",
                "organisation": f"{first_ngo} + (g %% 8)",
                "reference": "'B-' || g",
                "birth_year": "1960 + floor(random() * 45)::int",
                "gender": "CASE WHEN random() < 0.45 THEN 'female' WHEN random() < 0.97 THEN 'male' ELSE 'other' END",
                "nationality": "(ARRAY['SY','AF','ER','IQ','IR','SO','UA','SD','PS','XX'])[1 + floor(random() * 10)::int]",
                "asylum_status": "'granted'",
                "arrived_on": "DATE '2022-01-01' + floor(random() * 1000)::int",
                "municipality": "(m.ids)[1 + floor(random() * 98)::int]",
                "left_on": "CASE WHEN random() < 0.1 THEN DATE '2024-01-01' + floor(random() * 1000)::int END",
                "left_reason": "''",
                "created_at": "TIMESTAMPTZ '2023-01-01 12:00+00' + floor(random() * 1300)::int * INTERVAL '1 day'",
            },
            f"generate_series(1, %(n)s) g, (SELECT {mun} AS ids) m",
            {"n": n_candidates},
        )
        insert_select(
            cur,
            Assessment,
            {
                "candidate": "g",
                "version": "1",
                "status": "'signed_off'",
                "assessed_on": "DATE '2023-01-15' + floor(random() * 1300)::int",
                "signed_off_at": "now()",
            },
            "generate_series(1, %(n)s) g",
            {"n": int(n_candidates * 0.7)},
        )
        log(f"candidates, assessments: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        # Kinds: 30 % internship, 10 % wage subsidy, 15 % job, 7 % IGU, 6 % education,
        # 3 % apprenticeship, 19 % Danish lessons, 10 % courses.
        kind = (
            "CASE WHEN r < 30 THEN 'internship' WHEN r < 40 THEN 'wage_subsidy' WHEN r < 55 THEN 'job' "
            "WHEN r < 62 THEN 'igu' WHEN r < 68 THEN 'education' WHEN r < 71 THEN 'apprenticeship' "
            "WHEN r < 90 THEN 'danish_lessons' ELSE 'course' END"
        )
        company = "r < 62 OR (r >= 68 AND r < 71)"
        insert_select(
            cur,
            PathwayStep,
            {
                "id": "s.g",
                "candidate": "s.c",
                "project": f"{first_project} + (s.c %% 8)",
                "kind": kind,
                "employer": f"CASE WHEN {company} THEN 1 + (s.g * 31) %% {n_employers} END",
                "provider": f"CASE WHEN {company} THEN '' ELSE 'School' END",
                "municipality": "NULL",
                "starts_on": "s.start",
                "ends_on": "CASE WHEN r >= 40 AND r < 62 AND s.g %% 3 = 0 THEN NULL "
                "ELSE s.start + (30 + (s.g %% 200)) END",
                "hours_per_week": "CASE WHEN r < 62 THEN 20 + (s.g %% 18) END",
                "source_match_id": "CASE WHEN r < 30 AND s.g %% 3 = 0 THEN s.g END",
                "ending": "''",
                "note": "''",
            },
            "(SELECT g, 1 + floor(random() * %(nc)s)::int AS c, floor(random() * 100)::int AS r, "
            "DATE '2023-02-01' + floor(random() * 1350)::int AS start "
            "FROM generate_series(1, %(n)s) g) s",
            {"n": n_steps, "nc": n_candidates},
        )
        log(f"pathway steps: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        insert_select(
            cur,
            FollowUp,
            {
                "step": "s.id",
                "candidate": "s.candidate_id",
                "months": "m.months",
                "due_on": "(s.starts_on + m.months * INTERVAL '1 month')::date",
                "done_on": "CASE WHEN (s.starts_on + m.months * INTERVAL '1 month')::date < CURRENT_DATE "
                "AND (s.id + m.months) %% 10 < 7 THEN (s.starts_on + m.months * INTERVAL '1 month')::date END",
                "outcome": "CASE WHEN (s.starts_on + m.months * INTERVAL '1 month')::date >= CURRENT_DATE "
                "OR (s.id + m.months) %% 10 >= 7 THEN '' "
                "WHEN (s.id * 7 + m.months) %% 10 < 4 THEN 'employed' "
                "WHEN (s.id * 7 + m.months) %% 10 < 5 THEN 'in_education' "
                "WHEN (s.id * 7 + m.months) %% 10 < 8 THEN 'unemployed' ELSE 'unknown' END",
                "note": "''",
            },
            f"{PathwayStep._meta.db_table} s, (VALUES (3), (6), (12)) AS m(months) "
            "WHERE s.kind NOT IN ('danish_lessons', 'course')",
        )
        log(f"follow-ups: {time.perf_counter() - t:.1f} s")
        for model in (Employer, Site, Interaction, Candidate, Assessment, PathwayStep, FollowUp):
            table = model._meta.db_table
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    t = time.perf_counter()
    from talentbridge.pathways import cache

    cache.refresh()  # the bulk load bypassed the per-candidate refresh
    log(f"milestones refreshed: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    log(f"vacuum analyze: {time.perf_counter() - t:.1f} s")


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine only)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def cpu_timed(fn, repeat: int = 3) -> float:
    """Median CPU seconds of ``fn`` in this process and its database backend.

    On a shared, loaded machine the wall time mostly measures waiting for a core; the CPU
    time is what the request costs and about what it takes on an idle core (parallel
    workers' share is not included, so it errs on the high side of an idle wall time).
    """
    samples = []
    for _ in range(repeat):
        backend, own = _backend_cpu(), time.process_time()
        fn()
        samples.append((_backend_cpu() - backend) + (time.process_time() - own))
    return statistics.median(samples)


def naive_figures(projects, start, end) -> dict:
    """The funder's person figures the naive way: one ORM count per project and figure."""
    from django.db.models import Q

    from talentbridge.candidates.models import Candidate
    from talentbridge.employers.models import Interaction

    out = {}
    for project in projects:
        people = Candidate.objects.filter(project=project)
        steps_in = Q(pathway_steps__starts_on__lte=end) & (
            Q(pathway_steps__ends_on__isnull=True) | Q(pathway_steps__ends_on__gte=start)
        )
        out[project.pk] = {
            "participants": people.filter(created_at__date__lte=end)
            .exclude(left_on__lt=start)
            .count(),
            "hired": people.filter(
                pathway_steps__kind__in=["job", "igu"], pathway_steps__starts_on__range=(start, end)
            )
            .distinct()
            .count(),
            "in_internship_or_wage_subsidy": people.filter(
                steps_in, pathway_steps__kind__in=["internship", "wage_subsidy"]
            )
            .distinct()
            .count(),
            "started_education": people.filter(
                pathway_steps__kind__in=["education", "apprenticeship"],
                pathway_steps__starts_on__range=(start, end),
            )
            .distinct()
            .count(),
            "attached_to_company": people.filter(steps_in, pathway_steps__employer__isnull=False)
            .distinct()
            .count(),
            "companies_contacted": Interaction.objects.filter(
                project=project, date__range=(start, end)
            )
            .values("employer")
            .distinct()
            .count(),
            "companies_hosting": Interaction.objects.filter(
                project=project, kind="hosting", date__range=(start, end)
            )
            .values("employer")
            .distinct()
            .count(),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the bench database if it exists"
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit(
            "bench/reports.py measures PostgreSQL: set DATABASE_URL to a postgres:// URL"
        )
    reused = recreate_database(url, reuse=args.reuse)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentbridge.settings")
    os.environ.setdefault("TAXONOMY_EMBEDDINGS", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from talentbridge.accounts.models import Project, User
    from talentbridge.pathways.milestones import Period
    from talentbridge.reports import queries

    call_command("migrate", verbosity=0)
    if not reused or not User.objects.filter(username="bench-manager").exists():
        t = time.perf_counter()
        generate(args.candidates, args.steps)
        log(f"data generated in {time.perf_counter() - t:.1f} s")
    load = os.getloadavg()
    manager = User.objects.get(username="bench-manager")
    projects = list(Project.objects.filter(code__startswith="bench-"))
    today = timezone.localdate()
    client = Client()
    client.force_login(manager)
    url_dashboard = reverse("reports:dashboard")

    def dashboard():
        response = client.get(url_dashboard)
        assert response.status_code == 200, response.status_code

    cold = timed(dashboard)[0]
    warm = timed(dashboard, 3)
    cpu = cpu_timed(dashboard)
    compute = timed(
        lambda: queries.compute([p.pk for p in projects], Period(end=today), detail=False), 3
    )
    start = today.replace(year=today.year - 3)
    naive = timed(lambda: naive_figures(projects, start, today))[0]
    common = {
        "candidates": args.candidates,
        "steps": args.steps,
        "load_average": [round(x, 2) for x in load],
    }
    print(
        json.dumps(
            {
                "figure": "dashboard_100k_seconds",
                "value": round(statistics.median(warm), 3),
                "unit": "s",
                "target": 1.0,
                "reference": {
                    "name": "naive ORM loop: 7 funder figures, one count() per project and figure",
                    "value": round(naive, 3),
                },
                "cold": round(cold, 3),
                "cpu_seconds": round(cpu, 3),
                "figures_only": round(statistics.median(compute), 3),
                **common,
            }
        ),
        flush=True,
    )

    url_export = reverse("reports:export")
    sizes = {}

    def export(fmt):
        response = client.get(url_export, {"format": fmt})
        assert response.status_code == 200, response.status_code
        sizes[fmt] = len(response.content)

    xlsx = timed(lambda: export("xlsx"))[0]
    pdf = timed(lambda: export("pdf"))[0]
    export_cpu = cpu_timed(lambda: (export("xlsx"), export("pdf")), repeat=1)
    print(
        json.dumps(
            {
                "figure": "funder_export_seconds",
                "value": round(xlsx + pdf, 3),
                "unit": "s",
                "target": 30.0,
                "reference": {
                    "name": "the dashboard (a summary of the same figures)",
                    "value": round(statistics.median(warm), 3),
                },
                "cpu_seconds": round(export_cpu, 3),
                "xlsx_seconds": round(xlsx, 3),
                "pdf_seconds": round(pdf, 3),
                "bytes": sizes,
                **common,
            }
        ),
        flush=True,
    )
    if not args.keep:
        drop_database(url)


if __name__ == "__main__":
    main()
