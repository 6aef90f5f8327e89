from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class CandidateFields(Schema):
    birth_year: int | None = None
    gender: str | None = None
    nationality: str | None = None
    language: str | None = None
    asylum_status: str | None = None
    asylum_centre_id: int | None = None
    arrived_on: dt.date | None = None
    status_since: dt.date | None = None
    work_allowed_from: dt.date | None = None
    municipality_code: str | None = None
    household_reference: str | None = None
    organisation_id: int | None = None
    left_on: dt.date | None = None
    left_reason: str | None = None


class PersonalIn(Schema):
    first_name: str
    last_name: str
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    case_number: str = ""


class PersonalPatch(Schema):
    first_name: str | None = None
    last_name: str | None = None
    date_of_birth: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    case_number: str | None = None


class RegisterIn(CandidateFields):
    project: str = Field(description="Project code")
    birth_year: int
    gender: str
    nationality: str
    asylum_status: str
    personal: PersonalIn
    allow_duplicate: bool = Field(
        False, description="Register even though possible duplicates were found"
    )


class DuplicateCheckIn(Schema):
    first_name: str
    last_name: str
    birth_year: int | None = None
    nationality: str = ""
    date_of_birth: dt.date | None = None
    case_number: str = ""


class DuplicateOut(Schema):
    reference: str
    organisation: str
    reasons: list[str]
    score: float
    asylum_centre: str | None = None
    project: str | None = None


class DuplicatesOut(Schema):
    detail: str
    duplicates: list[DuplicateOut]


class CandidateOut(Schema):
    reference: str
    project: str
    organisation: str
    birth_year: int
    gender: str
    nationality: str
    language: str
    asylum_status: str
    asylum_centre: str | None
    arrived_on: dt.date | None
    status_since: dt.date | None
    work_allowed_from: dt.date | None
    municipality_code: str | None
    household: str | None
    left_on: dt.date | None
    left_reason: str


class PersonalOut(PersonalIn):
    pass


class HouseholdIn(Schema):
    project: str | None = None
    size: int | None = None
    needs: str | None = None
    tie_kind: str | None = None
    tie_municipality_code: str | None = None
    tie_note: str | None = None


class HouseholdOut(Schema):
    reference: str
    project: str
    size: int
    needs: str
    tie_kind: str
    tie_municipality_code: str | None
    tie_note: str
    members: list[str]


class ConsentIn(Schema):
    purpose: str
    given: bool
    employer_id: int | None = None
    note: str = ""


class ConsentRowOut(Schema):
    purpose: str
    employer_id: int | None
    employer: str | None
    given: bool | None
    at: dt.datetime | None
    by_candidate: bool | None
    recorded_by: str | None


class CodeIn(Schema):
    language: str


class CodeOut(Schema):
    code: str
    language: str
    expires_at: dt.datetime
    url: str
