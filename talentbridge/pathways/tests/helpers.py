"""Builders for pathway and report tests: employers, steps and assessments with chosen dates."""

from __future__ import annotations

import datetime as dt
import itertools

from talentbridge.candidates.models import Assessment, Candidate
from talentbridge.employers.models import CVR_WEIGHTS, Employer
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.models import PathwayStep
from talentbridge.pathways.services import schedule_follow_ups

_serial = itertools.count(1000001)


def valid_cvr() -> str:
    """The next 8-digit number that passes the CVR modulus-11 check."""
    while True:
        digits = str(next(_serial) * 10)[:7]
        rest = sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        check = (11 - rest) % 11
        if check < 10 and digits[0] != "0":
            return digits + str(check)


def make_employer(project, name: str = "Vestjysk Metal A/S") -> Employer:
    employer = Employer.objects.create(cvr=valid_cvr(), name=name)
    employer.projects.add(project)
    return employer


def person(
    project,
    organisation,
    *,
    gender="female",
    nationality="SY",
    birth_year=1990,
    arrived_on=None,
    registered: dt.date | None = None,
    municipality_code="0751",
    **extra,
) -> Candidate:
    candidate = Candidate.objects.create(
        project=project,
        organisation=organisation,
        gender=gender,
        nationality=nationality,
        birth_year=birth_year,
        asylum_status=Candidate.AsylumStatus.GRANTED,
        arrived_on=arrived_on,
        municipality=Municipality.objects.get(code=municipality_code)
        if municipality_code
        else None,
        **extra,
    )
    if registered is not None:
        # created_at is set on insert; registration dates in the past are set afterwards.
        when = dt.datetime.combine(registered, dt.time(12, 0), tzinfo=dt.UTC)
        Candidate.objects.filter(pk=candidate.pk).update(created_at=when)
        candidate.refresh_from_db()
    return candidate


def assess(candidate, on: dt.date, *, signed=True, version=1) -> Assessment:
    return Assessment.objects.create(
        candidate=candidate,
        version=version,
        status=Assessment.Status.SIGNED_OFF if signed else Assessment.Status.DRAFT,
        assessed_on=on,
        signed_off_at=dt.datetime.combine(on, dt.time(12, 0), tzinfo=dt.UTC) if signed else None,
    )


def step(
    candidate,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    *,
    employer=None,
    follow_ups=True,
    **extra,
) -> PathwayStep:
    obj = PathwayStep.objects.create(
        candidate=candidate,
        project=candidate.project,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        employer=employer,
        **extra,
    )
    if follow_ups:
        schedule_follow_ups([obj])
    return obj
