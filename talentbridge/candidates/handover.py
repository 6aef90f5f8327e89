"""Hand a candidate over: export the profile as JSON in a versioned schema, import the same.

The schema is documented in ``docs/handover-schema.md``. An import is strict: an unknown
schema or version, an unknown field, or an invalid value is refused with the field's path
(e.g. ``assessment.skills[2].evidence``), and nothing is written (one transaction).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, has_consent

from . import assessment_data, assessments, registry
from .models import Assessment, Candidate, Household, PersonalDetails
from .permissions import can_read_personal, can_register

SCHEMA = "talentbridge.candidate-profile"
SCHEMA_VERSION = "1.0"
SUPPORTED_VERSIONS = ("1.0",)
A = audit.AuditEvent.Action

FIELDS = {
    "": {
        "schema",
        "schema_version",
        "exported_at",
        "source",
        "candidate",
        "personal",
        "household",
        "assessment",
        "consents",
    },
    "source": {"system", "project", "organisation"},
    "candidate": {
        "reference",
        "birth_year",
        "gender",
        "nationality",
        "language",
        "asylum_status",
        "arrived_on",
        "status_since",
        "work_allowed_from",
        "municipality",
        "left_on",
        "left_reason",
    },
    "personal": {
        "first_name",
        "last_name",
        "date_of_birth",
        "phone",
        "email",
        "address",
        "case_number",
    },
    "household": {
        "reference",
        "size",
        "needs",
        "tie_kind",
        "tie_municipality",
        "tie_note",
        "members",
    },
    "assessment": {
        "version",
        "status",
        "assessor",
        "interpreter_language",
        "assessed_on",
        "signed_off_at",
        "signed_off_by",
        "imported_from",
        "personal_situation",
        "expectations",
        "education",
        "work_experience",
        "skills",
        "languages",
        "digital",
        "driving_licences",
        "certificates",
        "appraisal",
        "next_steps",
    },
    "assessment.expectations": {
        "wants_job",
        "wants_education",
        "wants_danish_lessons",
        "wants_self_employment",
        "preferred_sectors",
        "preferred_occupations",
        "willing_to_move",
        "max_distance_km",
        "note",
    },
    "assessment.digital": {"level", "note"},
    "assessment.education": {
        "id",
        "isced_level",
        "isced_field",
        "title",
        "country",
        "years",
        "completed",
        "documents_held",
        "recognition",
    },
    "assessment.work_experience": {
        "id",
        "occupation_uri",
        "occupation_label",
        "title",
        "years",
        "country",
        "last_year",
        "tasks",
    },
    "assessment.skills": {"id", "skill_uri", "skill_label", "level", "evidence", "source", "note"},
    "assessment.languages": {"id", "language", "mother_tongue", "self", "tested"},
    "assessment.certificates": {"id", "name", "issuer", "year", "skill_uri"},
    "consents": {"purpose", "given", "at", "by_candidate", "employer"},
}
LEVEL_KEYS = {"understanding", "speaking", "writing"}


def _iso(value):
    return value.isoformat() if value else None


def export_profile(user, candidate: Candidate) -> dict:
    """The candidate's profile for the receiving municipality. Needs the handover consent."""
    if not can_read_personal(user, candidate):
        raise PermissionDenied("Your role may not export identifying details.")
    if not has_consent(candidate, Purpose.HANDOVER):
        raise ValidationError({"consent": "The candidate has not consented to the handover."})
    personal = PersonalDetails.objects.filter(candidate=candidate).first()
    signed = assessments.versions(candidate).filter(status=Assessment.Status.SIGNED_OFF).first()
    current = signed or assessments.latest(candidate)
    household = candidate.household
    data = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(),
        "source": {
            "system": "talentbridge",
            "project": candidate.project.code,
            "organisation": candidate.organisation.name,
        },
        "candidate": {
            "reference": candidate.reference,
            "birth_year": candidate.birth_year,
            "gender": candidate.gender,
            "nationality": candidate.nationality,
            "language": candidate.language,
            "asylum_status": candidate.asylum_status,
            "arrived_on": _iso(candidate.arrived_on),
            "status_since": _iso(candidate.status_since),
            "work_allowed_from": _iso(candidate.work_allowed_from),
            "municipality": candidate.municipality.code if candidate.municipality else None,
            "left_on": _iso(candidate.left_on),
            "left_reason": candidate.left_reason,
        },
        "personal": (
            {
                "first_name": personal.first_name,
                "last_name": personal.last_name,
                "date_of_birth": _iso(personal.date_of_birth),
                "phone": personal.phone,
                "email": personal.email,
                "address": personal.address,
                "case_number": personal.case_number,
            }
            if personal
            else None
        ),
        "household": (
            {
                "reference": household.reference,
                "size": household.size,
                "needs": household.needs,
                "tie_kind": household.tie_kind,
                "tie_municipality": household.tie_municipality.code
                if household.tie_municipality
                else None,
                "tie_note": household.tie_note,
                "members": list(
                    household.members.exclude(pk=candidate.pk).values_list("reference", flat=True)
                ),
            }
            if household
            else None
        ),
        "assessment": assessment_data.as_dict(current, "en") if current else None,
        "consents": [
            {
                "purpose": c.purpose,
                "given": c.given,
                "at": c.at.isoformat(),
                "by_candidate": c.by_candidate,
                "employer": c.employer.name if c.employer else None,
            }
            for c in candidate.consents.select_related("employer").order_by("at", "id")
        ],
    }
    audit.record(user, A.EXPORT, candidate, detail={"handover": SCHEMA_VERSION})
    if personal:
        audit.record(user, A.EXPORT, personal, detail={"handover": SCHEMA_VERSION})
    return data


