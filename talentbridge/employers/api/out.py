"""Models to the API's plain shapes."""

from __future__ import annotations

from django.utils import timezone

from ..models import Employer, Interaction, Need, Opening, Site
from ..services.concepts import isco_code_of
from ..services.needs import is_stale


def site(s: Site) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "address": s.address,
        "postal_code": s.postal_code,
        "municipality_code": s.municipality.code,
        "municipality_name": s.municipality.name,
    }


def employer(e: Employer) -> dict:
    return {
        "id": e.pk,
        "cvr": e.cvr,
        "name": e.name,
        "industry_code": e.industry_code,
        "industry_name": e.industry_name,
        "size": e.size,
        "website": e.website,
        "consultant": e.consultant.get_username() if e.consultant_id else None,
        "projects": [p.code for p in e.projects.all()],
        "sites": [site(s) for s in e.sites.select_related("municipality")],
    }


def interaction(i: Interaction) -> dict:
    return {
        "id": i.pk,
        "employer_id": i.employer_id,
        "employer_name": i.employer.name,
        "project": i.project.code,
        "kind": i.kind,
        "date": i.date,
        "consultant": i.consultant.get_username() if i.consultant_id else None,
        "persons": i.persons,
        "contacts": [c.pk for c in i.contacts.all()],
        "note": i.note,
        "follow_up_on": i.follow_up_on,
        "follow_up_done": i.follow_up_done,
    }


def need(n: Need, today=None) -> dict:
    return {
        "id": n.pk,
        "site_id": n.site_id,
        "employer_id": n.site.employer_id,
        "municipality_code": n.site.municipality.code,
        "project": n.project.code,
        "title": n.title,
        "occupation": n.occupation.uri if n.occupation_id else None,
        "isco_code": isco_code_of(n.occupation),
        "skills": [s.uri for s in n.skills.all()],
        "count": n.count,
        "needed_by": n.needed_by,
        "urgency": n.urgency,
        "surveyed_on": n.surveyed_on,
        "active": n.active,
        "stale": is_stale(n, today or timezone.localdate()),
    }


def opening(o: Opening) -> dict:
    skills = list(o.skills.select_related("skill"))
    return {
        "id": o.pk,
        "project": o.project.code,
        "employer_id": o.site.employer_id,
        "employer_name": o.site.employer.name,
        "site_id": o.site_id,
        "municipality_code": o.site.municipality.code,
        "kind": o.kind,
        "title": o.title,
        "description": o.description,
        "occupation": o.occupation.uri if o.occupation_id else None,
        "isco_code": isco_code_of(o.occupation),
        "essential_skills": [s.skill.uri for s in skills if s.essential],
        "optional_skills": [s.skill.uri for s in skills if not s.essential],
        "status": o.status,
        "capacity": o.capacity,
        "starts_on": o.starts_on,
        "ends_on": o.ends_on,
        "apply_by": o.apply_by,
        "hours_per_week": float(o.hours_per_week) if o.hours_per_week is not None else None,
        "danish_min": o.danish_min,
        "danish_hard": o.danish_hard,
        "english_min": o.english_min,
        "english_hard": o.english_hard,
        "driving_licence": o.driving_licence,
        "driving_licence_hard": o.driving_licence_hard,
        "need_id": o.need_id,
        "external_ref": o.external_ref,
        "source_url": o.source_url,
    }
