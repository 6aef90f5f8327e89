"""A synthetic world with known employment probabilities, for evaluation and benchmarks.

Nobody can observe what would have happened to the same family in another municipality, so
placement algorithms are judged in a simulated world where the truth is known (as in the
GeoMatch and Annie MOORE papers, which backtest on a model of the world). The world here is
made up, and its assumptions are written down so that a reader can judge the figures:

* adults have a gender, an age, an origin, an education level (none, primary, secondary,
  tertiary), at most one occupation group from earlier work, and English and Danish levels
  (0–3); children never count as employed;
* each municipality has a population and a demand for each occupation group; demand reaches
  across municipal borders with a commuting kernel (half-weight at about 20 km);
* the true probability that adult ``i`` is employed within the horizon in municipality ``m``
  is ``sigmoid(person_i + place_m + origin-network_{o,m} + demand fit_{i,m} + urban × skills)``,
  with coefficients in :data:`COEFFICIENTS` (person effects after Danish register studies of
  refugees' employment: education, language and age matter, women start slower);
* the model that a placement would use sees the truth through noise on the logit
  (``noise`` = standard deviation), half shared by the person across municipalities and half
  specific to each pair; ``noise=0`` is a perfect model.

Everything is drawn from ``numpy.random.default_rng(seed)`` and computed in blocks, so a world
of a million people fits in little memory and two runs with the same seed agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

OCCUPATION_GROUPS = (
    "manufacturing",
    "construction",
    "cleaning",
    "care",
    "hospitality",
    "transport",
    "agriculture",
    "retail",
    "ict",
    "office",
)
ORIGINS = ("SY", "AF", "ER", "UA", "SO", "IR", "IQ", "SD")
ORIGIN_WEIGHTS = (0.24, 0.16, 0.14, 0.16, 0.08, 0.08, 0.07, 0.07)
EDUCATION_LEVELS = ("none", "primary", "secondary", "tertiary")
AGE_GROUPS = ("18-29", "30-44", "45-64")
HOUSEHOLD_SIZE_WEIGHTS = (0.44, 0.16, 0.12, 0.12, 0.09, 0.07)  # sizes 1..6, mean ≈ 2.4

# Urban profile (large towns) and rural profile of demand over the occupation groups.
_URBAN_PROFILE = np.array([0.06, 0.08, 0.12, 0.16, 0.14, 0.08, 0.01, 0.12, 0.12, 0.11])
_RURAL_PROFILE = np.array([0.22, 0.14, 0.10, 0.15, 0.07, 0.10, 0.10, 0.08, 0.01, 0.03])

COEFFICIENTS = {
    "intercept": -1.35,
    "male": 0.45,
    "age": (0.25, 0.1, -0.55),  # by AGE_GROUPS
    "education": (-0.55, -0.15, 0.15, 0.35),  # by EDUCATION_LEVELS
    "english": 0.14,  # per level
    "danish": 0.3,  # per level
    "origin": (0.0, -0.1, 0.15, 0.35, -0.35, 0.05, -0.1, -0.05),  # by ORIGINS
    "has_occupation": 0.2,
    "demand_fit": 0.4,  # per standard deviation of log local demand for the person's group
    "demand_any": 0.2,  # per standard deviation of log local demand overall (everyone)
    "urban_tertiary": 0.3,  # per standard deviation of log population, tertiary education
    "urban_english": 0.08,  # per standard deviation of log population, per English level
    "place_sd": 0.18,  # location effect not explained by the features
    "network_sd": 0.15,  # origin × municipality effect (co-national networks)
}


@dataclass
class Municipalities:
    """The places: codes, names, population and coordinates (degrees)."""

    code: np.ndarray
    name: np.ndarray
    population: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray

    def __post_init__(self) -> None:
        M = len(self.code)
        for attr in ("name", "population", "latitude", "longitude"):
            if len(getattr(self, attr)) != M:
                raise ValueError(
                    f"municipalities: {attr} has {len(getattr(self, attr))} entries, code has {M}"
                )
        self.population = np.asarray(self.population, dtype=np.float64)
        if (self.population <= 0).any():
            raise ValueError("municipalities: population must be positive")
        self.latitude = np.asarray(self.latitude, dtype=np.float64)
        self.longitude = np.asarray(self.longitude, dtype=np.float64)

    def __len__(self) -> int:
        return len(self.code)

    def distances_km(self) -> np.ndarray:
        """(M, M) great-circle distances between the municipal seats."""
        lat, lon = np.radians(self.latitude), np.radians(self.longitude)
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        h = (
            np.sin(dlat / 2) ** 2
            + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
        )
        return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def synthetic_municipalities(n: int = 98, seed: int = 0) -> Municipalities:
    """Made-up municipalities on a Denmark-sized map, with Zipf-like populations.

    >>> len(synthetic_municipalities(5))
    5
    """
    rng = np.random.default_rng(seed)
    population = np.sort(60_000 * rng.pareto(1.6, n) + 12_000)[::-1]
    return Municipalities(
        code=np.array([f"{i + 1:04d}" for i in range(n)]),
        name=np.array([f"Municipality {i + 1}" for i in range(n)]),
        population=population,
        latitude=rng.uniform(54.8, 57.6, n),
        longitude=rng.uniform(8.2, 12.6, n),
    )


@dataclass
class People:
    """One row per person; households are contiguous runs of rows."""

    household: np.ndarray  # (N,) household index, non-decreasing
    adult: np.ndarray  # (N,) bool
    male: np.ndarray  # (N,) bool
    age: np.ndarray  # (N,) years
    origin: np.ndarray  # (N,) index into ORIGINS
    education: np.ndarray  # (N,) index into EDUCATION_LEVELS
    occupation: np.ndarray  # (N,) index into OCCUPATION_GROUPS, -1 for none
    english: np.ndarray  # (N,) 0..3
    danish: np.ndarray  # (N,) 0..3

    def __len__(self) -> int:
        return len(self.household)

    @property
    def age_group(self) -> np.ndarray:
        return np.digitize(self.age, [30, 45])


@dataclass
class World:
    """A synthetic world: municipalities, people in households, and the true probabilities."""

    municipalities: Municipalities
    people: People
    household_start: np.ndarray  # (H + 1,) first row of each household in ``people``
    demand: np.ndarray  # (M, G) vacancies per 1,000 inhabitants, by occupation group
    place_effect: np.ndarray  # (M,)
    network_effect: np.ndarray  # (len(ORIGINS), M)
    seed: int
    coefficients: dict = field(default_factory=lambda: dict(COEFFICIENTS))

    @property
    def n_households(self) -> int:
        return len(self.household_start) - 1

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.household_start)

    @property
    def household_origin(self) -> np.ndarray:
        return self.people.origin[self.household_start[:-1]]

    def person_logits(self, rows: np.ndarray) -> np.ndarray:
        """True logits (len(rows), M) of the given person rows; children get ``-inf``."""
        c = self.coefficients
        p = self.people
        base = (
            c["intercept"]
            + c["male"] * p.male[rows]
            + np.asarray(c["age"])[p.age_group[rows]]
            + np.asarray(c["education"])[p.education[rows]]
            + c["english"] * p.english[rows]
            + c["danish"] * p.danish[rows]
            + np.asarray(c["origin"])[p.origin[rows]]
            + c["has_occupation"] * (p.occupation[rows] >= 0)
        )
        fit_z, any_z, urban_z = self._location_features()
        occ = p.occupation[rows]
        fit = np.where(occ[:, None] >= 0, fit_z[:, np.maximum(occ, 0)].T, 0.0)
        logits = (
            base[:, None]
            + c["demand_fit"] * fit
            + c["demand_any"] * any_z[None, :]
            + urban_z[None, :]
            * (
                c["urban_tertiary"] * (p.education[rows] == 3)
                + c["urban_english"] * p.english[rows]
            )[:, None]
            + self.place_effect[None, :]
            + self.network_effect[p.origin[rows]]
        )
        logits[~p.adult[rows]] = -np.inf
        return logits

    def _location_features(self):
        if not hasattr(self, "_features"):
            demand = _commuting_demand(self.municipalities, self.demand)
            log_fit = np.log(demand)
            fit_z = (log_fit - log_fit.mean(axis=0)) / log_fit.std(axis=0).clip(1e-9)
            total = np.log(demand.sum(axis=1))
            any_z = (total - total.mean()) / max(total.std(), 1e-9)
            logpop = np.log(self.municipalities.population)
            urban_z = (logpop - logpop.mean()) / max(logpop.std(), 1e-9)
            self._features = (fit_z, any_z, urban_z)
        return self._features

    def household_scores(
        self,
        noise: float = 0.0,
        noise_seed: int = 1,
        households: slice | None = None,
        block: int = 20_000,
        dtype=np.float64,
    ) -> np.ndarray:
        """(H, M) probability that at least one adult is employed, 1 − Π(1 − p).

        ``noise`` > 0 gives a model's estimate instead of the truth (see the module docstring).
        The noise of a household does not depend on ``households`` or ``block``.
        """
        households = households or slice(0, self.n_households)
        h0, h1, _ = households.indices(self.n_households)
        M = len(self.municipalities)
        out = np.empty((h1 - h0, M), dtype=dtype)
        # Blocks are aligned to multiples of NOISE_BLOCK so that the noise drawn for a
        # household is the same whichever slice is asked for.
        start = h0
        while start < h1:
            stop = min(h1, (start // NOISE_BLOCK + 1) * NOISE_BLOCK, start + block)
            out[start - h0 : stop - h0] = self._score_block(start, stop, noise, noise_seed)
            start = stop
        return out

    def _score_block(self, h0: int, h1: int, noise: float, noise_seed: int) -> np.ndarray:
        r0, r1 = self.household_start[h0], self.household_start[h1]
        rows = np.arange(r0, r1)
        logits = self.person_logits(rows)
        if noise > 0:
            # Noise for the aligned NOISE_BLOCK containing [h0, h1): draw it for the whole
            # aligned block and cut out our rows, so slices agree with each other.
            b0 = (h0 // NOISE_BLOCK) * NOISE_BLOCK
            b1 = min(self.n_households, b0 + NOISE_BLOCK)
            rng = np.random.default_rng([self.seed, noise_seed, b0])
            a0, a1 = self.household_start[b0], self.household_start[b1]
            n_rows, M = a1 - a0, logits.shape[1]
            person = rng.standard_normal(n_rows)[r0 - a0 : r1 - a0]
            # Pair noise only for the rows we need: skip the generator ahead by whole rows.
            skip = r0 - a0
            if skip:
                rng.standard_normal((skip, M))
            pair = rng.standard_normal((r1 - r0, M))
            logits += noise * np.sqrt(0.5) * (person[:, None] + pair)
        log_not = -np.logaddexp(0.0, logits)  # log(1 − sigmoid(x)) = −log(1 + e^x)
        by_household = np.add.reduceat(log_not, self.household_start[h0:h1] - r0, axis=0)
        return -np.expm1(by_household)

    def person_probabilities(self, rows: np.ndarray, municipalities: np.ndarray) -> np.ndarray:
        """True probability of each person row in the municipality given for that row."""
        logits = self.person_logits(rows)[np.arange(len(rows)), municipalities]
        return np.where(np.isfinite(logits), 1.0 / (1.0 + np.exp(-logits)), 0.0)


NOISE_BLOCK = 8192


def _commuting_demand(municipalities: Municipalities, demand: np.ndarray) -> np.ndarray:
    """Demand reachable from each municipality: neighbours' vacancies weighted by distance."""
    weights = np.exp(-municipalities.distances_km() / 30.0)
    absolute = demand * municipalities.population[:, None] / 1000.0
    reach = weights @ absolute
    return reach / (weights @ municipalities.population[:, None] / 1000.0)


