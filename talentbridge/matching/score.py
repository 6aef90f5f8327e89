"""Vectorised scoring of many candidates against many openings.

:class:`Scorer` prepares, once, everything that depends only on the openings (their skill
matrix, the distinct values of each opening attribute a component looks at) and then scores
a block of candidates against all openings at a time. Components that depend on a
categorical attribute of the opening (occupation, site, language/licence requirements,
start date, sector and kind) are evaluated once per distinct value and gathered; the skill
coverage is one sparse product. Excluded pairs score ``-inf``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import components as comp
from ._checks import as_int_array, check_range
from .geo import distance_table
from .model import NO_DATE, Candidates, Openings, Taxonomy, _take_rows
from .weights import Weights

NEG_INF = np.float32(-np.inf)
_DISTANCE_TABLE_LIMIT = 30_000_000  # entries of the precomputed location x site table
_TRANSPOSE_CHUNK = 1024


@dataclass
class _Factor:
    """A part of the score that depends on one categorical attribute of the opening."""

    names: tuple[str, ...]
    codes: np.ndarray  # (m,) index of each opening's value
    n: int  # number of distinct values
    table: Callable[[np.ndarray], np.ndarray]  # rows -> (n, len(rows)) float32


def _merge(f: _Factor, g: _Factor) -> _Factor:
    pairs = f.codes.astype(np.int64) * g.n + g.codes
    unique, codes = np.unique(pairs, return_inverse=True)
    uf, ug = unique // g.n, unique % g.n

    def table(rows: np.ndarray) -> np.ndarray:
        out = f.table(rows)[uf]
        out += g.table(rows)[ug]
        return out

    return _Factor(f.names + g.names, codes.astype(np.intp), int(unique.shape[0]), table)


def _unique_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the stacked columns and each row's index among them."""
    stacked = np.column_stack([np.asarray(c).astype(np.float64) for c in columns])
    unique, codes = np.unique(stacked, axis=0, return_inverse=True)
    return unique, codes.reshape(-1).astype(np.intp)


def skill_rows(
    indptr: np.ndarray,
    ids: np.ndarray,
    n_skills: int,
    values: np.ndarray | None = None,
    exclude: sp.csr_array | None = None,
) -> sp.csr_array:
    """A CSR (rows x skills) matrix from CSR parts; duplicates keep their largest value."""
    rows = np.repeat(np.arange(indptr.shape[0] - 1), np.diff(indptr))
    values = np.ones(ids.shape[0], np.float32) if values is None else values.astype(np.float32)
    if ids.size:
        order = np.lexsort((-values, ids, rows))
        rows, ids, values = rows[order], ids[order], values[order]
        first = np.ones(ids.shape[0], bool)
        first[1:] = (rows[1:] != rows[:-1]) | (ids[1:] != ids[:-1])
        rows, ids, values = rows[first], ids[first], values[first]
    matrix = sp.csr_array(
        (values, (rows, ids)), shape=(indptr.shape[0] - 1, n_skills), dtype=np.float32
    )
    if exclude is not None and matrix.nnz:
        matrix = matrix - matrix.multiply(exclude > 0)
        matrix.eliminate_zeros()
    matrix.sort_indices()
    return matrix


