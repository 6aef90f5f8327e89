"""The one bridge between the ORM and the matching core.

:func:`load` reads a project's candidates (their newest signed-off assessment), openings and
the bits of ESCO the score needs, and returns a :class:`Population`: the core's arrays, a
:class:`~talentbridge.matching.score.Scorer`, and the maps back from array positions to rows.
Explanations come back as JSON-friendly components and sentences in Danish and English.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from talentbridge.candidates.assessments import DRIVING_LICENCES
from talentbridge.candidates.models import (
    CEFR_ORDER,
    AssessedSkill,
    Assessment,
    Candidate,
    LanguageSkill,
    WorkExperience,
)
from talentbridge.employers.models import Opening, OpeningSkill
from talentbridge.matching.explain import Explanation, explain, sentence
from talentbridge.matching.model import LANGUAGES, NO_DATE, Candidates, Openings, Taxonomy
from talentbridge.matching.score import Scorer
from talentbridge.matching.weights import Weights
from talentbridge.taxonomy.models import Concept, ConceptText, OccupationSkill

from .sectors import LETTERS, section_of_code, sections_of_text

#: Opening kinds in the core's integer coding (bit k of a candidate's preferred kinds).
KINDS = tuple(Opening.Kind.values)
#: Where a candidate without any known municipality is placed (Denmark's geographic centre).
DENMARK_CENTRE = (56.0, 9.5)
#: Willing to move without a stated distance: anywhere in Denmark.
ANYWHERE_KM = 500.0
EPOCH = dt.date(2000, 1, 1)


def day(value: dt.date | None) -> int:
    """A date as the core's day number (NO_DATE for none)."""
    return NO_DATE if value is None else (value - EPOCH).days


def cefr(level: str | None) -> int:
    """A CEFR level ("B1", "pre-A1", "") as the core's code 0-6."""
    return max(CEFR_ORDER.get(level or "", -1), 0)


def project_weights(project) -> Weights:
    """The project's matching weights: ``Project.settings["matching_weights"]`` over the defaults."""
    return Weights.from_mapping((project.settings or {}).get("matching_weights"))


@dataclass
class Population:
    scorer: Scorer
    candidates: list  # Candidate rows, in array order
    openings: list  # Opening rows, in array order
    skill_pks: list[int]  # Concept pk of each skill code
    occupation_pks: list[int]
    assessments: dict[int, int] = field(default_factory=dict)  # candidate pk -> assessment pk
    _labels: dict = field(default_factory=dict, repr=False)

    def candidate_index(self) -> dict[int, int]:
        return {c.pk: i for i, c in enumerate(self.candidates)}

    def opening_index(self) -> dict[int, int]:
        return {o.pk: j for j, o in enumerate(self.openings)}

    def skill_labels(self, codes, language: str) -> dict[int, str]:
        """Labels of skill codes in ``language`` (English, then Danish as fallbacks)."""
        codes = [int(c) for c in codes]
        cache = self._labels.setdefault(language, {})
        missing = [c for c in codes if c not in cache]
        if missing:
            pks = {self.skill_pks[c]: c for c in missing}
            found: dict[int, dict[str, str]] = defaultdict(dict)
            for concept_id, lang, label in ConceptText.objects.filter(
                concept_id__in=list(pks), language__in=[language, "en", "da"]
            ).values_list("concept_id", "language", "preferred_label"):
                found[concept_id][lang] = label
            for pk, code in pks.items():
                texts = found.get(pk, {})
                cache[code] = texts.get(language) or texts.get("en") or texts.get("da") or f"#{pk}"
        return {c: cache[c] for c in codes}

    def explain(self, i: int, j: int) -> tuple[Explanation, dict, str, str]:
        """Explanation of candidate ``i`` for opening ``j``: object, JSON components, da, en."""
        e = explain(self.scorer, i, j)
        codes = e.essential_missing + e.essential_covered + e.optional_covered + e.optional_missing
        licence_labels = {k: name for k, name in enumerate(DRIVING_LICENCES)}
        da = sentence(e, "da", self.skill_labels(codes, "da"), licence_labels)
        en = sentence(e, "en", self.skill_labels(codes, "en"), licence_labels)
        data = e.as_dict()
        for key in (
            "essential_covered",
            "essential_missing",
            "optional_covered",
            "optional_missing",
        ):
            data[key] = [self.skill_pks[c] for c in data[key]]
        data["licence"] = DRIVING_LICENCES[e.licence] if e.licence >= 0 else ""
        return e, data, da, en


def signed_off_assessments(candidate_ids) -> dict[int, int]:
    """Candidate pk -> pk of their newest signed-off assessment."""
    out: dict[int, int] = {}
    rows = (
        Assessment.objects.filter(
            candidate_id__in=candidate_ids, status=Assessment.Status.SIGNED_OFF
        )
        .order_by("candidate_id", "-version")
        .values_list("candidate_id", "pk")
    )
    for candidate_id, pk in rows:
        out.setdefault(candidate_id, pk)
    return out


