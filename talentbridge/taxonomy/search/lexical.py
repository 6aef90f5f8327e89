"""The lexical layer: character n-gram TF-IDF over every label, re-scored with edit distance.

Each label form (already normalised by :mod:`talentbridge.taxonomy.text`) becomes a sparse
vector of its character 3-grams (each word padded, ``<svejs>``) and its whole words, with
TF-IDF weights, L2-normalised. A query variant is scored against all forms with one sparse
product (only the columns of the query's features are touched); the best few hundred forms
are then re-scored with an edit-distance ratio (rapidfuzz), which is what makes typos
("svejsr", "wleder") and prefixes typed so far ("svej") rank well.

Pure NumPy/SciPy/rapidfuzz, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Indel
from scipy import sparse

CANDIDATES = 100
# Spelling corrections are tried only when the best label matched less than this.
CORRECT_BELOW = 0.8
CORRECTED = 0.85
SUPPORT = 0.1


def features(form: str) -> list[str]:
    """Character 3-grams of each padded word, and the words themselves.

    >>> features("kok")
    ['<ko', 'kok', 'ok>', 'w:kok']
    """
    out: list[str] = []
    for word in form.split():
        padded = f"<{word}>"
        out.extend(padded[i : i + 3] for i in range(len(padded) - 2))
        out.append("w:" + word)
    return out


class LexicalIndex:
    """Scores label forms against query forms.

    Parameters
    ----------
    forms
        Normalised label forms.
    owners
        For each form, the position of its concept.
    weights
        For each form, a factor in (0, 1]: preferred labels 1, alternative labels a little
        less, so that a concept found by its preferred label wins a tie.

    Examples
    --------
    >>> index = LexicalIndex(["svejs", "kok", "weld"], np.array([0, 1, 2]), np.ones(3))
    >>> best = index.scores(["svejs"])
    >>> max(best, key=best.get)
    0
    """

    def __init__(self, forms: list[str], owners: np.ndarray, weights: np.ndarray):
        if len(forms) != len(owners) or len(forms) != len(weights):
            raise ValueError("forms, owners and weights must have the same length")
        self.forms = forms
        self.owners = np.asarray(owners, dtype=np.int32)
        self.weights = np.asarray(weights, dtype=np.float32)
        vocabulary: dict[str, int] = {}
        # Forms share their words: compute each word's feature columns once.
        word_columns: dict[str, list[int]] = {}
        indptr, indices = [0], []
        for form in forms:
            for word in form.split():
                columns = word_columns.get(word)
                if columns is None:
                    columns = [vocabulary.setdefault(f, len(vocabulary)) for f in features(word)]
                    word_columns[word] = columns
                indices.extend(columns)
            indptr.append(len(indices))
        counts = [1.0] * len(indices)
        self.vocabulary = vocabulary
        # The words of all labels, for spelling corrections of unknown query words.
        self.words_by_length: dict[int, list[str]] = {}
        for feature in vocabulary:
            if feature.startswith("w:"):
                self.words_by_length.setdefault(len(feature) - 2, []).append(feature[2:])
        n = max(len(forms), 1)
        matrix = sparse.csr_matrix(
            (
                np.asarray(counts, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(forms), len(vocabulary)),
        )
        matrix.sum_duplicates()  # a feature twice in a form: one entry with count 2
        df = np.bincount(matrix.indices, minlength=len(vocabulary)).astype(np.float32)
        self.idf = (np.log((n + 1) / (df + 1)) + 1).astype(np.float32)
        matrix = matrix.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        matrix = sparse.diags(1 / norms) @ matrix
        # Columns are what a query touches: keep the transpose in CSR (rows = features).
        self.by_feature = sparse.csr_matrix(matrix.T, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.forms)

    def _vector(self, form: str) -> tuple[np.ndarray, np.ndarray]:
        counts: dict[int, float] = {}
        for feature in features(form):
            column = self.vocabulary.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0.0) + 1.0
        if not counts:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        columns = np.fromiter(counts, dtype=np.int32, count=len(counts))
        values = (
            np.fromiter(counts.values(), dtype=np.float32, count=len(counts)) * self.idf[columns]
        )
        # Normalise by the full query (unknown features count too: "xyzkok" is not "kok").
        total = features(form)
        unknown = len(total) - int(sum(counts.values()))
        norm = math.sqrt(float(values @ values) + unknown * float(self.idf.max()) ** 2)
        return columns, values / norm

    def cosine(self, form: str) -> np.ndarray:
        """TF-IDF cosine of ``form`` with every label form (dense, one value per form)."""
        columns, values = self._vector(form)
        if not len(columns):
            return np.zeros(len(self.forms), dtype=np.float32)
        return np.asarray(self.by_feature[columns].T @ values).ravel()

    def corrections(self, form: str) -> list[str]:
        """The form with each word the labels do not have replaced by the closest word they do
        have ("wleder" → "welder"), or [] when every word is known or none is close."""
        words = form.split()
        changed = False
        for i, word in enumerate(words):
            if len(word) < 4 or not word.isascii() or "w:" + word in self.vocabulary:
                continue
            # Only words of about the same length can be within the cut-off: fewer to compare.
            pool = [
                w
                for n in range(len(word) - 2, len(word) + 3)
                for w in self.words_by_length.get(n, ())
            ]
            found = process.extract(
                word,
                pool,
                scorer=DamerauLevenshtein.normalized_similarity,
                score_cutoff=0.75,
                limit=8,
            )
            if found:
                # Among equally close words, prefer one that starts alike and is as long.
                best = max(
                    found,
                    key=lambda f: (round(f[1], 3), f[0][0] == word[0], -abs(len(f[0]) - len(word))),
                )
                words[i] = best[0]
                changed = True
        return [" ".join(words)] if changed else []

    def _score_variant(
        self,
        variant: str,
        limit: int,
        best: dict[int, float],
        support: dict[int, float],
        factor: float = 1.0,
    ) -> None:
        cos = self.cosine(variant)
        k = min(limit, len(cos))
        if k == 0:
            return
        top = np.argpartition(-cos, k - 1)[:k] if k < len(cos) else np.arange(len(cos))
        top = top[cos[top] > 0]
        if not len(top):
            return
        forms = [self.forms[i] for i in top]
        ratio = process.cdist(
            [variant], forms, scorer=Indel.normalized_similarity, dtype=np.float32
        )[0]
        # A query typed so far ("svej") is the beginning of a longer label ("svejs").
        typed_so_far = np.fromiter(
            (len(f) > len(variant) + 2 and f.startswith(variant) for f in forms), bool, len(forms)
        )
        ratio = np.where(typed_so_far, np.maximum(ratio, 0.85), ratio)
        scores = (0.5 * cos[top] + 0.5 * ratio) * self.weights[top] * factor
        for owner, score in zip(self.owners[top].tolist(), scores.tolist(), strict=True):
            if score > best.get(owner, 0.0):
                best[owner] = score
            support[owner] = support.get(owner, 0.0) + score

    def scores(self, variants: Iterable[str], limit: int = CANDIDATES) -> dict[int, float]:
        """Best score per concept over the query's variants: ``{concept position: score}``.

        The score mixes the TF-IDF cosine with an edit-distance ratio of the whole form (or
        of its beginning, for a query typed so far), times the label's weight. When no label
        matches well, unknown words are replaced by the closest known ones and tried again.
        """
        variants = [v for v in variants if v]
        best: dict[int, float] = {}
        support: dict[int, float] = {}
        for variant in variants:
            self._score_variant(variant, limit, best, support)
        if variants and max(best.values(), default=0.0) < CORRECT_BELOW:
            # A corrected word is a guess ("rengøring" is no misspelt "render"): count it less.
            for variant in self.corrections(variants[0]):
                self._score_variant(variant, limit, best, support, CORRECTED)
        # Several labels of one concept matching is evidence too ("nurse" is in seven labels of
        # "nurse responsible for general care"): a small bonus that breaks near-ties.
        return {o: s + SUPPORT * min(support[o] - s, 3.0) / 3.0 for o, s in best.items()}
