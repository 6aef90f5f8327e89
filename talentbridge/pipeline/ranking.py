"""Ranked lists both ways, as the pages and the API show them.

Each list is computed live from the current records (``bridge.load``), merged with the
matches already recorded, and every candidate shown is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from talentbridge.candidates.consents import revealed_identity
from talentbridge.candidates.models import Candidate
from talentbridge.candidates.profiles import anonymised_profile, profile_assessments
from talentbridge.employers.models import Opening
from talentbridge.matching.rank import top_candidates, top_openings
from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, with_consent

from . import access, bridge
from .models import Match


@dataclass
class Row:
    candidate: Candidate
    opening: Opening
    score: float | None
    explanation: str
    components: dict
    match: Match | None = None
    profile: dict | None = None  # anonymised profile (employer view)
    identity: dict | None = None  # name, when the candidate revealed it to this employer

    @property
    def excluded(self) -> bool:
        return self.score is None


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "da")[:2]


def candidates_for_opening(
    user, opening: Opening, *, k: int = 20, language: str | None = None
) -> list[Row]:
    """The best candidates for ``opening`` with why, as ``user`` may see them.

    Staff see references, scores and explanations; employer users see the same ranking
    limited to candidates who share an anonymised profile, as anonymised profiles, with a
    name only where the candidate revealed it to the company and was presented.
    """
    opening, mode = access.opening_view(user, opening.pk)
    language = _language(language)
    candidates = bridge.matchable_candidates(opening.project)
    if mode == "staff":
        candidates = candidates.filter(pk__in=access.candidates_for(user).values("pk"))
    else:
        candidates = with_consent(candidates, Purpose.SHARE_ANONYMISED)
    population = bridge.load(
        opening.project, candidates=candidates, openings=Opening.objects.filter(pk=opening.pk)
    )
    matches = {m.candidate_id: m for m in Match.objects.filter(opening=opening)}
    rows: list[Row] = []
    if population.candidates:
        top = top_candidates(population.scorer, k)
        for i in top.index[0][top.index[0] >= 0].tolist():
            candidate = population.candidates[i]
            _, components, da, en = population.explain(i, 0)
            rows.append(
                Row(
                    candidate,
                    opening,
                    components["score"],
                    da if language == "da" else en,
                    components,
                    matches.get(candidate.pk),
                )
            )
    if mode == "employer":
        employer = opening.site.employer
        assessments = profile_assessments([row.candidate for row in rows])
        for row in rows:
            row.profile = anonymised_profile(
                row.candidate, language, assessments.get(row.candidate.pk)
            )
            if row.match is not None and row.match.status in Match.PRESENTED_STATUSES:
                row.identity = revealed_identity(user, row.candidate, employer)
    audit.record_many(
        user,
        audit.AuditEvent.Action.READ,
        [r.candidate for r in rows],
        detail={
            "opening": opening.pk,
            "view": "ranking" if mode == "staff" else "ranking-anonymised",
        },
    )
    return rows


def openings_for_candidate(
    user, candidate: Candidate, *, k: int = 20, language: str | None = None, population=None
) -> list[Row]:
    """The best open openings of the candidate's project for ``candidate``, with why.

    ``population`` is :func:`bridge.load_for_candidate` already loaded by the caller."""
    candidate = access.get_candidate_or_404(user, candidate.reference)
    language = _language(language)
    population = population or bridge.load_for_candidate(candidate)
    rows: list[Row] = []
    if population.candidates and population.openings:
        matches = {m.opening_id: m for m in Match.objects.filter(candidate=candidate)}
        top = top_openings(population.scorer, k)
        for j in top.index[0][top.index[0] >= 0].tolist():
            opening = population.openings[j]
            _, components, da, en = population.explain(0, j)
            rows.append(
                Row(
                    candidate,
                    opening,
                    components["score"],
                    da if language == "da" else en,
                    components,
                    matches.get(opening.pk),
                )
            )
    audit.record(user, audit.AuditEvent.Action.READ, candidate, detail={"view": "ranked openings"})
    return rows


def pair(opening: Opening, candidate: Candidate):
    """Score, components and sentences of one pair (None when the candidate has no
    signed-off assessment)."""
    population = bridge.load(
        opening.project,
        candidates=Candidate.objects.filter(pk=candidate.pk),
        openings=Opening.objects.filter(pk=opening.pk),
    )
    if not population.candidates:
        return None
    _, components, da, en = population.explain(0, 0)
    return components, da, en