def make_world(
    n_people: int,
    municipalities: Municipalities | None = None,
    seed: int = 42,
    cohort: int = 0,
) -> World:
    """Draw a world with about ``n_people`` people (whole households, so a few more).

    The places (demand, location effects) depend on ``seed`` only; the people on ``seed`` and
    ``cohort``, so ``cohort=1`` draws another year's arrivals into the same places.

    >>> w = make_world(500, synthetic_municipalities(10), seed=1)
    >>> bool(w.sizes.sum() >= 500), w.household_scores().shape[1]
    (True, 10)
    """
    if n_people < 1:
        raise ValueError("n_people must be at least 1")
    municipalities = municipalities or synthetic_municipalities(98, seed)
    M, G = len(municipalities), len(OCCUPATION_GROUPS)

    # The places first, from their own generator.
    places = np.random.default_rng(seed)
    logpop = np.log(municipalities.population)
    urban = np.clip((logpop - np.log(25_000)) / (np.log(300_000) - np.log(25_000)), 0, 1)
    profile = urban[:, None] * _URBAN_PROFILE + (1 - urban[:, None]) * _RURAL_PROFILE
    specialisation = places.gamma(2.0, 0.5, (M, G))
    demand = 12.0 * profile * specialisation * places.lognormal(0, 0.25, M)[:, None]
    demand = np.maximum(demand, 0.05)
    c = COEFFICIENTS
    place_effect = places.normal(0, c["place_sd"], M)
    network_effect = places.normal(0, c["network_sd"], (len(ORIGINS), M))

    rng = np.random.default_rng([seed, cohort])

    sizes = _household_sizes(rng, n_people)
    H = len(sizes)
    start = np.concatenate([[0], np.cumsum(sizes)])
    N = int(start[-1])
    household = np.repeat(np.arange(H), sizes)
    position = np.arange(N) - start[household]

    # Adults: the first member always; the second in most larger households (a couple).
    second_adult = (sizes >= 2) & (rng.random(H) < np.where(sizes == 2, 0.65, 0.75))
    adult = (position == 0) | ((position == 1) & second_adult[household])
    h_origin = rng.choice(len(ORIGINS), size=H, p=ORIGIN_WEIGHTS)
    origin = h_origin[household]
    single = sizes == 1
    first_male = rng.random(H) < np.where(single, 0.7, 0.55)
    male = np.where(
        position == 0,
        first_male[household],
        np.where(position == 1, ~first_male[household], rng.random(N) < 0.5),
    )
    head_age = np.clip(rng.normal(np.where(single, 29, 36), 9), 18, 64)
    age = np.where(
        adult,
        np.clip(head_age[household] + rng.normal(0, 4, N), 18, 64),
        np.clip(rng.integers(0, 18, N), 0, 17),
    ).astype(np.int16)

    # Education and occupation depend on origin (e.g. more tertiary among Ukrainians and Iranians).
    tertiary = np.array([0.22, 0.10, 0.06, 0.45, 0.05, 0.30, 0.18, 0.10])[origin]
    none_ = np.array([0.12, 0.35, 0.30, 0.02, 0.40, 0.08, 0.15, 0.30])[origin]
    u = rng.random(N)
    education = np.where(
        u < none_, 0, np.where(u < none_ + 0.3, 1, np.where(u < 1 - tertiary, 2, 3))
    )
    has_occ = rng.random(N) < np.where(education >= 2, 0.8, 0.55)
    occ_probs = np.tile(np.full(G, 1.0 / G), (4, 1))
    occ_probs[3] = [0.06, 0.04, 0.02, 0.18, 0.04, 0.04, 0.02, 0.08, 0.26, 0.26]
    occ_probs[0] = [0.18, 0.2, 0.16, 0.06, 0.12, 0.1, 0.12, 0.06, 0.0, 0.0]
    cumulative = np.cumsum(occ_probs, axis=1)
    cumulative /= cumulative[:, -1:]
    occupation = _vector_choice(cumulative, education, rng.random(N))
    occupation = np.where(has_occ & adult, occupation, -1).astype(np.int16)
    english = np.clip(rng.poisson(np.array([0.3, 0.7, 1.4, 2.2])[education]), 0, 3).astype(np.int8)
    danish = np.clip(rng.poisson(0.25, N), 0, 3).astype(np.int8)

    people = People(
        household=household,
        adult=adult,
        male=male.astype(bool),
        age=age,
        origin=origin.astype(np.int8),
        education=education.astype(np.int8),
        occupation=occupation,
        english=english,
        danish=danish,
    )

    return World(
        municipalities=municipalities,
        people=people,
        household_start=start,
        demand=demand,
        place_effect=place_effect,
        network_effect=network_effect,
        seed=seed * 1000 + cohort,
    )