def matchable_candidates(project):
    """Candidates of ``project`` still in the programme with a signed-off assessment."""
    return Candidate.objects.filter(
        project=project,
        left_on__isnull=True,
        assessments__status=Assessment.Status.SIGNED_OFF,
    ).distinct()


def open_openings(project):
    return Opening.objects.filter(project=project, status=Opening.Status.OPEN)


class _Vocabulary(dict):
    def code(self, key) -> int:
        if key not in self:
            self[key] = len(self)
        return self[key]

    def keys_in_order(self) -> list:
        return [k for k, _ in sorted(self.items(), key=lambda kv: kv[1])]


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(lists) + 1, np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    ids = np.array([v for x in lists for v in x], np.int32)
    return indptr, ids


def _place(candidate: Candidate) -> tuple[float, float]:
    for municipality in (
        candidate.municipality,
        getattr(candidate.asylum_centre, "municipality", None),
        getattr(candidate.organisation, "municipality", None),
    ):
        if municipality is not None:
            return municipality.latitude, municipality.longitude
    return DENMARK_CENTRE


def load(project, *, candidates=None, openings=None, weights: Weights | None = None) -> Population:
    """The project's population as the core's arrays.

    ``candidates`` and ``openings`` are querysets (default: everyone matchable, every open
    opening). Candidates without a signed-off assessment are left out.
    """
    candidate_qs = matchable_candidates(project) if candidates is None else candidates
    opening_qs = open_openings(project) if openings is None else openings
    people = list(
        candidate_qs.select_related(
            "municipality", "asylum_centre__municipality", "organisation__municipality"
        ).order_by("pk")
    )
    assessment_of = signed_off_assessments([c.pk for c in people])
    people = [c for c in people if c.pk in assessment_of]
    posts = list(opening_qs.select_related("site__municipality", "site__employer").order_by("pk"))
    assessment_ids = list(assessment_of.values())
    position = {a: i for i, a in enumerate(assessment_of[c.pk] for c in people)}

    skills, occupations = _Vocabulary(), _Vocabulary()
    occ_lists = [[] for _ in people]
    for a, occupation_id in WorkExperience.objects.filter(
        assessment_id__in=assessment_ids, occupation__isnull=False
    ).values_list("assessment_id", "occupation_id"):
        occ_lists[position[a]].append(occupations.code(occupation_id))
    skill_lists = [[] for _ in people]
    levels, evidence = [[] for _ in people], [[] for _ in people]
    for a, skill_id, level, ev in AssessedSkill.objects.filter(
        assessment_id__in=assessment_ids
    ).values_list("assessment_id", "skill_id", "level", "evidence"):
        i = position[a]
        skill_lists[i].append(skills.code(skill_id))
        levels[i].append(min(max(int(level), 0), 4))
        evidence[i].append(min(max(int(ev) - 1, 0), 3))  # EvidenceLevel 1-4 -> 0-3
    language = np.zeros((len(people), len(LANGUAGES)), np.int8)
    for lang in LanguageSkill.objects.filter(
        assessment_id__in=assessment_ids, language__in=LANGUAGES
    ):
        language[position[lang.assessment_id], LANGUAGES.index(lang.language)] = cefr(
            lang.effective_level()
        )
    details = {
        a["pk"]: a
        for a in Assessment.objects.filter(pk__in=assessment_ids).values(
            "pk",
            "driving_licences",
            "preferred_sectors",
            "willing_to_move",
            "max_distance_km",
            "wants_job",
            "wants_education",
        )
    }
    pref_occ = [[] for _ in people]
    through = Assessment.preferred_occupations.through
    for a, concept_id in through.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "concept_id"
    ):
        pref_occ[position[a]].append(occupations.code(concept_id))

    licence_code = {name: k for k, name in enumerate(DRIVING_LICENCES)}
    sector_code = {letter: k for k, letter in enumerate(LETTERS)}
    n = len(people)
    licences = np.zeros(n, np.int64)
    move_km = np.zeros(n, np.float32)
    kinds = np.zeros(n, np.int64)
    pref_sector = [[] for _ in people]
    for i, c in enumerate(people):
        d = details[assessment_of[c.pk]]
        for name in d["driving_licences"] or []:
            if name in licence_code:
                licences[i] |= 1 << licence_code[name]
        if d["max_distance_km"]:
            move_km[i] = float(d["max_distance_km"])
        elif d["willing_to_move"]:
            move_km[i] = ANYWHERE_KM
        wanted = set()
        if d["wants_job"] and not d["wants_education"]:
            wanted = {"internship", "igu", "wage_subsidy", "job"}
        elif d["wants_education"] and not d["wants_job"]:
            wanted = {"education"}
        for kind in wanted:
            kinds[i] |= 1 << KINDS.index(kind)
        letters = set()
        for text in d["preferred_sectors"] or []:
            letters |= sections_of_text(str(text))
        pref_sector[i] = sorted(sector_code[x] for x in letters)

    # Openings.
    m = len(posts)
    opening_pos = {o.pk: j for j, o in enumerate(posts)}
    ess_lists, opt_lists = [[] for _ in posts], [[] for _ in posts]
    for opening_id, skill_id, essential in OpeningSkill.objects.filter(
        opening_id__in=list(opening_pos)
    ).values_list("opening_id", "skill_id", "essential"):
        (ess_lists if essential else opt_lists)[opening_pos[opening_id]].append(
            skills.code(skill_id)
        )
    occupation = np.array(
        [occupations.code(o.occupation_id) if o.occupation_id else -1 for o in posts], np.int32
    )
    language_min = np.array(
        [[cefr(o.danish_min), cefr(o.english_min)] for o in posts], np.int8
    ).reshape(m, 2)
    language_hard = np.array([[o.danish_hard, o.english_hard] for o in posts], bool).reshape(m, 2)
    licence = np.array(
        [
            licence_code.get(o.driving_licence.strip().upper(), -1) if o.driving_licence else -1
            for o in posts
        ],
        np.int16,
    )
    sector = np.array(
        [sector_code.get(section_of_code(o.site.employer.industry_code) or "", -1) for o in posts],
        np.int32,
    )

    # The taxonomy: ISCO groups of the occupations in use and their essential skills.
    occupation_pks = occupations.keys_in_order()
    isco_of = dict(Concept.objects.filter(pk__in=occupation_pks).values_list("pk", "isco_code"))
    isco = np.array(
        [int(isco_of[pk]) if (isco_of.get(pk) or "").isdigit() else -1 for pk in occupation_pks],
        np.int32,
    )
    ess_rows, ess_cols = [], []
    occupation_row = {pk: k for k, pk in enumerate(occupation_pks)}
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        occupation_id__in=occupation_pks, relation=OccupationSkill.Relation.ESSENTIAL
    ).values_list("occupation_id", "skill_id"):
        ess_rows.append(occupation_row[occupation_id])
        ess_cols.append(skills.code(skill_id))
    n_skills = max(len(skills), 1)
    essential = None
    if ess_rows:
        essential = sp.csr_array(
            (np.ones(len(ess_rows), np.float32), (ess_rows, ess_cols)),
            shape=(len(occupation_pks), n_skills),
        )
    taxonomy = Taxonomy(n_skills=n_skills, occupation_isco=isco, occupation_essential=essential)

    lat_lon = np.array([_place(c) for c in people], np.float64).reshape(n, 2)
    arrays = Candidates(
        occupation_indptr=_csr(occ_lists)[0],
        occupation_ids=_csr(occ_lists)[1],
        skill_indptr=_csr(skill_lists)[0],
        skill_ids=_csr(skill_lists)[1],
        skill_level=np.array([v for x in levels for v in x], np.int8),
        skill_evidence=np.array([v for x in evidence for v in x], np.int8),
        language=language,
        licences=licences,
        work_from=np.array([day(c.work_allowed_from) for c in people], np.int32),
        lat=lat_lon[:, 0],
        lon=lat_lon[:, 1],
        move_km=move_km,
        preferred_occupation_indptr=_csr(pref_occ)[0],
        preferred_occupation_ids=_csr(pref_occ)[1],
        preferred_sector_indptr=_csr(pref_sector)[0],
        preferred_sector_ids=_csr(pref_sector)[1],
        preferred_kinds=kinds,
        keys=[c.pk for c in people],
    )
    opening_arrays = Openings(
        occupation=occupation,
        essential_indptr=_csr(ess_lists)[0],
        essential_ids=_csr(ess_lists)[1],
        optional_indptr=_csr(opt_lists)[0],
        optional_ids=_csr(opt_lists)[1],
        language_min=language_min,
        language_hard=language_hard,
        licence=licence,
        licence_hard=np.array([o.driving_licence_hard for o in posts], bool).reshape(m),
        start=np.array([day(o.starts_on) for o in posts], np.int32),
        lat=np.array([o.site.municipality.latitude for o in posts], np.float64),
        lon=np.array([o.site.municipality.longitude for o in posts], np.float64),
        kind=np.array([KINDS.index(o.kind) if o.kind in KINDS else -1 for o in posts], np.int8),
        sector=sector,
        capacity=np.array([o.capacity for o in posts], np.int64),
        keys=[o.pk for o in posts],
    )
    scorer = Scorer(arrays, opening_arrays, taxonomy, weights or project_weights(project))
    return Population(scorer, people, posts, skills.keys_in_order(), occupation_pks, assessment_of)


def load_for_candidate(candidate):
    """:func:`load` of one candidate against the open openings of their project."""
    return load(candidate.project, candidates=Candidate.objects.filter(pk=candidate.pk))
