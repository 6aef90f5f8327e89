"""Matches and their moves, courses, and batch-assignment runs (one module per topic)."""

from .courses import Course
from .matches import Match, MatchEvent
from .runs import AssignmentRun, Proposal

__all__ = ["AssignmentRun", "Course", "Match", "MatchEvent", "Proposal"]