def _household_sizes(rng: np.random.Generator, n_people: int) -> np.ndarray:
    mean = np.dot(np.arange(1, 7), HOUSEHOLD_SIZE_WEIGHTS)
    sizes = rng.choice(
        np.arange(1, 7), size=int(n_people / mean * 1.05) + 10, p=HOUSEHOLD_SIZE_WEIGHTS
    )
    cut = int(np.searchsorted(np.cumsum(sizes), n_people)) + 1
    return sizes[:cut].astype(np.int64)


def _vector_choice(cumulative: np.ndarray, row: np.ndarray, u: np.ndarray) -> np.ndarray:
    out = np.empty(len(u), dtype=np.int64)
    for r in range(cumulative.shape[0]):
        sel = row == r
        out[sel] = np.searchsorted(cumulative[r], u[sel])
    return out


def quotas_for(
    world: World, slack: float = 0.02, total: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quota targets per municipality and their (lower, upper) limits with a slack.

    Targets follow population with fewer places per inhabitant in the big towns (as the Danish
    split does by the number of foreigners already living there), summing to ``total``
    (default: the world's people). Limits are ``floor(target·(1−slack))`` and
    ``ceil(target·(1+slack)) + 5`` persons; the extra 5 lets a household of six land in a
    municipality that is one person short of its target.
    """
    total = int(world.sizes.sum()) if total is None else total
    weight = world.municipalities.population**0.85
    target = largest_remainder(weight / weight.sum() * total)
    lower = np.floor(target * (1 - slack))
    upper = np.ceil(target * (1 + slack)) + 5
    return target, lower, upper


def largest_remainder(shares: np.ndarray) -> np.ndarray:
    """Round non-negative shares to integers with the same (rounded) sum."""
    floor = np.floor(shares)
    left = int(round(shares.sum() - floor.sum()))
    order = np.argsort(-(shares - floor), kind="stable")
    floor[order[:left]] += 1
    return floor
