"""Request and response shapes of the employers API (they make the OpenAPI document)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ProjectRef(Schema):
    code: str
    name: str


class SiteIn(Schema):
    name: str
    address: str = ""
    postal_code: str = ""
    municipality: str  # code or name


class SitePatch(Schema):
    name: str | None = None
    address: str | None = None
    postal_code: str | None = None
    municipality: str | None = None


class SiteOut(Schema):
    id: int
    name: str
    address: str
    postal_code: str
    municipality_code: str
    municipality_name: str


class EmployerIn(Schema):
    cvr: str
    name: str
    industry_code: str = ""
    industry_name: str = ""
    size: str = ""
    website: str = ""
    note: str = ""
    projects: list[str] | None = None  # project codes; default: your only project
    consultant: str | None = None  # username; default: you, if you are a consultant
    organisation: int | None = None


class EmployerPatch(Schema):
    cvr: str | None = None
    name: str | None = None
    industry_code: str | None = None
    industry_name: str | None = None
    size: str | None = None
    website: str | None = None
    note: str | None = None
    projects: list[str] | None = None
    consultant: str | None = None
    organisation: int | None = None


class EmployerOut(Schema):
    id: int
    cvr: str
    name: str
    industry_code: str
    industry_name: str
    size: str
    website: str
    consultant: str | None
    projects: list[str]
    sites: list[SiteOut]


class EmployerCreated(EmployerOut):
    created: bool


class ContactIn(Schema):
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


class ContactPatch(Schema):
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class ContactOut(Schema):
    id: int
    name: str
    role: str
    email: str
    phone: str


class InteractionIn(Schema):
    kind: str
    date: dt.date | None = None
    project: str | None = None
    persons: str = ""
    contacts: list[int] = []
    note: str = ""
    follow_up_on: dt.date | None = None


class InteractionPatch(Schema):
    kind: str | None = None
    date: dt.date | None = None
    persons: str | None = None
    contacts: list[int] | None = None
    note: str | None = None
    follow_up_on: dt.date | None = None
    follow_up_done: bool | None = None


class InteractionOut(Schema):
    id: int
    employer_id: int
    employer_name: str
    project: str
    kind: str
    date: dt.date
    consultant: str | None
    persons: str
    contacts: list[int]
    note: str
    follow_up_on: dt.date | None
    follow_up_done: bool


class NeedIn(Schema):
    title: str = ""
    occupation: str | None = None  # ESCO URI or ISCO-08 code
    skills: list[str] = []  # ESCO URIs
    count: int = 1
    needed_by: dt.date | None = None
    urgency: str = "medium"
    surveyed_on: dt.date | None = None
    project: str | None = None
    note: str = ""


class NeedPatch(Schema):
    title: str | None = None
    occupation: str | None = None
    skills: list[str] | None = None
    count: int | None = None
    needed_by: dt.date | None = None
    urgency: str | None = None
    surveyed_on: dt.date | None = None
    active: bool | None = None
    note: str | None = None


class NeedOut(Schema):
    id: int
    site_id: int
    employer_id: int
    municipality_code: str
    project: str
    title: str
    occupation: str | None
    isco_code: str
    skills: list[str]
    count: int
    needed_by: dt.date | None
    urgency: str
    surveyed_on: dt.date | None
    active: bool
    stale: bool


class SurveyIn(Schema):
    project: str | None = None
    municipality: str
    surveyed_on: dt.date | None = None
    note: str = ""


class SurveyOut(Schema):
    id: int
    project: str
    municipality_code: str
    surveyed_on: dt.date
    kind: str


class OpeningIn(Schema):
    site: int
    project: str | None = None
    kind: str
    title: str
    description: str = ""
    occupation: str | None = None
    essential_skills: list[str] = []
    optional_skills: list[str] = []
    capacity: int = 1
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    apply_by: dt.date | None = None
    hours_per_week: float | None = None
    danish_min: str = ""
    danish_hard: bool = False
    english_min: str = ""
    english_hard: bool = False
    driving_licence: str = ""
    driving_licence_hard: bool = True
    need: int | None = None
    status: str = "draft"


class OpeningPatch(Schema):
    site: int | None = None
    kind: str | None = None
    title: str | None = None
    description: str | None = None
    occupation: str | None = None
    essential_skills: list[str] | None = None
    optional_skills: list[str] | None = None
    capacity: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    apply_by: dt.date | None = None
    hours_per_week: float | None = None
    danish_min: str | None = None
    danish_hard: bool | None = None
    english_min: str | None = None
    english_hard: bool | None = None
    driving_licence: str | None = None
    driving_licence_hard: bool | None = None
    need: int | None = None


class OpeningOut(Schema):
    id: int
    project: str
    employer_id: int
    employer_name: str
    site_id: int
    municipality_code: str
    kind: str
    title: str
    description: str
    occupation: str | None
    isco_code: str
    essential_skills: list[str]
    optional_skills: list[str]
    status: str
    capacity: int
    starts_on: dt.date | None
    ends_on: dt.date | None
    apply_by: dt.date | None
    hours_per_week: float | None
    danish_min: str
    danish_hard: bool
    english_min: str
    english_hard: bool
    driving_licence: str
    driving_licence_hard: bool
    need_id: int | None
    external_ref: str
    source_url: str


class StatusIn(Schema):
    status: str


class SuggestIn(Schema):
    title: str = ""
    description: str = ""
    lang: str | None = None


class SuggestionOut(Schema):
    uri: str
    label: str
    kind: str
    score: float


class SuggestOut(Schema):
    occupations: list[SuggestionOut]
    skills: list[SuggestionOut]
    usual_skills: list[
        SuggestionOut
    ]  # essential skills of the best ESCO occupation, not found in the text
    phrases: list[str]


class DemandEntry(Schema):
    name: str
    region: str
    people: int
    from_needs: int
    from_openings: int
    occupations: dict[str, int]
    isco_groups: dict[str, int]
    skills: dict[str, int]


class DemandOut(Schema):
    as_of: str
    projects: list[str] | None
    municipalities: dict[str, DemandEntry]


class ProblemOut(Schema):
    origin: str
    field: str
    message: str


class ChangeOut(Schema):
    origin: str
    model: str
    action: str
    label: str
    id: int | None
    changes: dict


class ImportOut(Schema):
    source: str
    format: str
    dry_run: bool
    ok: bool
    written: bool
    records: int
    counts: dict[str, dict[str, int]]
    changes: list[ChangeOut]
    errors: list[ProblemOut]
    warnings: list[ProblemOut]


class PortalOut(Schema):
    employer: EmployerOut
    openings: list[OpeningOut]
    shared_candidates: int


class PortalCandidate(Schema):
    profile: dict
    identity: dict | None


class PortalCandidatesOut(Schema):
    page: int
    pages: int
    count: int
    results: list[PortalCandidate]
