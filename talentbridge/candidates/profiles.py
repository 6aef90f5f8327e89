"""What others may know about a candidate: the scope of candidates a user may see, and the
anonymised profile that employers and matching work with.

``candidate_scope(user)`` is the one answer to "which candidates may this user open"; views,
API, commands and other apps (pipeline, placement) build on it. Employer users are never
in it: they see :func:`anonymised_profile` of candidates who consented to share it, through
the employers and pipeline apps, which check ``privacy.consent`` at the moment of sharing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Membership, Role
from talentbridge.privacy.consent import Purpose, with_consent

from .countries import REGION_LABELS, region_of
from .models import (
    AssessedSkill,
    Assessment,
    Candidate,
    Certificate,
    EducationEntry,
    LanguageSkill,
    WorkExperience,
)
from .standards import ISCED_LEVELS, isced_field_label, language_name

# Roles that work with the candidates of their own projects.
PROJECT_ROLES = (Role.ASSESSOR, Role.BUSINESS_CONSULTANT, Role.PROGRAMME_MANAGER)

AGE_GROUPS = (
    (0, 17, "under 18"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 200, "55+"),
)


def candidate_scope(user) -> QuerySet[Candidate]:
    """The candidates ``user`` may see.

    - administrators (and the operator at the shell): all;
    - assessors, business consultants and programme managers: the candidates of the projects
      their organisations take part in;
    - placement officers: candidates of their projects who consented to the handover;
    - caseworkers: candidates placed in (or coming to) their organisation's municipality who
      consented to the handover;
    - employer users and everybody else: none (employers get anonymised profiles elsewhere).

    A withdrawn handover consent removes the candidate from the last two at once.
    """
    if not getattr(user, "is_authenticated", False):
        return Candidate.objects.none()
    if is_administrator(user):
        return Candidate.objects.all()
    scope = Q(project__in=projects_for(user, roles=PROJECT_ROLES).values("pk"))
    placement_projects = projects_for(user, roles=[Role.PLACEMENT_OFFICER]).values("pk")
    municipalities = Membership.objects.filter(
        user=user, role=Role.CASEWORKER, organisation__municipality__isnull=False
    ).values("organisation__municipality")
    receiving = Candidate.objects.filter(
        Q(project__in=placement_projects) | Q(municipality__in=municipalities)
    )
    handed_over = with_consent(receiving, Purpose.HANDOVER).values("pk")
    return Candidate.objects.filter(scope | Q(pk__in=handed_over))


def age_group(birth_year: int, today: dt.date | None = None) -> str:
    """Five-to-ten-year bands: the age in a profile without the birth date."""
    age = (today or timezone.localdate()).year - birth_year
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def _texts():
    from talentbridge.taxonomy.models import ConceptText

    return ConceptText.objects.only("concept_id", "language", "preferred_label")


def profile_assessments(candidates) -> dict[int, Assessment]:
    """The assessment each candidate's profile shows, by candidate id: the newest signed-off
    version, else the newest draft. A fixed number of queries, for pages of profiles."""
    chosen: dict[int, tuple] = {}
    rows = Assessment.objects.filter(candidate__in=[c.pk for c in candidates]).values_list(
        "candidate_id", "pk", "status", "version"
    )
    for candidate_id, pk, status, version in rows:
        key = (status == Assessment.Status.SIGNED_OFF, version)
        if candidate_id not in chosen or key > chosen[candidate_id][0]:
            chosen[candidate_id] = (key, pk)
    ids = [pk for _, pk in chosen.values()]
    found = Assessment.objects.filter(pk__in=ids).prefetch_related(
        "education",
        "certificates",
        Prefetch(
            "work_experience",
            WorkExperience.objects.select_related("occupation").prefetch_related(
                Prefetch("occupation__texts", _texts())
            ),
        ),
        Prefetch(
            "skills",
            AssessedSkill.objects.select_related("skill").prefetch_related(
                Prefetch("skill__texts", _texts())
            ),
        ),
        "languages",
    )
    return {a.candidate_id: a for a in found}


def profile_assessment(candidate: Candidate) -> Assessment | None:
    """The assessment the candidate's profile shows (see :func:`profile_assessments`)."""
    return profile_assessments([candidate]).get(candidate.pk)


def _education(entry: EducationEntry) -> dict:
    return {
        "isced_level": entry.isced_level,
        "isced_level_label": str(ISCED_LEVELS.get(entry.isced_level, "")),
        "isced_field": entry.isced_field,
        "isced_field_label": isced_field_label(entry.isced_field),
        "years": float(entry.years) if entry.years is not None else None,
        "completed": entry.completed,
        "documents_held": entry.documents_held,
        "recognition": entry.recognition,
        "recognition_label": str(entry.get_recognition_display()),
    }


