"""Benchmark: household → municipality placement, against HiGHS on the same instances.

Instances come from the synthetic world (``talentbridge.matching.placement.world``) on the
98 real municipalities (``talentbridge/municipalities/data.py``): people in households of 1–6,
scores from the model (truth + noise σ = 0.5), quotas following population with ±2 % slack
(floors and ceilings, counted in persons). Prints one JSON object per figure per line, with
its target, a reference measured in the same run, and the 1-minute load average:

* ``placement_100k_seconds`` - solve 100,000 people (≈ 40,000 households) × 98; target 10 s.
  Reference: HiGHS (highspy, 1 thread) on the same instance: the LP relaxation and the MILP,
  each under a time limit; their status, objective, bound and time are printed.
* ``placement_100k_gap_pct`` - (our bound − our objective) / our bound; target 0.1 %.
  Reference: the gap to HiGHS' LP optimum when HiGHS finished it.
* ``placement_1m_seconds`` and ``placement_1m_peak_gb`` - 1,000,000 people, in a child process
  (peak = the child's own ``ru_maxrss``, which includes generating the instance); targets 120 s
  and 8 GB. Reference: the 100k figures; HiGHS is not run at this size (see the note).
* ``dynamic_vs_hindsight_pct`` - a simulated year of 20,000 people in 52 weekly batches placed
  with prices learnt from a forecast (another cohort of the same world), as a share of the
  hindsight optimum on the same arrivals; target 98 %. Reference: HiGHS' LP bound on the
  hindsight problem.

    .venv/bin/python bench/placement.py [--quick] [--lp-limit 240] [--milp-limit 60]

HiGHS runs in a child process that is killed 1.5 × its time limit + 30 s after it starts
(its MIP presolve on millions of binaries does not look at the clock), so the whole bench
takes about 10 minutes.

``--quick`` skips HiGHS and the 1M run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentbridge.matching.placement import PlacementProblem, solve  # noqa: E402
from talentbridge.matching.placement.dynamic import Forecast, place_year  # noqa: E402
from talentbridge.matching.placement.world import Municipalities, make_world, quotas_for  # noqa: E402
from talentbridge.municipalities.data import MUNICIPALITIES  # noqa: E402

NOISE = 0.5
SLACK = 0.02


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def emit(figure, value, unit, target, ref_name, ref_value, **extra) -> None:
    line = {
        "figure": figure,
        "value": value,
        "unit": unit,
        "target": target,
        "reference": {"name": ref_name, "value": ref_value},
        "load_1m": round(os.getloadavg()[0], 2),
    }
    line.update(extra)
    print(json.dumps(line), flush=True)


def danish_municipalities() -> Municipalities:
    rows = MUNICIPALITIES
    return Municipalities(
        code=np.array([r[0] for r in rows]),
        name=np.array([r[1] for r in rows]),
        population=np.array([r[3] for r in rows], dtype=float),
        latitude=np.array([r[4] for r in rows]),
        longitude=np.array([r[5] for r in rows]),
    )


def instance(people: int, seed: int = 42) -> PlacementProblem:
    world = make_world(people, danish_municipalities(), seed=seed)
    _, lower, upper = quotas_for(world, SLACK)
    return PlacementProblem(world.household_scores(noise=NOISE), world.sizes, upper, lower)


def _highs_child(problem, integer, limit, queue) -> None:
    from talentbridge.matching.placement.tests.highs_reference import solve_highs

    r = solve_highs(problem, integer=integer, time_limit=limit)
    queue.put(
        {
            "status": r.status,
            "objective": r.objective,
            "bound": r.bound,
            "seconds": round(r.seconds, 1),
        }
    )


def highs(problem: PlacementProblem, integer: bool, limit: float) -> dict:
    """HiGHS in a child process, killed if it overruns its own time limit by much.

    HiGHS' MIP presolve on millions of binaries does not look at the clock; without the kill
    the bench would not finish.
    """
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_highs_child, args=(problem, integer, limit, queue))
    clock = time.perf_counter()
    child.start()
    deadline = 1.5 * limit + 30
    try:
        out = queue.get(timeout=deadline)
    except Exception:
        out = {
            "status": f"no answer: killed after {deadline:.0f} s (HiGHS did not stop at its time limit)",
            "objective": None,
            "bound": None,
            "seconds": round(time.perf_counter() - clock, 1),
        }
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    return out | {"time_limit": limit}


def highs_reference(problem: PlacementProblem, lp_limit: float, milp_limit: float) -> dict:
    out = {}
    for name, integer, limit in (("lp", False, lp_limit), ("milp", True, milp_limit)):
        log(f"HiGHS {name.upper()} on the same instance (time limit {limit:g} s)")
        out[name] = highs(problem, integer, limit)
        log(f"  {out[name]}")
    return out


def bench_100k(args) -> dict:
    problem = instance(100_000)
    log(f"100k: {problem.n_persons:,} people in {problem.n_households:,} households × 98")
    clock = time.perf_counter()
    result = solve(problem, exact=False)
    seconds = time.perf_counter() - clock
    log(
        f"  ours: {seconds:.2f} s, objective {result.objective:.3f}, bound {result.bound:.3f}, {result.seconds}"
    )
    reference = {} if args.quick else highs_reference(problem, args.lp_limit, args.milp_limit)
    emit(
        "placement_100k_seconds",
        round(seconds, 2),
        "s",
        10,
        "HiGHS 1.16 (highspy, 1 thread): LP relaxation and MILP under time limits",
        reference or "skipped (--quick)",
        objective=result.objective,
        bound=result.bound,
        households=problem.n_households,
        persons=problem.n_persons,
        phases=result.seconds,
    )
    lp = reference.get("lp", {})
    lp_gap = None
    if lp.get("status") == "Optimal":
        lp_gap = round(100 * (lp["objective"] - result.objective) / lp["objective"], 5)
    emit(
        "placement_100k_gap_pct",
        round(100 * result.gap, 5),
        "%",
        0.1,
        "gap of our objective to HiGHS' LP optimum (None: HiGHS did not finish the LP)",
        lp_gap,
        our_bound_minus_highs_lp=None if lp_gap is None else result.bound - lp["objective"],
    )
    return {"seconds": seconds, "gap": result.gap}


CHILD = """
import os, resource, sys, time, json
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from placement import instance
from talentbridge.matching.placement import solve
problem = instance(1_000_000)
clock = time.perf_counter()
result = solve(problem, exact=False)
seconds = time.perf_counter() - clock
print(json.dumps({{"seconds": seconds, "gap": result.gap, "objective": result.objective,
    "bound": result.bound, "households": problem.n_households, "persons": problem.n_persons,
    "phases": result.seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def bench_1m(hundred_k: dict) -> None:
    log("1M: in a child process (peak memory includes generating the instance)")
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    child = json.loads(proc.stdout.strip().splitlines()[-1])
    # The child's own peak (ru_maxrss in kB on Linux): the parent's other children (HiGHS)
    # would otherwise count in RUSAGE_CHILDREN.
    peak_gb = child["peak_kb"] * 1024 / 1e9
    log(f"  {child}")
    note = (
        "HiGHS not run at 1M: at 100k its LP needs minutes and ~3 GB (STACK.md: 226 s for the LP "
        "alone); 1M has 40M columns"
    )
    emit(
        "placement_1m_seconds",
        round(child["seconds"], 2),
        "s",
        120,
        "ours at 100k (s); " + note,
        round(hundred_k["seconds"], 2),
        gap_pct=round(100 * child["gap"], 5),
        households=child["households"],
        persons=child["persons"],
        phases=child["phases"],
    )
    emit(
        "placement_1m_peak_gb",
        round(peak_gb, 2),
        "GB",
        8,
        "score matrix alone (households × 98 × 8 bytes, GB)",
        round(child["households"] * 98 * 8 / 1e9, 2),
    )


def bench_dynamic(args) -> None:
    places = danish_municipalities()
    year = make_world(20_000, places, seed=7)
    forecast_world = make_world(20_000, places, seed=7, cohort=1)
    rng = np.random.default_rng(3)
    week = np.sort(rng.integers(0, 52, year.n_households))
    forecast_week = np.sort(rng.integers(0, 52, forecast_world.n_households))
    _, lower, upper = quotas_for(year, SLACK)
    scores = year.household_scores(noise=NOISE)
    forecast = Forecast(
        forecast_world.household_scores(noise=NOISE, noise_seed=2),
        forecast_world.sizes,
        forecast_week,
    )
    log(f"dynamic: {year.sizes.sum():,} people, {year.n_households:,} households, 52 weeks")
    result = place_year(scores, year.sizes, week, upper, lower, forecast)
    log(
        f"  dynamic {result.objective:.3f} in {result.seconds:.1f} s; hindsight {result.hindsight_objective:.3f} "
        f"(bound {result.hindsight_bound:.3f}) in {result.hindsight_seconds:.1f} s; shortfall {result.shortfall.sum():g}"
    )
    reference = None
    if not args.quick:
        from talentbridge.matching.placement.tests.highs_reference import solve_highs

        lp = solve_highs(
            PlacementProblem(scores, year.sizes, upper, lower),
            integer=False,
            time_limit=args.lp_limit,
        )
        reference = {"status": lp.status, "lp_bound": lp.objective, "seconds": round(lp.seconds, 1)}
        log(f"  HiGHS LP on the hindsight problem: {reference}")
    emit(
        "dynamic_vs_hindsight_pct",
        round(100 * result.ratio, 3),
        "%",
        98,
        "HiGHS LP bound on the hindsight problem",
        reference or "skipped (--quick)",
        dynamic_objective=result.objective,
        hindsight_objective=result.hindsight_objective,
        hindsight_bound=result.hindsight_bound,
        dynamic_vs_bound_pct=round(100 * result.objective / result.hindsight_bound, 3),
        hindsight_bound_minus_highs_lp=(
            None
            if not reference or reference["lp_bound"] is None
            else result.hindsight_bound - reference["lp_bound"]
        ),
        floor_shortfall_persons=float(result.shortfall.sum()),
        dynamic_seconds=round(result.seconds, 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip HiGHS and the 1M run")
    parser.add_argument("--lp-limit", type=float, default=240.0, help="HiGHS LP time limit (s)")
    parser.add_argument("--milp-limit", type=float, default=60.0, help="HiGHS MILP time limit (s)")
    args = parser.parse_args()
    log(f"load average at start: {os.getloadavg()}")
    hundred_k = bench_100k(args)
    if not args.quick:
        bench_1m(hundred_k)
    bench_dynamic(args)
    log(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
