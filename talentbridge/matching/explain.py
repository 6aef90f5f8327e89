"""Why a candidate scores what they score for an opening: components, and a plain sentence.

:func:`explain` recomputes one pair with the same component functions the fast scorer uses
and returns the structured :class:`Explanation`; :func:`sentence` turns it into a short
sentence in Danish or English, with the skill and licence labels given by the caller (the
core knows only integer codes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import components as comp
from .geo import haversine_km
from .model import CEFR, LANGUAGES, NO_DATE
from .score import Scorer, preferred_occupation_match
from .weights import COMPONENTS


@dataclass
class LanguageCheck:
    language: str  # ISO 639-1 code
    level: int  # candidate's CEFR code
    minimum: int  # opening's CEFR code
    hard: bool
    met: bool


@dataclass
class Explanation:
    """The score of one candidate for one opening, taken apart.

    ``components`` hold each component's value in [0, 1]; ``applies`` says which count for
    this opening; ``contributions`` are ``weight * value / norm`` so that they add up to
    ``score``. An excluded pair has ``score`` None and its ``reasons`` (codes such as
    ``"language:da"``, ``"licence"``, ``"distance"``, ``"availability"``, ``"essential"``).
    """

    candidate: int
    opening: int
    score: float | None
    reasons: list[str]
    components: dict[str, float]
    applies: dict[str, bool]
    contributions: dict[str, float]
    occupation_level: str
    essential_covered: list[int]
    essential_missing: list[int]
    optional_covered: list[int]
    optional_missing: list[int]
    languages: list[LanguageCheck]
    licence: int  # licence code asked for, -1 for none
    licence_hard: bool
    licence_held: bool
    distance_km: float
    radius_km: float
    days_late: int | None  # None: date work is allowed unknown or no start date
    preferences_stated: int
    preferences_met: int
    extra: dict = field(default_factory=dict)

    @property
    def excluded(self) -> bool:
        return self.score is None

    def as_dict(self) -> dict:
        """JSON-friendly components for storing with a match."""
        return {
            "score": self.score,
            "reasons": list(self.reasons),
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "applies": dict(self.applies),
            "contributions": {k: round(v, 4) for k, v in self.contributions.items()},
            "occupation_level": self.occupation_level,
            "essential_covered": self.essential_covered,
            "essential_missing": self.essential_missing,
            "optional_covered": self.optional_covered,
            "optional_missing": self.optional_missing,
            "languages": [vars(x) for x in self.languages],
            "licence": self.licence,
            "licence_hard": self.licence_hard,
            "licence_held": self.licence_held,
            "distance_km": round(self.distance_km, 1),
            "radius_km": round(self.radius_km, 1),
            "days_late": self.days_late,
            "preferences_stated": self.preferences_stated,
            "preferences_met": self.preferences_met,
        }


def explain(scorer: Scorer, i: int, j: int) -> Explanation:
    """Explain the score of candidate ``i`` for opening ``j``.

    Parameters
    ----------
    scorer : Scorer
        The scorer holding the candidates, openings, taxonomy and weights.
    i : int
        Candidate index, ``0 <= i < scorer.candidates.n``.
    j : int
        Opening index, ``0 <= j < scorer.openings.m``.

    Returns
    -------
    Explanation
        The score (``-inf`` when ``excluded`` lists a failed hard requirement), each
        component's value, and the facts behind them (skills covered and missing, language
        checks, licence, distance, days late, preferences).

    Raises
    ------
    ValueError
        If ``i`` or ``j`` is out of range.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(20, 10, seed=5)
    >>> s = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    >>> e = explain(s, 0, 0)
    >>> e.excluded or abs(e.score - float(s.scores([0])[0, 0])) < 1e-5
    True
    """
    c, o, w, t = scorer.candidates, scorer.openings, scorer.weights, scorer.taxonomy
    if not 0 <= int(i) < c.n:
        raise ValueError(f"candidate index {i} out of range (0..{c.n - 1})")
    if not 0 <= int(j) < o.m:
        raise ValueError(f"opening index {j} out of range (0..{o.m - 1})")
    i, j = int(i), int(j)
    rows, cols = np.array([i]), np.array([j])
    reasons: list[str] = []
    values: dict[str, float] = {}

    # Occupation.
    occs = c.occupations_of(i)
    level_name = "none"
    values["occupation"] = 0.0
    if o.occupation[j] >= 0 and occs.size:
        value, level = comp.occupation_relation(
            occs, o.occupation[cols], t.occupation_isco, t.occupation_essential, w
        )
        best = int(np.lexsort((level[:, 0], value[:, 0]))[-1])
        values["occupation"] = float(value[best, 0])
        level_name = comp.OCCUPATION_LEVELS[int(level[best, 0])]

    # Skills.
    strength_row = scorer.strength[[i]]
    held = dict(
        zip(
            strength_row.indices.tolist(),
            strength_row.data.astype(np.float64).tolist(),
            strict=True,
        )
    )
    essential = scorer.essential[[j]].indices.tolist()
    optional = scorer.optional[[j]].indices.tolist()
    values["essential"] = (
        sum(held.get(s, 0.0) for s in essential) / len(essential) if essential else 1.0
    )
    values["optional"] = (
        sum(held.get(s, 0.0) for s in optional) / len(optional) if optional else 1.0
    )
    if (
        w.min_essential_coverage > 0
        and essential
        and values["essential"] < w.min_essential_coverage - 1e-6
    ):
        reasons.append("essential")

    # Languages.
    lfit, lok, lapp = comp.language_fit(
        c.language[rows], o.language_min[cols], o.language_hard[cols], w
    )
    values["language"] = float(lfit[0, 0])
    checks = []
    for k, lang in enumerate(LANGUAGES):
        minimum = int(o.language_min[j, k])
        if minimum > 0:
            level = int(c.language[i, k])
            hard = bool(o.language_hard[j, k])
            checks.append(LanguageCheck(lang, level, minimum, hard, level >= minimum))
            if hard and level < minimum:
                reasons.append(f"language:{lang}")

    # Licence.
    cfit, cok, capp = comp.licence_fit(c.licences[rows], o.licence[cols], o.licence_hard[cols])
    values["licence"] = float(cfit[0, 0])
    if not cok[0, 0]:
        reasons.append("licence")

    # Availability.
    afit, aok, aapp, late = comp.availability_fit(c.work_from[rows], o.start[cols], w)
    values["availability"] = float(afit[0, 0])
    if not aok[0, 0]:
        reasons.append("availability")

    # Distance.
    km = np.array([[haversine_km(c.lat[i], c.lon[i], o.lat[j], o.lon[j])]], np.float32)
    dfit, dok = comp.distance_fit(km, c.move_km[rows], w)
    values["distance"] = float(dfit[0, 0])
    if not dok[0, 0]:
        reasons.append("distance")

    # Preferences.
    stated = scorer.stated_preferences(rows)
    preferred = c.preferred_occupation_ids[
        c.preferred_occupation_indptr[i] : c.preferred_occupation_indptr[i + 1]
    ]
    occ_match = np.array(
        [
            [
                bool(
                    o.occupation[j] >= 0
                    and preferred.size
                    and preferred_occupation_match(
                        preferred, o.occupation[cols], t.occupation_isco
                    ).any()
                )
            ]
        ]
    )
    sectors = c.preferred_sector_ids[
        c.preferred_sector_indptr[i] : c.preferred_sector_indptr[i + 1]
    ]
    sector_match = np.array([[bool(o.sector[j] >= 0 and (sectors == o.sector[j]).any())]])
    kind_match = np.array(
        [[bool(o.kind[j] >= 0 and (int(c.preferred_kinds[i]) >> int(o.kind[j])) & 1)]]
    )
    values["preference"] = float(
        comp.preference_fit(occ_match, sector_match, kind_match, stated, w)[0, 0]
    )
    met = int(
        (occ_match[0, 0] and stated[0, 0])
        + (sector_match[0, 0] and stated[0, 1])
        + (kind_match[0, 0] and stated[0, 2])
    )

    applies = {name: bool(scorer.applies[name][j] > 0) for name in COMPONENTS}
    weights = w.component_weights()
    norm = sum(weights[k] for k in COMPONENTS if applies[k]) or 1.0
    contributions = {k: (weights[k] * values[k] / norm if applies[k] else 0.0) for k in COMPONENTS}
    score = None if reasons else float(sum(contributions.values()))
    days = int(late[0, 0])
    return Explanation(
        candidate=i,
        opening=j,
        score=score,
        reasons=reasons,
        components=values,
        applies=applies,
        contributions=contributions,
        occupation_level=level_name,
        essential_covered=[s for s in essential if s in held],
        essential_missing=[s for s in essential if s not in held],
        optional_covered=[s for s in optional if s in held],
        optional_missing=[s for s in optional if s not in held],
        languages=checks,
        licence=int(o.licence[j]),
        licence_hard=bool(o.licence_hard[j]),
        licence_held=bool(cfit[0, 0] > 0),
        distance_km=float(km[0, 0]),
        radius_km=float(comp.radius_km(c.move_km[rows], w)[0]),
        days_late=None if days < 0 or o.start[j] == NO_DATE else days,
        preferences_stated=int(stated[0].sum()),
        preferences_met=met,
    )


_TEXT = {
    "en": {
        "same_occupation": "same occupation",
        "same_unit_group": "same ISCO-08 unit group",
        "same_minor_group": "same ISCO-08 minor group",
        "same_sub_major_group": "same ISCO-08 sub-major group",
        "related": "related occupation (shared essential skills)",
        "covers_all": "covers all {total} essential skills",
        "covers": "covers {covered} of {total} essential skills",
        "missing": " (missing: {labels})",
        "optional": "{covered} of {total} optional skills",
        "language_met": "{language} {level} meets {minimum}",
        "language_soft": "{language} {level} below {minimum}",
        "language_hard": "{language} {level} below {minimum} (required)",
        "languages": {"da": "Danish", "en": "English"},
        "none": "none",
        "licence_held": "has licence {label}",
        "licence_missing": "no licence {label}",
        "licence_missing_hard": "no licence {label} (required)",
        "on_time": "can start on time",
        "late": "can start {days} days after the start",
        "unknown_date": "date work is allowed unknown",
        "km": "{km} km",
        "km_far": "{km} km (beyond {radius} km)",
        "preferences": "meets {met} of {stated} stated preferences",
        "excluded": "excluded: ",
        "too_late": "starts too late",
        "essential_low": "too few essential skills",
    },
    "da": {
        "same_occupation": "samme stilling",
        "same_unit_group": "samme ISCO-08-gruppe (4 cifre)",
        "same_minor_group": "samme ISCO-08-gruppe (3 cifre)",
        "same_sub_major_group": "samme ISCO-08-gruppe (2 cifre)",
        "related": "beslægtet stilling (fælles nødvendige færdigheder)",
        "covers_all": "dækker alle {total} nødvendige færdigheder",
        "covers": "dækker {covered} af {total} nødvendige færdigheder",
        "missing": " (mangler: {labels})",
        "optional": "{covered} af {total} valgfrie færdigheder",
        "language_met": "{language} {level} opfylder {minimum}",
        "language_soft": "{language} {level} under {minimum}",
        "language_hard": "{language} {level} under {minimum} (krav)",
        "languages": {"da": "dansk", "en": "engelsk"},
        "none": "intet",
        "licence_held": "har kørekort {label}",
        "licence_missing": "mangler kørekort {label}",
        "licence_missing_hard": "mangler kørekort {label} (krav)",
        "on_time": "kan starte til tiden",
        "late": "kan starte {days} dage efter start",
        "unknown_date": "dato for arbejdstilladelse ukendt",
        "km": "{km} km",
        "km_far": "{km} km (over {radius} km)",
        "preferences": "opfylder {met} af {stated} ønsker",
        "excluded": "udelukket: ",
        "too_late": "kan først starte for sent",
        "essential_low": "for få nødvendige færdigheder",
    },
}


def sentence(
    explanation: Explanation,
    language: str = "en",
    skill_labels: Mapping[int, str] | None = None,
    licence_labels: Mapping[int, str] | None = None,
    max_missing: int = 3,
) -> str:
    """A short plain sentence for an explanation, in ``"en"`` or ``"da"``.

    ``skill_labels`` and ``licence_labels`` map the integer codes to labels in that language;
    a code without a label is shown as ``#code``.

    Parameters
    ----------
    explanation : Explanation
        What :func:`explain` returned.
    language : {"en", "da"}
        The language of the sentence.
    skill_labels : mapping of int to str, optional
        Labels of the skill codes (missing skills are named).
    licence_labels : mapping of int to str, optional
        Labels of the licence codes.
    max_missing : int
        At most this many missing skills are named; the rest are counted.

    Returns
    -------
    str
        The parts (skills, languages, licence, start, distance, preferences, exclusion)
        joined by ``"; "``.

    Examples
    --------
    >>> e = Explanation(0, 0, 0.7, [], {}, {"essential": True}, {}, "none", [1, 2, 3, 4], [9], [], [],
    ...                 [LanguageCheck("da", 2, 2, True, True)], -1, False, True, 35.2, 100.0, 0, 0, 0)
    >>> sentence(e, "en", {9: "forklift operation"})
    'covers 4 of 5 essential skills (missing: forklift operation); Danish A2 meets A2; 35 km'
    >>> sentence(e, "da", {9: "truckkørsel"})
    'dækker 4 af 5 nødvendige færdigheder (mangler: truckkørsel); dansk A2 opfylder A2; 35 km'
    """
    if language not in _TEXT:
        raise ValueError(f"language must be one of {sorted(_TEXT)}, got {language!r}")
    text = _TEXT[language]
    skill_labels = skill_labels or {}
    licence_labels = licence_labels or {}
    e = explanation
    parts: list[str] = []
    if e.occupation_level != "none":
        parts.append(text[e.occupation_level])
    total = len(e.essential_covered) + len(e.essential_missing)
    if total:
        if e.essential_missing:
            piece = text["covers"].format(covered=len(e.essential_covered), total=total)
            shown = [skill_labels.get(s, f"#{s}") for s in e.essential_missing[:max_missing]]
            if len(e.essential_missing) > max_missing:
                shown.append("…")
            piece += text["missing"].format(labels=", ".join(shown))
        else:
            piece = text["covers_all"].format(total=total)
        parts.append(piece)
    optional_total = len(e.optional_covered) + len(e.optional_missing)
    if optional_total:
        parts.append(text["optional"].format(covered=len(e.optional_covered), total=optional_total))
    for check in e.languages:
        key = "language_met" if check.met else ("language_hard" if check.hard else "language_soft")
        parts.append(
            text[key].format(
                language=text["languages"].get(check.language, check.language),
                level=CEFR[check.level] if check.level else text["none"],
                minimum=CEFR[check.minimum],
            )
        )
    if e.licence >= 0:
        label = licence_labels.get(e.licence, f"#{e.licence}")
        key = (
            "licence_held"
            if e.licence_held
            else ("licence_missing_hard" if e.licence_hard else "licence_missing")
        )
        parts.append(text[key].format(label=label))
    if e.applies.get("availability", False):
        if e.days_late is None:
            parts.append(text["unknown_date"])
        elif e.days_late == 0:
            parts.append(text["on_time"])
        else:
            parts.append(text["late"].format(days=e.days_late))
    km = int(round(e.distance_km))
    if e.distance_km > e.radius_km:
        parts.append(text["km_far"].format(km=km, radius=int(round(e.radius_km))))
    else:
        parts.append(text["km"].format(km=km))
    if e.preferences_stated:
        parts.append(text["preferences"].format(met=e.preferences_met, stated=e.preferences_stated))
    if "availability" in e.reasons:
        parts.append(text["too_late"])
    if "essential" in e.reasons:
        parts.append(text["essential_low"])
    result = "; ".join(parts)
    if e.excluded:
        result = text["excluded"] + result
    return result
