"""Prices on the municipalities' capacities: the Lagrangian dual and its upper bound.

Relax the capacity constraints with a price ``π[k, m]`` per constraint ``k`` and municipality
``m`` (``π = λ − μ``: ``λ ≥ 0`` prices an upper limit, ``μ ≥ 0`` a lower one). Each household
then simply takes the municipality with the best *reduced score*
``r[h, m] = s[h, m] − Σ_k usage[h, k] · π[k, m]``, and by weak duality

    L(π) = Σ_k Σ_m (upper[k, m] λ[k, m] − lower[k, m] μ[k, m]) + Σ_h max_m r[h, m]

is an upper bound on every feasible placement, for every ``λ, μ ≥ 0``. Its minimum equals the
LP relaxation (the household-choice polytope is integral), so ``min L`` is *the* LP bound.

``L`` is convex and piecewise linear in ``K·M`` variables (98 for quotas alone) while the
households number in the hundreds of thousands: few prices, many households. We minimise a
smoothed ``L`` (log-sum-exp over municipalities with temperature ``ε``; a softplus for the kink
of each limit term) by Newton's method: 98 prices give a 98 × 98 Hessian, and about ten
Newton steps per temperature suffice. The temperature is lowered step by step, the first steps
on a random sample of households (limits scaled to the sample's share of persons), the last on
all of them. The bound reported is always ``L`` evaluated exactly at the final prices, so it is
valid whatever the smoothing and the sampling did.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .problem import PlacementProblem

BLOCK = 16_384  # households per block in full passes: bounds temporary memory to ~13 MB


@dataclass
class Model:
    """The problem as dense arrays for the algorithms: masked scores and stacked constraints."""

    scores: np.ndarray  # (H, M) float64, -inf where not allowed
    usage: np.ndarray  # (H, K) float64
    upper: np.ndarray  # (K, M), finite
    lower: np.ndarray  # (K, M), 0 where there is no floor
    names: tuple[str, ...]

    @classmethod
    def from_problem(cls, problem: PlacementProblem) -> Model:
        constraints = problem.constraints()
        usage = np.stack([c[1] for c in constraints], axis=1)
        upper = np.stack([c[2] for c in constraints])
        # A missing upper limit is the same as one nobody can reach: the total usage. Keeping
        # every limit finite keeps every price finite, and the bound stays valid.
        upper = np.where(np.isfinite(upper), upper, usage.sum(axis=0)[:, None] + 1.0)
        return cls(
            scores=problem.masked_scores(),
            usage=usage,
            upper=upper,
            lower=np.stack([c[3] for c in constraints]),
            names=tuple(c[0] for c in constraints),
        )

    @property
    def shape(self) -> tuple[int, int, int]:
        H, M = self.scores.shape
        return H, M, self.usage.shape[1]

    def subset(self, rows: np.ndarray, fraction: float) -> Model:
        """A sample of households with the limits scaled by ``fraction``."""
        return Model(
            self.scores[rows],
            self.usage[rows],
            self.upper * fraction,
            self.lower * fraction,
            self.names,
        )

    def reduced(self, prices: np.ndarray, rows=slice(None)) -> np.ndarray:
        """Reduced scores ``s − usage @ prices`` for a block of households."""
        usage = self.usage[rows]
        if usage.shape[1] == 1:
            return self.scores[rows] - usage[:, :1] * prices[0][None, :]
        return self.scores[rows] - usage @ prices

    def loads(self, assignment: np.ndarray) -> np.ndarray:
        """(K, M) use of every constraint by an assignment."""
        H, M, K = self.shape
        return np.stack(
            [np.bincount(assignment, weights=self.usage[:, k], minlength=M) for k in range(K)]
        )


def price_term(model: Model, prices: np.ndarray) -> float:
    """``Σ upper·λ − lower·μ`` for net prices ``π = λ − μ``."""
    return float(
        (model.upper * np.maximum(prices, 0.0) - model.lower * np.maximum(-prices, 0.0)).sum()
    )


def lagrangian_bound(model: Model, prices: np.ndarray) -> float:
    """The exact upper bound ``L(π)`` over all households and municipalities.

    Examples
    --------
    >>> import numpy as np
    >>> m = Model(np.array([[1.0, 0.0], [1.0, 0.5]]), np.ones((2, 1)), np.ones((1, 2)),
    ...           np.zeros((1, 2)), ("quota",))
    >>> lagrangian_bound(m, np.array([[0.5, 0.0]]))  # 0.5 + 0.5 from households, 0.5 from the price
    1.5
    """
    total = price_term(model, prices)
    H = model.scores.shape[0]
    for a in range(0, H, BLOCK):
        total += float(model.reduced(prices, slice(a, a + BLOCK)).max(axis=1).sum())
    return total


class _Smoothed:
    """The smooth part of the smoothed dual: ``g(π) = Σ_h ε log Σ_m exp(r[h, m] / ε)``.

    ``g`` is convex; its gradient is minus the expected demand and its Hessian is
    ``(1/ε) Σ_h u_h u_hᵀ ⊗ (diag p_h − p_h p_hᵀ)`` with ``p_h`` the softmax choice of ``h``.
    Households whose choice is practically certain add nothing to the Hessian and are skipped
    there.
    """

    def __init__(self, model: Model):
        self.model = model

    def __call__(self, prices: np.ndarray, eps: float, hessian: bool = False):
        model = self.model
        H, M, K = model.shape
        value = 0.0
        demand = np.zeros((K, M))
        diag = np.zeros((K, K, M)) if hessian else None
        outer = np.zeros((K * M, K * M)) if hessian else None
        for a in range(0, H, BLOCK):
            block = slice(a, a + BLOCK)
            r = model.reduced(prices, block)
            top = r.max(axis=1)
            r -= top[:, None]
            r *= 1.0 / eps
            np.exp(r, out=r)
            z = r.sum(axis=1)
            r /= z[:, None]
            value += float(top.sum() + eps * np.log(z).sum())
            usage = model.usage[block]
            demand += usage.T @ r
            if hessian:
                unsure = r.max(axis=1) < 1.0 - 1e-9
                p = r[unsure]
                u = usage[unsure]
                for k in range(K):
                    for j in range(K):
                        diag[k, j] += (u[:, k] * u[:, j]) @ p
                weighted = np.concatenate([p * u[:, k : k + 1] for k in range(K)], axis=1)
                outer += weighted.T @ weighted
        if not hessian:
            return value, demand, None
        hess = -outer
        for k in range(K):
            for j in range(K):
                hess[k * M : (k + 1) * M, j * M : (j + 1) * M] += np.diag(diag[k, j])
        return value, demand, hess / eps


def _limit_term(prices: np.ndarray, upper: np.ndarray, lower: np.ndarray, delta: float):
    """Smoothed ``Σ max(upper·π, lower·π)`` with its gradient and Hessian diagonal.

    ``max(Uπ, Lπ) = Lπ + (U − L)·max(π, 0)``; the kink at zero is smoothed by a softplus of
    width ``delta`` (error at most ``(U − L)·delta·log 2`` per limit), which lets Newton's
    method run without bounds or active sets.
    """
    x = prices / delta
    softplus = np.logaddexp(0.0, x) * delta
    sigma = 0.5 * (1.0 + np.tanh(0.5 * x))
    width = upper - lower
    value = float((lower * prices + width * softplus).sum())
    return value, lower + width * sigma, width * sigma * (1.0 - sigma) / delta


def _newton(
    smooth: _Smoothed, prices: np.ndarray, eps: float, delta: float, max_iter: int = 100
) -> tuple[np.ndarray, int]:
    """Minimise the smoothed dual ``g(π) + limit term`` by damped Newton steps.

    The function is smooth and convex; along a uniform shift of all prices it can be nearly
    flat, so the Newton system gets a small ridge, and a backtracking line search keeps every
    step a descent.
    """
    model = smooth.model
    upper, lower = model.upper, model.lower
    K, M = prices.shape

    def evaluate(p, hessian):
        value, demand, hess = smooth(p, eps, hessian)
        term, slope, curvature = _limit_term(p, upper, lower, delta)
        grad = (slope - demand).ravel()
        if hessian:
            hess = hess + np.diag(curvature.ravel())
        return value + term, grad, hess

    total, grad, hess = evaluate(prices, True)
    evaluations = 1
    tolerance = 1e-3 * float(model.usage[:, 0].mean())
    for _ in range(max_iter):
        if np.abs(grad).max() <= tolerance:
            break
        ridge = 1e-7 * max(float(np.trace(hess)) / len(grad), 1e-12)
        try:
            step = -np.linalg.solve(hess + ridge * np.eye(len(grad)), grad)
        except np.linalg.LinAlgError:
            step = -grad / max(float(np.diag(hess).max()), 1e-12)
        if float(grad @ step) >= 0:
            step = -grad / max(float(np.diag(hess).max()), 1e-12)
        t, accepted = 1.0, False
        for _ in range(30):
            trial = prices + t * step.reshape(K, M)
            value, _, _ = smooth(trial, eps)
            evaluations += 1
            new_total = value + _limit_term(trial, upper, lower, delta)[0]
            if new_total <= total + 1e-4 * t * float(grad @ step):
                accepted = True
                break
            t *= 0.5
        if not accepted:
            break
        improvement = total - new_total
        prices = trial
        total, grad, hess = evaluate(prices, True)
        evaluations += 1
        if improvement <= 1e-14 * max(abs(total), 1.0):
            break
    return prices, evaluations


@dataclass
class DualResult:
    prices: np.ndarray  # (K, M) net prices π = λ − μ
    bound: float  # exact L(π) over all pairs
    evaluations: int
    rounds: int


def solve_dual(
    model: Model,
    *,
    start: np.ndarray | None = None,
    sample: int = 8000,
    final_temperature: float = 0.007,
    seed: int = 0,
) -> DualResult:
    """Near-optimal prices and the exact bound at them.

    Parameters
    ----------
    model : Model
    start : array (K, M), optional
        Warm-start prices (e.g. last week's); skips the rough stages.
    sample : int
        Households in the first, rough stage (limits scaled to the sample's share of persons).
    final_temperature : float
        Last smoothing temperature, relative to the spread of the scores.
    """
    H, M, K = model.shape
    scale = _score_scale(model, seed)
    rough_steps = [scale * t for t in (0.2, 0.07, 0.02) if t > final_temperature]
    evaluations = rounds = 0
    prices = np.zeros((K, M)) if start is None else np.array(start, dtype=np.float64)
    if start is None:
        # Rough prices from a sample of households (all of them when few).
        rough = model
        if H > 2 * sample:
            rows = np.random.default_rng(seed).choice(H, sample, replace=False)
            rough = model.subset(rows, model.usage[rows, 0].sum() / model.usage[:, 0].sum())
        steps = [(rough, eps) for eps in rough_steps]
    else:
        # Warm start: the prices are roughly right already; one intermediate temperature.
        steps = [(model, eps) for eps in rough_steps[-1:]]
    for stage_model, eps in steps + [(model, scale * final_temperature)]:
        prices, n = _stage(stage_model, prices, eps)
        evaluations += n
        rounds += 1
    return DualResult(prices, lagrangian_bound(model, prices), evaluations, rounds)


def _stage(model: Model, prices: np.ndarray, eps: float):
    """Minimise the smoothed dual at temperature ``eps``."""
    delta = eps / max(float(model.usage[:, 0].mean()), 1e-12)
    return _newton(_Smoothed(model), prices, eps, delta)


def _score_scale(model: Model, seed: int) -> float:
    """A typical spread of a household's scores across municipalities (sets the temperatures)."""
    H = model.scores.shape[0]
    rows = np.random.default_rng(seed).choice(H, min(H, 2000), replace=False)
    block = model.scores[rows]
    block = np.where(np.isfinite(block), block, np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        spread = np.nanstd(block, axis=1)
    spread = spread[np.isfinite(spread) & (spread > 0)]
    if spread.size:
        return float(np.median(spread))
    return float(np.nanmean(np.abs(block))) or 1.0