# Import


def _error(path: str, message: str) -> ValidationError:
    return ValidationError({path: message})


def _check_keys(obj, section: str, path: str) -> dict:
    if not isinstance(obj, dict):
        raise _error(path or "(root)", "must be an object")
    unknown = sorted(set(obj) - FIELDS[section])
    if unknown:
        where = f"{path}.{unknown[0]}" if path else unknown[0]
        raise _error(where, "unknown field")
    return obj


def _list(obj, path: str) -> list:
    if obj is None:
        return []
    if not isinstance(obj, list):
        raise _error(path, "must be a list")
    return obj


def _prefixed(exc: ValidationError, path: str) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {f"{path}.{field}": messages for field, messages in exc.message_dict.items()}
        )
    return ValidationError({path: exc.messages})


def _date(value, path: str):
    if value in (None, ""):
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise _error(path, f"not a date (YYYY-MM-DD): {value!r}")
    return parsed


def _datetime(value, path: str):
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise _error(path, f"not a date and time (ISO 8601): {value!r}")
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


def _municipality(code, path: str):
    if code in (None, ""):
        return None
    found = Municipality.objects.filter(code=str(code).zfill(4)).first()
    if found is None:
        raise _error(path, f"unknown municipality code {code!r}")
    return found


def check_header(data) -> None:
    _check_keys(data, "", "")
    if data.get("schema") != SCHEMA:
        raise _error("schema", f"expected {SCHEMA!r}, got {data.get('schema')!r}")
    if str(data.get("schema_version")) not in SUPPORTED_VERSIONS:
        raise _error(
            "schema_version",
            f"unsupported version {data.get('schema_version')!r} (supported: {', '.join(SUPPORTED_VERSIONS)})",
        )


