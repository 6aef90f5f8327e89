"""An assessment as plain data (API output, the handover file) and the ESCO skills its named
occupations offer to confirm."""

from __future__ import annotations

from talentbridge.taxonomy.models import OccupationSkill

from .models import Assessment


def occupation_skill_offers(assessment: Assessment, language: str | None = None) -> list[dict]:
    """For each ESCO occupation named in the work experience: its essential and optional
    skills that are not yet in the assessment (empty when the relations are not loaded)."""
    have = set(assessment.skills.values_list("skill_id", flat=True))
    offers = []
    seen: set[int] = set()
    for job in assessment.work_experience.select_related("occupation").exclude(occupation=None):
        if job.occupation_id in seen:
            continue
        seen.add(job.occupation_id)
        relations = (
            OccupationSkill.objects.filter(occupation_id=job.occupation_id)
            .exclude(skill_id__in=have)
            .select_related("skill")
            .prefetch_related("skill__texts")
            .order_by("relation", "skill__uri")
        )
        essential, optional = [], []
        for rel in relations:
            item = {"uri": rel.skill.uri, "label": rel.skill.label(language)}
            (essential if rel.relation == OccupationSkill.Relation.ESSENTIAL else optional).append(
                item
            )
        if essential or optional:
            essential.sort(key=lambda s: s["label"].casefold())
            optional.sort(key=lambda s: s["label"].casefold())
            offers.append(
                {
                    "occupation": job.occupation,
                    "label": job.occupation.label(language),
                    "essential": essential,
                    "optional": optional,
                }
            )
    return offers


def relations_loaded() -> bool:
    return OccupationSkill.objects.exists()


def as_dict(assessment: Assessment, language: str | None = None) -> dict:
    """All sections as plain data (API output and the handover file)."""

    def uri(concept):
        return concept.uri if concept is not None else None

    return {
        "version": assessment.version,
        "status": assessment.status,
        "assessor": assessment.assessor.get_username() if assessment.assessor else None,
        "interpreter_language": assessment.interpreter_language,
        "assessed_on": assessment.assessed_on.isoformat() if assessment.assessed_on else None,
        "signed_off_at": assessment.signed_off_at.isoformat() if assessment.signed_off_at else None,
        "signed_off_by": assessment.signed_off_by.get_username()
        if assessment.signed_off_by
        else None,
        "imported_from": assessment.imported_from,
        "personal_situation": assessment.personal_situation,
        "expectations": {
            "wants_job": assessment.wants_job,
            "wants_education": assessment.wants_education,
            "wants_danish_lessons": assessment.wants_danish_lessons,
            "wants_self_employment": assessment.wants_self_employment,
            "preferred_sectors": list(assessment.preferred_sectors or []),
            "preferred_occupations": [c.uri for c in assessment.preferred_occupations.all()],
            "willing_to_move": assessment.willing_to_move,
            "max_distance_km": assessment.max_distance_km,
            "note": assessment.expectations_note,
        },
        "education": [
            {
                "id": e.pk,
                "isced_level": e.isced_level,
                "isced_field": e.isced_field,
                "title": e.title,
                "country": e.country,
                "years": float(e.years) if e.years is not None else None,
                "completed": e.completed,
                "documents_held": e.documents_held,
                "recognition": e.recognition,
            }
            for e in assessment.education.all()
        ],
        "work_experience": [
            {
                "id": w.pk,
                "occupation_uri": uri(w.occupation),
                "occupation_label": w.occupation.label(language) if w.occupation else "",
                "title": w.title,
                "years": float(w.years),
                "country": w.country,
                "last_year": w.last_year,
                "tasks": w.tasks,
            }
            for w in assessment.work_experience.select_related("occupation")
        ],
        "skills": [
            {
                "id": s.pk,
                "skill_uri": s.skill.uri,
                "skill_label": s.skill.label(language),
                "level": s.level,
                "evidence": s.evidence,
                "source": s.source,
                "note": s.note,
            }
            for s in assessment.skills.select_related("skill")
        ],
        "languages": [
            {
                "id": lang.pk,
                "language": lang.language,
                "mother_tongue": lang.mother_tongue,
                "self": {
                    "understanding": lang.self_understanding,
                    "speaking": lang.self_speaking,
                    "writing": lang.self_writing,
                },
                "tested": {
                    "understanding": lang.tested_understanding,
                    "speaking": lang.tested_speaking,
                    "writing": lang.tested_writing,
                },
            }
            for lang in assessment.languages.all()
        ],
        "digital": {"level": assessment.digital_level, "note": assessment.digital_note},
        "driving_licences": list(assessment.driving_licences or []),
        "certificates": [
            {
                "id": c.pk,
                "name": c.name,
                "issuer": c.issuer,
                "year": c.year,
                "skill_uri": uri(c.skill),
            }
            for c in assessment.certificates.select_related("skill")
        ],
        "appraisal": assessment.appraisal,
        "next_steps": assessment.next_steps,
    }
