"""Judge placements in the synthetic world, where the true probabilities are known.

Three methods place the same households under the same quotas:

* ``optimised``: :func:`solve` on the *model's* scores (the truth seen through noise);
* ``random``: quota-proportional random placement;
* ``practice``: population-proportional within the quotas, ignoring skills.

Each is scored with the *true* probabilities: the expected share of households with at least
one member employed within the horizon, and the expected share of adults employed. The model
is then degraded with more noise to show how the gain depends on prediction quality (with the
model's AUC on simulated outcomes, so the noise levels read as familiar numbers), and a
fairness table gives the rates by gender, origin, age group and household size per method.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .baselines import current_practice, quota_random
from .problem import PlacementProblem
from .solver import solve
from .world import AGE_GROUPS, ORIGINS, World, quotas_for

METHODS = ("optimised", "random", "practice")


@dataclass
class Evaluation:
    persons: int
    households: int
    municipalities: int
    slack: float
    noise: float
    auc: float
    household_rate: dict[str, float]
    adult_rate: dict[str, float]
    gap: float  # the optimiser's certified gap to its bound
    sweep: list[dict] = field(default_factory=list)
    fairness: dict[str, list[dict]] = field(default_factory=dict)
    seconds: float = 0.0

    def gain(self, over: str) -> float:
        """Relative gain of the optimised placement in the household rate over a baseline."""
        return self.household_rate["optimised"] / self.household_rate[over] - 1.0

    def to_dict(self) -> dict:
        return {
            "persons": self.persons,
            "households": self.households,
            "municipalities": self.municipalities,
            "slack": self.slack,
            "noise": self.noise,
            "auc": self.auc,
            "household_rate": self.household_rate,
            "adult_rate": self.adult_rate,
            "gain_vs_random": self.gain("random"),
            "gain_vs_practice": self.gain("practice"),
            "optimiser_gap": self.gap,
            "sweep": self.sweep,
            "fairness": self.fairness,
            "seconds": self.seconds,
        }

    def to_markdown(self) -> str:
        """The report as Markdown tables (used in docs/placement.md)."""
        pct = lambda x: f"{100 * x:.1f} %"  # noqa: E731
        lines = [
            f"{self.persons:,} people in {self.households:,} households, {self.municipalities} municipalities, "
            f"quota slack ±{100 * self.slack:g} %; model noise σ = {self.noise:g} on the logit "
            f"(household AUC {self.auc:.3f}); optimiser gap to its bound {100 * self.gap:.3f} %.",
            "",
            "| method | households with someone employed | adults employed | gain (households) |",
            "|---|---|---|---|",
        ]
        for name in METHODS:
            gain = (
                "—"
                if name == "optimised"
                else f"{100 * (self.household_rate['optimised'] / self.household_rate[name] - 1):+.1f} %"
            )
            lines.append(
                f"| {name} | {pct(self.household_rate[name])} | {pct(self.adult_rate[name])} | {gain} |"
            )
        lines += [
            "",
            "Gain of the optimised placement as the model gets worse:",
            "",
            "| noise σ | household AUC | households employed (optimised) | gain vs random | gain vs practice |",
            "|---|---|---|---|---|",
        ]
        for row in self.sweep:
            lines.append(
                f"| {row['noise']:g} | {row['auc']:.3f} | {pct(row['household_rate'])} | "
                f"{100 * row['gain_vs_random']:+.1f} % | {100 * row['gain_vs_practice']:+.1f} % |"
            )
        for kind, rows in self.fairness.items():
            lines += [
                "",
                f"Rates by {kind} ({'households' if kind == 'household size' else 'adults'}):",
                "",
            ]
            lines.append("| " + kind + " | n | " + " | ".join(METHODS) + " |")
            lines.append("|---|---|" + "---|" * len(METHODS))
            for row in rows:
                lines.append(
                    f"| {row['group']} | {row['n']:,} | "
                    + " | ".join(pct(row[m]) for m in METHODS)
                    + " |"
                )
        return "\n".join(lines)


def evaluate(
    world: World,
    *,
    noise: float = 0.5,
    sweep: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 2.0),
    slack: float = 0.02,
    seed: int = 0,
) -> Evaluation:
    """Compare the optimised placement with the baselines in ``world`` (see module docstring)."""
    clock = time.perf_counter()
    truth = world.household_scores()
    _, lower, upper = quotas_for(world, slack)
    population = world.municipalities.population

    def problem(scores):
        return PlacementProblem(scores, world.sizes, upper, lower)

    placements = {
        "random": quota_random(problem(truth), seed=seed),
        "practice": current_practice(problem(truth), population, seed=seed),
    }
    model_scores = world.household_scores(noise=noise, noise_seed=seed + 1)
    result = solve(problem(model_scores), exact=False)
    placements["optimised"] = result.assignment

    H = world.n_households
    rate = {name: float(truth[np.arange(H), a].mean()) for name, a in placements.items()}
    adult = _adult_probabilities(world, placements)
    adult_rate = {name: float(p.mean()) for name, p in adult.items()}
    outcomes = np.random.default_rng(seed + 2).random(H) < truth[np.arange(H), placements["random"]]

    rows = []
    for level in sweep:
        scores = (
            model_scores
            if level == noise
            else world.household_scores(noise=level, noise_seed=seed + 1)
        )
        assignment = solve(problem(scores), exact=False).assignment
        r = float(truth[np.arange(H), assignment].mean())
        rows.append(
            {
                "noise": level,
                "auc": _auc(scores[np.arange(H), placements["random"]], outcomes),
                "household_rate": r,
                "gain_vs_random": r / rate["random"] - 1.0,
                "gain_vs_practice": r / rate["practice"] - 1.0,
            }
        )

    return Evaluation(
        persons=int(world.sizes.sum()),
        households=H,
        municipalities=len(world.municipalities),
        slack=slack,
        noise=noise,
        auc=_auc(model_scores[np.arange(H), placements["random"]], outcomes),
        household_rate=rate,
        adult_rate=adult_rate,
        gap=result.gap,
        sweep=rows,
        fairness=_fairness(world, truth, placements, adult),
        seconds=time.perf_counter() - clock,
    )


def _adult_probabilities(world: World, placements: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """True employment probability of every adult where each method placed their household."""
    adults = np.flatnonzero(world.people.adult)
    household = world.people.household[adults]
    out = {name: np.empty(len(adults)) for name in placements}
    for a in range(0, len(adults), 20_000):
        rows = adults[a : a + 20_000]
        logits = world.person_logits(rows)
        for name, assignment in placements.items():
            chosen = logits[np.arange(len(rows)), assignment[household[a : a + 20_000]]]
            out[name][a : a + 20_000] = 1.0 / (1.0 + np.exp(-chosen))
    return out


def _fairness(world: World, truth, placements, adult) -> dict[str, list[dict]]:
    people = world.people
    adults = np.flatnonzero(people.adult)
    groups = {
        "gender": (people.male[adults].astype(int), ("female", "male")),
        "origin": (people.origin[adults], ORIGINS),
        "age group": (people.age_group[adults], AGE_GROUPS),
    }
    table: dict[str, list[dict]] = {}
    for kind, (codes, labels) in groups.items():
        table[kind] = [
            {"group": label, "n": int((codes == i).sum())}
            | {m: float(adult[m][codes == i].mean()) for m in METHODS}
            for i, label in enumerate(labels)
            if (codes == i).any()
        ]
    H = world.n_households
    sizes = world.sizes
    table["household size"] = [
        {"group": str(size), "n": int((sizes == size).sum())}
        | {m: float(truth[np.arange(H), placements[m]][sizes == size].mean()) for m in METHODS}
        for size in np.unique(sizes)
    ]
    return table


def _auc(scores: np.ndarray, outcomes: np.ndarray) -> float:
    """Area under the ROC curve (the probability a random success outranks a random failure)."""
    outcomes = np.asarray(outcomes, dtype=bool)
    n_pos, n_neg = int(outcomes.sum()), int((~outcomes).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # Average ranks for ties.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts - 1) / 2.0 + 1
    ranks[order] = np.repeat(average, counts)
    return float((ranks[outcomes].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
