"""Shapes of the pipeline API's input and output."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class RankedOut(Schema):
    candidate: str
    opening: int
    opening_title: str
    score: float
    explanation: str
    components: dict
    match_id: int | None = None
    match_status: str | None = None
    profile: dict | None = None
    identity: dict | None = None


class MatchOut(Schema):
    id: int
    project: str
    candidate: str
    opening: int
    opening_title: str
    employer: str
    score: float | None
    status: str
    decline_reason: str
    explanation_da: str
    explanation_en: str
    components: dict
    source: str
    status_changed_at: datetime


class EventOut(Schema):
    at: datetime
    actor: str
    from_status: str
    to_status: str
    reason: str


class MatchDetailOut(MatchOut):
    events: list[EventOut]


class ShortlistIn(Schema):
    candidate: str
    reason: str = ""


class MoveIn(Schema):
    status: str
    reason: str = ""


class RunIn(Schema):
    project: str
    openings: list[int] | None = None
    fair: bool = False
    min_score: float = 0.0
    note: str = ""


class ProposalOut(Schema):
    id: int
    candidate: str
    opening: int
    opening_title: str
    score: float
    included: bool
    explanation_da: str
    explanation_en: str
    match_id: int | None


class RunOut(Schema):
    id: int
    project: str
    status: str
    fair: bool
    min_score: float
    candidates_considered: int
    places: int
    objective: float
    upper_bound: float
    greedy_objective: float | None
    seconds: float
    openings: list[int]
    proposals: list[ProposalOut]


class SendIn(Schema):
    leave_out: list[int] = []


class CourseIn(Schema):
    name: str
    kind: str = "vocational"
    project: str | None = None
    provider: str = ""
    skills: list[str] = []
    danish_module: str = ""
    danish_level: str = ""
    english_level: str = ""
    driving_licence: str = ""
    duration_days: int = 1
    municipality: str | None = None
    active: bool = True


class CoursePatch(Schema):
    """Only the fields given change."""

    name: str | None = None
    kind: str | None = None
    provider: str | None = None
    skills: list[str] | None = None
    danish_module: str | None = None
    danish_level: str | None = None
    english_level: str | None = None
    driving_licence: str | None = None
    duration_days: int | None = None
    municipality: str | None = None
    active: bool | None = None


class CourseOut(Schema):
    id: int
    name: str
    kind: str
    project: str | None
    provider: str
    skills: list[str]
    danish_module: str
    danish_level: str
    english_level: str
    driving_licence: str
    duration_days: int
    municipality: str | None
    active: bool


class GapOut(Schema):
    opening: int
    opening_title: str
    missing_skills: list[str]
    missing_languages: list[list[str]]
    missing_licence: str
    courses: list[int]
    excluded_for: list[str]


class CourseOptionOut(Schema):
    course: int
    course_name: str
    opens: list[int]


class AnalysisOut(Schema):
    options: list[CourseOptionOut]
    gaps: list[GapOut]