class Scorer:
    """Scores of candidates for openings, computed block by block.

    Parameters
    ----------
    candidates, openings : the population (see :mod:`talentbridge.matching.model`).
    taxonomy : occupations' ISCO groups and, optionally, their essential skills.
    weights : the :class:`~talentbridge.matching.weights.Weights` (defaults if omitted).

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(30, 10, seed=1)
    >>> s = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    >>> s.scores(np.arange(3)).shape
    (3, 10)
    """

    def __init__(
        self,
        candidates: Candidates,
        openings: Openings,
        taxonomy: Taxonomy,
        weights: Weights | None = None,
    ) -> None:
        taxonomy.check(candidates, openings)
        self.candidates = candidates
        self.openings = openings
        self.taxonomy = taxonomy
        self.weights = w = weights or Weights()
        n_skills = taxonomy.n_skills
        strength = comp.skill_strength(candidates.skill_level, candidates.skill_evidence, w)
        self.strength = skill_rows(
            candidates.skill_indptr, candidates.skill_ids, n_skills, strength
        )
        self.essential = skill_rows(openings.essential_indptr, openings.essential_ids, n_skills)
        self.optional = skill_rows(
            openings.optional_indptr, openings.optional_ids, n_skills, exclude=self.essential
        )
        self.essential_count = np.diff(self.essential.indptr).astype(np.float32)
        self.optional_count = np.diff(self.optional.indptr).astype(np.float32)
        ess_scale = np.divide(
            w.essential,
            self.essential_count,
            out=np.zeros(openings.m, np.float32),
            where=self.essential_count > 0,
        )
        opt_scale = np.divide(
            w.optional,
            self.optional_count,
            out=np.zeros(openings.m, np.float32),
            where=self.optional_count > 0,
        )
        weighted = sp.diags_array(ess_scale.astype(np.float32)) @ self.essential
        weighted = weighted + sp.diags_array(opt_scale.astype(np.float32)) @ self.optional
        share = np.divide(
            1.0,
            self.essential_count,
            out=np.zeros(openings.m, np.float32),
            where=self.essential_count > 0,
        )
        self._essential_share = sp.csr_array(
            sp.diags_array(share) @ self.essential, dtype=np.float32
        )
        self.applies = self._applicability()
        cw = w.component_weights()
        norm = sum(cw[name] * self.applies[name] for name in cw)
        self.norm = np.where(norm > 0, norm, 1.0).astype(np.float32)
        self._inv_norm = (1.0 / self.norm).astype(np.float32)[:, None]
        # The skill part of the score, already divided by each opening's norm.
        self._skills = SkillProduct(sp.diags_array(self._inv_norm[:, 0]) @ weighted, self.strength)
        self._factors = self._merge_factors(self._build_factors())

    def restricted(self, openings) -> Scorer:
        """A scorer for the same candidates and only the openings at index ``openings``."""
        return Scorer(self.candidates, self.openings.subset(openings), self.taxonomy, self.weights)

    # -- what applies -------------------------------------------------------------------
    def _applicability(self) -> dict[str, np.ndarray]:
        o = self.openings
        ones = np.ones(o.m, np.float32)
        return {
            "occupation": (o.occupation >= 0).astype(np.float32),
            "essential": (self.essential_count > 0).astype(np.float32),
            "optional": (self.optional_count > 0).astype(np.float32),
            "language": (o.language_min > 0).any(axis=1).astype(np.float32),
            "licence": (o.licence >= 0).astype(np.float32),
            "availability": (o.start != NO_DATE).astype(np.float32),
            "distance": ones,
            "preference": ones,
        }

    # -- the categorical factors --------------------------------------------------------
    def _build_factors(self) -> list[_Factor]:
        return [
            self._occupation_factor(),
            self._location_factor(),
            self._requirement_factor(),
            self._start_factor(),
            self._sector_kind_factor(),
        ]

    def _merge_factors(self, factors: list[_Factor]) -> list[_Factor]:
        """Fuse factors whose joint distinct values stay few, so fewer gathers per pair."""
        limit = max(8, self.openings.m // 4)
        factors = sorted(factors, key=lambda f: f.n)
        merged = [factors[0]]
        for factor in factors[1:]:
            candidate = _merge(merged[-1], factor)
            if candidate.n <= limit:
                merged[-1] = candidate
            else:
                merged.append(factor)
        return merged

    def _occupation_factor(self) -> _Factor:
        c, o, w, t = self.candidates, self.openings, self.weights, self.taxonomy
        occ_u, codes = np.unique(o.occupation, return_inverse=True)
        known = occ_u >= 0
        cand_u = np.unique(c.occupation_ids)
        fit = np.zeros((cand_u.shape[0], occ_u.shape[0]), np.float32)
        if cand_u.size and known.any():
            fit[:, known] = comp.occupation_relation(
                cand_u, occ_u[known], t.occupation_isco, t.occupation_essential, w
            )[0]
        row_of = np.full(t.n_occupations, -1, np.intp)
        row_of[cand_u] = np.arange(cand_u.shape[0])
        pref_u = np.unique(c.preferred_occupation_ids)
        pref_match = np.zeros((pref_u.shape[0], occ_u.shape[0]), bool)
        if pref_u.size and known.any():
            pref_match[:, known] = preferred_occupation_match(
                pref_u, occ_u[known], t.occupation_isco
            )
        pref_row = np.full(t.n_occupations, -1, np.intp)
        pref_row[pref_u] = np.arange(pref_u.shape[0])
        stated = self.stated_preferences

        def table(rows: np.ndarray) -> np.ndarray:
            best = _max_over_sets(c.occupation_indptr, c.occupation_ids, rows, row_of, fit)
            out = w.occupation * best
            if w.preference:
                match = (
                    _max_over_sets(
                        c.preferred_occupation_indptr,
                        c.preferred_occupation_ids,
                        rows,
                        pref_row,
                        pref_match.astype(np.float32),
                    )
                    > 0
                )
                zero = np.zeros_like(match)
                st = stated(rows)
                part = comp.preference_fit(match, zero, zero, st, w) - comp.preference_fit(
                    zero[:, :1], zero[:, :1], zero[:, :1], st, w
                )
                out += w.preference * part
            return np.ascontiguousarray(out.T)

        return _Factor(("occupation",), codes.astype(np.intp), int(occ_u.shape[0]), table)

    def stated_preferences(self, rows: np.ndarray) -> np.ndarray:
        """(b, 3) booleans: the candidate states preferred occupations, sectors, kinds."""
        c = self.candidates
        return np.column_stack(
            [
                np.diff(c.preferred_occupation_indptr)[rows] > 0,
                np.diff(c.preferred_sector_indptr)[rows] > 0,
                c.preferred_kinds[rows] > 0,
            ]
        )

    def _location_factor(self) -> _Factor:
        c, o, w = self.candidates, self.openings, self.weights
        sites, codes = _unique_rows(o.lat, o.lon)
        places, place_codes = _unique_rows(c.lat, c.lon)
        full = None
        if places.shape[0] * sites.shape[0] <= _DISTANCE_TABLE_LIMIT:
            full = distance_table(places[:, 0], places[:, 1], sites[:, 0], sites[:, 1])

        def table(rows: np.ndarray) -> np.ndarray:
            if full is not None:
                km = full[place_codes[rows]]
            else:
                km = distance_table(c.lat[rows], c.lon[rows], sites[:, 0], sites[:, 1])
            fit, ok = comp.distance_fit(km, c.move_km[rows], w)
            return np.ascontiguousarray(
                np.where(ok, w.distance * fit, NEG_INF).T.astype(np.float32)
            )

        return _Factor(("distance",), codes, int(sites.shape[0]), table)

    def _requirement_factor(self) -> _Factor:
        c, o, w = self.candidates, self.openings, self.weights
        n_lang = o.language_min.shape[1]
        unique, codes = _unique_rows(
            *o.language_min.T, *o.language_hard.T, o.licence, o.licence_hard
        )
        minimum = unique[:, :n_lang].astype(np.int8)
        hard = unique[:, n_lang : 2 * n_lang].astype(bool)
        licence = unique[:, 2 * n_lang].astype(np.int16)
        licence_hard = unique[:, 2 * n_lang + 1].astype(bool)

        def table(rows: np.ndarray) -> np.ndarray:
            lfit, lok, lapp = comp.language_fit(c.language[rows], minimum, hard, w)
            cfit, cok, capp = comp.licence_fit(c.licences[rows], licence, licence_hard)
            out = w.language * lfit * lapp + w.licence * cfit * capp
            return np.ascontiguousarray(np.where(lok & cok, out, NEG_INF).T.astype(np.float32))

        return _Factor(("language", "licence"), codes, int(unique.shape[0]), table)

    def _start_factor(self) -> _Factor:
        c, o, w = self.candidates, self.openings, self.weights
        starts, codes = np.unique(o.start, return_inverse=True)

        def table(rows: np.ndarray) -> np.ndarray:
            fit, ok, applies, _ = comp.availability_fit(c.work_from[rows], starts, w)
            out = w.availability * fit * applies
            return np.ascontiguousarray(np.where(ok, out, NEG_INF).T.astype(np.float32))

        return _Factor(("availability",), codes.astype(np.intp), int(starts.shape[0]), table)

    def _sector_kind_factor(self) -> _Factor:
        c, o, w = self.candidates, self.openings, self.weights
        unique, codes = _unique_rows(o.sector, o.kind)
        sector = unique[:, 0].astype(np.int64)
        kind = unique[:, 1].astype(np.int64)
        stated = self.stated_preferences

        def table(rows: np.ndarray) -> np.ndarray:
            sector_match = _sector_match(
                c.preferred_sector_indptr, c.preferred_sector_ids, rows, sector
            )
            kind_match = (kind >= 0)[None, :] & (
                (c.preferred_kinds[rows][:, None] >> np.maximum(kind, 0)[None, :]) & 1
            ).astype(bool)
            zero = np.zeros_like(sector_match)
            out = w.preference * comp.preference_fit(
                zero, sector_match, kind_match, stated(rows), w
            )
            return np.ascontiguousarray(out.T.astype(np.float32))

        return _Factor(("preference",), codes, int(unique.shape[0]), table)

    # -- scoring ------------------------------------------------------------------------
    def check_rows(self, rows) -> np.ndarray:
        rows = as_int_array("rows", rows, dtype=np.intp)
        check_range("rows", rows, 0, self.candidates.n)
        return rows

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Scores of candidates ``rows`` for every opening: (len(rows), m), float32.

        Trusts ``rows`` (see :meth:`scores` for the checked version).
        """
        out = self._skills.block(rows)
        # The categorical factors are gathered openings-major (row copies are the fast way
        # to gather), summed, scaled by each opening's norm, then added transposed.
        acc = None
        for factor in self._factors:
            part = factor.table(rows)[factor.codes]
            if acc is None:
                acc = part
            else:
                acc += part
        if acc is not None:
            acc *= self._inv_norm
            # A transposed add in chunks that fit the cache is several times faster.
            for start in range(0, acc.shape[0], _TRANSPOSE_CHUNK):
                stop = start + _TRANSPOSE_CHUNK
                out[:, start:stop] += acc[start:stop].T
        if self.weights.min_essential_coverage > 0:
            coverage = (self.strength[rows] @ self._essential_share.T).toarray()
            floor = np.float32(self.weights.min_essential_coverage) - np.float32(1e-6)
            out[(coverage < floor) & (self.applies["essential"][None, :] > 0)] = NEG_INF
        return out

    def scores(self, rows=None) -> np.ndarray:
        """Scores (len(rows), m) of candidates ``rows`` (default: all) for every opening.

        ``-inf`` marks an excluded pair (a hard requirement is not met).

        Examples
        --------
        >>> from talentbridge.matching.synthetic import generate
        >>> inst = generate(10, 4, seed=3)
        >>> s = Scorer(inst.candidates, inst.openings, inst.taxonomy).scores([0, 1])
        >>> s.shape, bool(np.all((s <= 1) | np.isneginf(s)))
        ((2, 4), True)
        """
        rows = np.arange(self.candidates.n) if rows is None else self.check_rows(rows)
        return self.block(rows)


class SkillProduct:
    """``C[rows] @ W.T`` for sparse C (candidates x skills) and W (openings x skills), dense out.

    Skills that many openings ask for make the sparse product's output dense and slow; those
    columns go through a dense matrix instead (sparse rows times dense rows), the rest stay
    sparse and are scattered into the result.
    """

    def __init__(self, weights: sp.csr_array, strength: sp.csr_array) -> None:
        m, n_skills = weights.shape
        self.m = m
        weights = sp.csr_array(weights, dtype=np.float32)
        per_skill = np.bincount(weights.indices, minlength=n_skills)
        dense = np.flatnonzero(per_skill >= max(m / 200, 8))
        budget = max(1, (64 << 20) // max(m, 1))  # at most 256 MB of dense weights
        if dense.shape[0] > budget:
            dense = dense[np.argsort(-per_skill[dense], kind="stable")[:budget]]
        is_dense = np.zeros(n_skills, bool)
        is_dense[dense] = True
        self.dense_weights = np.ascontiguousarray(weights[:, dense].toarray().T, dtype=np.float32)
        self.dense_strength = sp.csr_array(strength[:, dense], dtype=np.float32)
        keep = sp.diags_array((~is_dense).astype(np.float32))
        sparse_weights = sp.csr_array(weights @ keep)
        sparse_weights.eliminate_zeros()
        self.sparse_weights_t = sp.csr_array(sparse_weights.T)
        sparse_strength = sp.csr_array(strength @ keep)
        sparse_strength.eliminate_zeros()
        self.sparse_strength = sparse_strength

    def block(self, rows: np.ndarray) -> np.ndarray:
        b = rows.shape[0]
        if self.dense_weights.shape[0]:
            strength = _rows_of(self.dense_strength, rows)
            out = np.asarray(strength @ self.dense_weights, dtype=np.float32)
            if not out.flags.c_contiguous:
                out = np.ascontiguousarray(out)
        else:
            out = np.zeros((b, self.m), np.float32)
        rest = sp.csr_array(_rows_of(self.sparse_strength, rows) @ self.sparse_weights_t)
        if rest.nnz:
            owner = np.repeat(np.arange(b, dtype=np.int64), np.diff(rest.indptr))
            out.ravel()[owner * self.m + rest.indices] += rest.data.astype(np.float32)
        return out


def _rows_of(matrix: sp.csr_array, rows: np.ndarray) -> sp.csr_array:
    """Rows of a CSR matrix; cheaper than SciPy's fancy indexing for small blocks."""
    indptr, indices = _take_rows(matrix.indptr, matrix.indices, rows)
    _, data = _take_rows(matrix.indptr, matrix.data, rows)
    return sp.csr_array((data, indices, indptr), shape=(rows.shape[0], matrix.shape[1]))


def preferred_occupation_match(
    preferred: np.ndarray, occupations: np.ndarray, isco: np.ndarray
) -> np.ndarray:
    """A preferred occupation is met by the same occupation or one in the same ISCO unit group."""
    ip = isco[preferred][:, None]
    io = isco[occupations][None, :]
    return (preferred[:, None] == occupations[None, :]) | ((ip >= 0) & (ip == io))


def _max_over_sets(
    indptr: np.ndarray, ids: np.ndarray, rows: np.ndarray, row_of: np.ndarray, table: np.ndarray
) -> np.ndarray:
    """For each candidate in ``rows``: the element-wise max of ``table`` over its set's rows."""
    out = np.zeros((rows.shape[0], table.shape[1]), np.float32)
    sub_indptr, sub_ids = _take_rows(indptr, ids, rows)
    if sub_ids.size == 0 or table.shape[1] == 0:
        return out
    gathered = table[row_of[sub_ids]]
    lengths = np.diff(sub_indptr)
    nonempty = lengths > 0
    out[nonempty] = np.maximum.reduceat(gathered, sub_indptr[:-1][nonempty], axis=0)
    return out


def _sector_match(
    indptr: np.ndarray, ids: np.ndarray, rows: np.ndarray, sector: np.ndarray
) -> np.ndarray:
    """(b, p) booleans: the opening's sector is among the candidate's preferred sectors."""
    sub_indptr, sub_ids = _take_rows(indptr, ids, rows)
    out = np.zeros((rows.shape[0], sector.shape[0]), bool)
    if sub_ids.size == 0:
        return out
    owner = np.repeat(np.arange(rows.shape[0]), np.diff(sub_indptr))
    hit = sub_ids[:, None] == sector[None, :]
    np.logical_or.at(out, owner, hit)
    return out
