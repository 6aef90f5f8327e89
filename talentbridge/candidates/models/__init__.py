"""Candidates, households, assessments and self-assessments (one module per topic)."""

from .assessment import (
    AssessedSkill,
    Assessment,
    Certificate,
    EducationEntry,
    LanguageSkill,
    WorkExperience,
)
from .people import (
    CEFR,
    CEFR_ORDER,
    REFERENCE_ALPHABET,
    Candidate,
    EvidenceLevel,
    Household,
    PersonalDetails,
    new_reference,
)
from .self_assessment import SelfAssessment, SelfAssessmentAttempt, SelfAssessmentCode

__all__ = [
    "CEFR",
    "CEFR_ORDER",
    "REFERENCE_ALPHABET",
    "AssessedSkill",
    "Assessment",
    "Candidate",
    "Certificate",
    "EducationEntry",
    "EvidenceLevel",
    "Household",
    "LanguageSkill",
    "PersonalDetails",
    "SelfAssessment",
    "SelfAssessmentAttempt",
    "SelfAssessmentCode",
    "WorkExperience",
    "new_reference",
]