def _occupation(job: WorkExperience, language: str) -> dict:
    return {
        "uri": job.occupation.uri if job.occupation else None,
        "isco_code": job.occupation.isco_code if job.occupation else "",
        "label": job.occupation.label(language) if job.occupation else job.title,
        "years": float(job.years),
        "last_year": job.last_year,
    }


def _skill(skill: AssessedSkill, language: str) -> dict:
    return {
        "uri": skill.skill.uri,
        "label": skill.skill.label(language),
        "level": skill.level,
        "evidence": skill.evidence,
        "evidence_label": str(skill.get_evidence_display()),
    }


def _language(lang: LanguageSkill) -> dict:
    return {
        "code": lang.language,
        "name": language_name(lang.language),
        "mother_tongue": lang.mother_tongue,
        "level": lang.effective_level(),
        "tested": any([lang.tested_understanding, lang.tested_speaking, lang.tested_writing]),
        "understanding": lang.tested_understanding or lang.self_understanding,
        "speaking": lang.tested_speaking or lang.self_speaking,
        "writing": lang.tested_writing or lang.self_writing,
    }


def _certificate(cert: Certificate) -> dict:
    return {
        "name": cert.name,
        "year": cert.year,
        "skill_uri": cert.skill.uri if cert.skill_id else None,
    }


def _availability(candidate: Candidate, today: dt.date) -> dict:
    allowed = candidate.work_allowed_from
    return {
        "work_allowed_from": allowed.isoformat() if allowed else None,
        "may_work_now": bool(allowed and allowed <= today) and candidate.left_on is None,
        "active": candidate.left_on is None,
    }


_LOOK_UP = object()


def anonymised_profile(
    candidate: Candidate, language: str = "da", assessment: Assessment | None = _LOOK_UP
) -> dict:
    """The candidate's profile without name, contact, birth date, nationality or asylum centre.

    Labels (ESCO concepts, choices) are in ``language``. The caller checks consent
    (``privacy.consent.has_consent(candidate, Purpose.SHARE_ANONYMISED)``) before showing it
    to an employer. ``assessment``, when given (``None`` for none), is the candidate's
    :func:`profile_assessment` already loaded (:func:`profile_assessments` for a page).
    """
    today = timezone.localdate()
    with translation.override(language):
        if assessment is _LOOK_UP:
            assessment = profile_assessment(candidate)
        municipality = candidate.municipality
        region_key = region_of(candidate.nationality)
        profile = {
            "reference": candidate.reference,
            "age_group": age_group(candidate.birth_year, today),
            "gender": candidate.gender,
            "gender_label": str(candidate.get_gender_display()),
            "nationality_region": region_key,
            "nationality_region_label": str(REGION_LABELS.get(region_key, "")),
            "asylum_status": candidate.asylum_status,
            "asylum_status_label": str(candidate.get_asylum_status_display()),
            "municipality": (
                {
                    "code": municipality.code,
                    "name": municipality.name,
                    "region": municipality.region.name,
                }
                if municipality
                else None
            ),
            "availability": _availability(candidate, today),
            "assessment": None,
            "expectations": {},
            "education": [],
            "occupations": [],
            "skills": [],
            "languages": [],
            "digital_level": "",
            "driving_licences": [],
            "certificates": [],
        }
        if assessment is None:
            return profile
        profile.update(
            {
                "assessment": {
                    "version": assessment.version,
                    "status": assessment.status,
                    "signed_off_at": assessment.signed_off_at.isoformat()
                    if assessment.signed_off_at
                    else None,
                },
                "expectations": {
                    "job": assessment.wants_job,
                    "education": assessment.wants_education,
                    "danish_lessons": assessment.wants_danish_lessons,
                    "self_employment": assessment.wants_self_employment,
                    "sectors": list(assessment.preferred_sectors or []),
                    "willing_to_move": assessment.willing_to_move,
                    "max_distance_km": assessment.max_distance_km,
                },
                "education": [_education(e) for e in assessment.education.all()],
                "occupations": [_occupation(j, language) for j in assessment.work_experience.all()],
                "skills": sorted(
                    (_skill(s, language) for s in assessment.skills.all()),
                    key=lambda s: (-s["evidence"], -s["level"], s["label"]),
                ),
                "languages": [_language(lang) for lang in assessment.languages.all()],
                "digital_level": assessment.digital_level,
                "driving_licences": list(assessment.driving_licences or []),
                "certificates": [_certificate(c) for c in assessment.certificates.all()],
            }
        )
    return profile