@transaction.atomic
def import_profile(user, data: dict, project, *, allow_duplicate: bool = False) -> Candidate:
    """Create the candidate, household and assessment described by a handover file."""
    if not can_register(user, project):
        raise Http404
    check_header(data)
    source = _check_keys(data.get("source") or {}, "source", "source")
    raw = _check_keys(data.get("candidate"), "candidate", "candidate")
    personal = _check_keys(data.get("personal") or {}, "personal", "personal")
    reference = str(raw.get("reference") or "").upper()
    if reference and Candidate.objects.filter(reference=reference).exists():
        raise _error("candidate.reference", f"{reference} is already registered here")
    household = _import_household(user, project, data.get("household"))
    candidate_data = {
        "birth_year": raw.get("birth_year"),
        "gender": raw.get("gender"),
        "nationality": raw.get("nationality") or "",
        "language": raw.get("language") or "en",
        "asylum_status": raw.get("asylum_status"),
        "arrived_on": _date(raw.get("arrived_on"), "candidate.arrived_on"),
        "status_since": _date(raw.get("status_since"), "candidate.status_since"),
        "work_allowed_from": _date(raw.get("work_allowed_from"), "candidate.work_allowed_from"),
        "municipality": _municipality(raw.get("municipality"), "candidate.municipality"),
        "left_on": _date(raw.get("left_on"), "candidate.left_on"),
        "left_reason": raw.get("left_reason") or "",
        "household": household,
    }
    personal_data = {k: (v if v is not None else "") for k, v in personal.items()}
    personal_data["date_of_birth"] = _date(personal.get("date_of_birth"), "personal.date_of_birth")
    if not personal_data.get("first_name") or not personal_data.get("last_name"):
        raise _error(
            "personal.first_name" if not personal_data.get("first_name") else "personal.last_name",
            "required",
        )
    try:
        candidate = registry.register(
            user, project, candidate_data, personal_data, allow_duplicate=allow_duplicate
        )
    except registry.DuplicatesFound as found:
        refs = ", ".join(m.candidate.reference for m in found.matches)
        raise _error(
            "personal", f"may be already registered as {refs}; import with allow_duplicate to go on"
        ) from None
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise _error("candidate", " ".join(exc.messages)) from None
        mapped = {}
        for field, messages in exc.message_dict.items():
            mapped[
                f"{'personal' if field in registry.PERSONAL_FIELDS else 'candidate'}.{field}"
            ] = messages
        raise ValidationError(mapped) from None
    if reference:
        candidate.reference = reference
        candidate.save(update_fields=["reference"])
    if data.get("assessment"):
        _import_assessment(user, candidate, data["assessment"], source)
    audit.record(
        user,
        A.CREATE,
        candidate,
        detail={"handover_import": SCHEMA_VERSION, "from": source.get("organisation", "")},
    )
    return candidate


def _import_household(user, project, raw) -> Household | None:
    if not raw:
        return None
    raw = _check_keys(raw, "household", "household")
    reference = str(raw.get("reference") or "").upper()
    existing = (
        Household.objects.filter(reference=reference, project=project).first()
        if reference
        else None
    )
    if existing is not None:
        return existing
    fields = {
        "size": raw.get("size") or 1,
        "needs": raw.get("needs") or "",
        "tie_kind": raw.get("tie_kind") or "",
        "tie_municipality": _municipality(
            raw.get("tie_municipality"), "household.tie_municipality"
        ),
        "tie_note": raw.get("tie_note") or "",
    }
    try:
        household = registry.create_household(user, project, fields)
    except ValidationError as exc:
        raise _prefixed(exc, "household") from None
    if reference and not Household.objects.filter(reference=reference).exists():
        household.reference = reference
        household.save(update_fields=["reference"])
    return household


def _levels(obj, path: str) -> dict:
    if obj is None:
        return {}
    if not isinstance(obj, dict):
        raise _error(path, "must be an object")
    unknown = sorted(set(obj) - LEVEL_KEYS)
    if unknown:
        raise _error(f"{path}.{unknown[0]}", "unknown field")
    return obj


