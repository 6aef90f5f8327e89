"""Benchmark: ranking and assignment of the matching core on synthetic populations.

Instances come from the seeded generator ``talentbridge.matching.synthetic.generate``.
Prints one JSON object per figure per line, each with its target, a reference measured in
the same run, and the 1-minute load average when it was measured:

* ``rank_one_candidate_p95_ms`` - one candidate against 20,000 openings, top 10, p95 of
  200 candidates; target 20 ms. Reference: the same scores fully sorted (``np.argsort``).
* ``topk_50k_x_20k_seconds`` - top 10 openings for each of 50,000 candidates over 20,000
  openings; target 30 s. Reference: the same scores with a full sort per candidate instead
  of the top-k selection, measured on 5,000 candidates and scaled by 10.
* ``topk_50k_x_20k_peak_gb`` - peak resident memory of that run (it runs in a child
  process, ``ru_maxrss`` of the children); target 4 GB. Reference: peak of a child that
  only generates the instance.
* ``assign_10k_x_2k_seconds`` - optimal assignment of 10,000 candidates to 2,000 openings
  with capacities 1-5; target 10 s. Reference: OR-Tools' min-cost flow on all eligible
  pairs (costs scaled to integers, 1e9 per score unit).
* ``assign_objective_gap_vs_reference`` - relative difference between our objective and
  OR-Tools' (both objectives printed); target 0.

    .venv/bin/python bench/matching.py [--quick] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentbridge.matching.assign import assign  # noqa: E402
from talentbridge.matching.rank import top_openings  # noqa: E402
from talentbridge.matching.score import Scorer  # noqa: E402
from talentbridge.matching.synthetic import generate  # noqa: E402


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


def bench_rank_one(m: int) -> None:
    inst = generate(200, m, seed=1)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    ours, full = [], []
    for i in range(inst.candidates.n):
        t = time.perf_counter()
        top_openings(scorer, 10, rows=[i])
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        row = scorer.scores([i])[0]
        np.argsort(-row)[:10]
        full.append(time.perf_counter() - t)
    emit(
        "rank_one_candidate_p95_ms",
        round(1000 * float(np.percentile(ours, 95)), 3),
        "ms",
        20,
        "score + full np.argsort, p95",
        round(1000 * float(np.percentile(full, 95)), 3),
        openings=m,
    )


CHILD = """
import pickle, resource, sys, time, json
sys.path.insert(0, {root!r})
from talentbridge.matching.synthetic import generate
from talentbridge.matching.score import Scorer
from talentbridge.matching.rank import top_openings
n, m, workers, only_generate = {n}, {m}, {workers}, {only_generate}
inst = generate(n, m, seed=2)
out = {{}}
if not only_generate:
    t = time.perf_counter()
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    top = top_openings(scorer, 10, workers=workers)
    out["seconds"] = time.perf_counter() - t
    out["listed"] = int((top.index >= 0).sum())
print(json.dumps(out))
"""


def run_child(n: int, m: int, workers: int, only_generate: bool) -> tuple[dict, float]:
    """Run a case in a child process; return its output and its peak RSS in GB."""
    code = CHILD.format(root=str(ROOT), n=n, m=m, workers=workers, only_generate=only_generate)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of the children is the largest of any child so far (kB on Linux): run the
    # bigger case first, or read it fresh, which is what the callers below do.
    return json.loads(result.stdout.strip().splitlines()[-1]), max(peak, before) / 1024 / 1024


def bench_topk(n: int, m: int, workers: int) -> None:
    # The child that only generates goes first, so its peak is not hidden by the larger one.
    _, base_gb = run_child(n, m, workers, only_generate=True)
    out, peak_gb = run_child(n, m, workers, only_generate=False)
    sample = max(1, n // 10)
    inst = generate(sample, m, seed=2)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    t = time.perf_counter()
    block = max(1, (1 << 22) // m)
    for start in range(0, sample, block):
        scores = scorer.block(np.arange(start, min(start + block, sample)))
        np.argsort(-scores, axis=1)[:, :10]
    full = (time.perf_counter() - t) * (n / sample)
    emit(
        "topk_50k_x_20k_seconds",
        round(out["seconds"], 2),
        "s",
        30,
        f"full sort per candidate instead of the top-k selection ({sample} candidates, scaled x{n / sample:g})",
        round(full, 2),
        candidates=n,
        openings=m,
        workers=workers,
    )
    emit(
        "topk_50k_x_20k_peak_gb",
        round(peak_gb, 3),
        "GB",
        4,
        "child that only generates the instance",
        round(base_gb, 3),
        candidates=n,
        openings=m,
    )


def ortools_assignment(scores: np.ndarray, capacity: np.ndarray) -> tuple[float, float]:
    from ortools.graph.python import min_cost_flow

    n, m = scores.shape
    t = time.perf_counter()
    ii, jj = np.nonzero(np.isfinite(scores))
    s = scores[ii, jj].astype(np.float64)
    cost = np.round(s * 1e9).astype(np.int64)
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), ii, n + np.arange(m), [source]])
    heads = np.concatenate([np.arange(n), n + jj, np.full(m, sink), [sink]])
    caps = np.concatenate([np.ones(n), np.ones(len(ii)), capacity, [n]]).astype(np.int64)
    costs = np.concatenate([np.zeros(n), -cost, np.zeros(m), [0]]).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"OR-Tools min-cost flow: status {status}")
    used = flow.flows(np.arange(n, n + len(ii))) > 0
    return float(s[used].sum()), time.perf_counter() - t


def bench_assign(n: int, m: int) -> None:
    inst = generate(n, m, seed=3, capacity=(1, 5))
    t = time.perf_counter()
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    result = assign(scorer)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    scores = scorer.scores().astype(np.float64)
    score_seconds = time.perf_counter() - t
    reference, ref_seconds = ortools_assignment(scores, inst.openings.capacity)
    emit(
        "assign_10k_x_2k_seconds",
        round(ours, 2),
        "s",
        10,
        "OR-Tools min-cost flow on all eligible pairs (after scoring them)",
        round(ref_seconds + score_seconds, 2),
        candidates=n,
        openings=m,
        places=int(inst.openings.capacity.sum()),
        eligible_pairs=int(np.isfinite(scores).sum()),
        lp_pairs=result.edges,
    )
    gap = abs(result.objective - reference) / max(abs(reference), 1e-12)
    emit(
        "assign_objective_gap_vs_reference",
        gap,
        "relative",
        0,
        "OR-Tools objective",
        reference,
        objective=result.objective,
        upper_bound=result.upper_bound,
        served=result.served,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes (smoke run)")
    parser.add_argument("--workers", type=int, default=1, help="threads for the top-k run")
    parser.add_argument("--only", choices=["rank", "topk", "assign"], action="append")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    only = set(args.only or ["rank", "topk", "assign"])
    log(f"load average {os.getloadavg()}")
    if "rank" in only:
        bench_rank_one(20_000 // scale)
    if "topk" in only:
        bench_topk(50_000 // scale, 20_000 // scale, args.workers)
    if "assign" in only:
        bench_assign(10_000 // scale, 2_000 // scale)


if __name__ == "__main__":
    main()
