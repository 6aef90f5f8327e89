"""Find a person who is already registered, perhaps at another asylum centre.

Three signals, strongest first:

1. the same immigration case number;
2. the same name (ignoring case, accents and punctuation) and the same date of birth;
3. a similar name — transliterations differ (Mohammed, Muhammad, Mohamad) — with the same
   year of birth and nationality. Similarity is rapidfuzz's token-sort ratio on the name and
   on its consonant skeleton, whichever is higher.

The search runs over all candidates, not just the assessor's projects, because the point is
to catch a registration at another centre; what the assessor is shown about a match
outside their scope is limited to its reference and responsible organisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .models import Candidate, PersonalDetails

SIMILAR_NAME_THRESHOLD = 85.0
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    letters = re.sub(r"[^\w\s]", " ", letters.casefold())
    return " ".join(letters.replace("_", " ").split())


def skeleton(name: str) -> str:
    """Consonants only, doubled letters collapsed: 'mohammed' → 'mhmd', 'muhammad' → 'mhmd'."""
    words = []
    for word in normalise_name(name).split():
        word = _REPEATS.sub(r"\1", word)
        stripped = word[0] + _VOWELS.sub("", word[1:]) if word else word
        words.append(_REPEATS.sub(r"\1", stripped))
    return " ".join(words)


def name_similarity(a: str, b: str) -> float:
    return max(
        fuzz.token_sort_ratio(normalise_name(a), normalise_name(b)),
        fuzz.token_sort_ratio(skeleton(a), skeleton(b)),
    )


def normalise_case_number(value: str) -> str:
    return re.sub(r"[\s\-/.]", "", value or "").upper()


@dataclass
class DuplicateMatch:
    candidate: Candidate
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0

    def as_dict(self, *, full: bool) -> dict:
        data = {
            "reference": self.candidate.reference,
            "organisation": self.candidate.organisation.name,
            "reasons": self.reasons,
            "score": round(self.score, 1),
        }
        if full:
            data["asylum_centre"] = (
                self.candidate.asylum_centre.name if self.candidate.asylum_centre else ""
            )
            data["project"] = self.candidate.project.code
        return data


def find_duplicates(
    *,
    first_name: str,
    last_name: str,
    birth_year: int | None,
    nationality: str = "",
    date_of_birth=None,
    case_number: str = "",
    exclude_pk: int | None = None,
) -> list[DuplicateMatch]:
    """Candidates who may be the same person, best match first."""
    full_name = f"{first_name} {last_name}"
    matches: dict[int, DuplicateMatch] = {}

    def hit(details: PersonalDetails, reason: str, score: float) -> None:
        match = matches.setdefault(details.candidate_id, DuplicateMatch(details.candidate))
        if reason not in match.reasons:
            match.reasons.append(reason)
        match.score = max(match.score, score)

    base = PersonalDetails.objects.select_related(
        "candidate__organisation", "candidate__asylum_centre", "candidate__project"
    )
    if exclude_pk is not None:
        base = base.exclude(candidate_id=exclude_pk)
    wanted_case = normalise_case_number(case_number)
    if wanted_case:
        # Case numbers are stored normalised (see ``registry``), so this is an index lookup.
        for details in base.filter(case_number=wanted_case):
            hit(details, "case_number", 100.0)
    if date_of_birth:
        wanted = normalise_name(full_name)
        for details in base.filter(date_of_birth=date_of_birth):
            if normalise_name(f"{details.first_name} {details.last_name}") == wanted:
                hit(details, "name_and_birth_date", 100.0)
    if birth_year:
        similar = base.filter(candidate__birth_year=birth_year)
        if nationality:
            similar = similar.filter(candidate__nationality=nationality.upper())
        for details in similar:
            score = name_similarity(full_name, f"{details.first_name} {details.last_name}")
            if score >= SIMILAR_NAME_THRESHOLD:
                hit(details, "similar_name", score)
    return sorted(
        matches.values(), key=lambda m: (-len(m.reasons), -m.score, m.candidate.reference)
    )