def _import_assessment(user, candidate: Candidate, raw, source: dict) -> Assessment:
    raw = _check_keys(raw, "assessment", "assessment")
    expectations = _check_keys(
        raw.get("expectations") or {}, "assessment.expectations", "assessment.expectations"
    )
    digital = _check_keys(raw.get("digital") or {}, "assessment.digital", "assessment.digital")
    status = raw.get("status") or Assessment.Status.DRAFT
    if status not in Assessment.Status.values:
        raise _error("assessment.status", f"one of {', '.join(Assessment.Status.values)}")
    origin = ", ".join(
        x
        for x in (source.get("organisation"), raw.get("signed_off_by") or raw.get("assessor"))
        if x
    )
    assessment = Assessment(
        candidate=candidate,
        version=1,
        status=Assessment.Status.DRAFT,
        assessor=None,
        imported_from=origin[:300],
        assessed_on=_date(raw.get("assessed_on"), "assessment.assessed_on"),
    )
    main = {
        "interpreter_language": raw.get("interpreter_language") or "",
        "personal_situation": raw.get("personal_situation") or "",
        "wants_job": expectations.get("wants_job", True),
        "wants_education": expectations.get("wants_education", False),
        "wants_danish_lessons": expectations.get("wants_danish_lessons", True),
        "wants_self_employment": expectations.get("wants_self_employment", False),
        "preferred_sectors": expectations.get("preferred_sectors") or [],
        "willing_to_move": expectations.get("willing_to_move", True),
        "max_distance_km": expectations.get("max_distance_km"),
        "expectations_note": expectations.get("note") or "",
        "digital_level": digital.get("level") or "basic",
        "digital_note": digital.get("note") or "",
        "driving_licences": raw.get("driving_licences") or [],
        "appraisal": raw.get("appraisal") or "",
        "next_steps": raw.get("next_steps") or "",
    }
    try:
        cleaned = assessments._clean_main(main)
        for key, value in cleaned.items():
            setattr(assessment, key, value)
        assessment.full_clean(exclude=["candidate", "assessor", "signed_off_by"])
    except ValidationError as exc:
        raise _prefixed(exc, "assessment") from None
    assessment.save()
    preferred = []
    for i, uri in enumerate(
        _list(
            expectations.get("preferred_occupations"),
            "assessment.expectations.preferred_occupations",
        )
    ):
        try:
            preferred.append(assessments.resolve_concept(uri, "occupation", "uri"))
        except ValidationError:
            raise _error(
                f"assessment.expectations.preferred_occupations[{i}]",
                f"unknown ESCO occupation {uri!r}",
            ) from None
    assessment.preferred_occupations.set(preferred)
    _import_entries(assessment, raw)
    if status == Assessment.Status.SIGNED_OFF:
        assessment.status = Assessment.Status.SIGNED_OFF
        assessment.signed_off_at = (
            _datetime(raw.get("signed_off_at"), "assessment.signed_off_at") or timezone.now()
        )
        assessment.save(update_fields=["status", "signed_off_at"])
    audit.record(user, A.CREATE, assessment, detail={"handover_import": SCHEMA_VERSION})
    return assessment


def _import_entries(assessment: Assessment, raw: dict) -> None:
    for section in ("education", "work_experience", "skills", "languages", "certificates"):
        model = assessments.SECTIONS[section][0]
        for i, item in enumerate(_list(raw.get(section), f"assessment.{section}")):
            path = f"assessment.{section}[{i}]"
            item = dict(_check_keys(item, f"assessment.{section}", path))
            item.pop("id", None)
            item.pop("occupation_label", None)
            item.pop("skill_label", None)
            if section == "languages":
                own = _levels(item.pop("self", None), f"{path}.self")
                tested = _levels(item.pop("tested", None), f"{path}.tested")
                item.update({f"self_{k}": v or "" for k, v in own.items()})
                item.update({f"tested_{k}": v or "" for k, v in tested.items()})
            for key in ("years",):
                if isinstance(item.get(key), float):
                    item[key] = Decimal(str(item[key]))
            try:
                entry = assessments._fill(section, model(assessment=assessment), item)
                assessments._validate_entry(entry)
            except ValidationError as exc:
                raise _prefixed(exc, path) from None
            entry.save()
