import datetime as dt

from talentbridge.candidates.models import Candidate
from talentbridge.pathways.models import Milestones
from talentbridge.test import BaseTestCase

from .helpers import assess, make_employer, person, step


class CandidateDeleteTests(BaseTestCase):
    def test_deleting_a_candidate_with_steps_and_an_assessment_leaves_no_milestones(self):
        candidate = person(self.project, self.ngo)
        assess(candidate, dt.date(2026, 1, 5))
        step(candidate, "internship", dt.date(2026, 2, 1), employer=make_employer(self.project))
        self.assertTrue(Milestones.objects.filter(candidate=candidate).exists())
        pk = candidate.pk
        candidate.delete()
        self.assertFalse(Candidate.objects.filter(pk=pk).exists())
        self.assertFalse(Milestones.objects.filter(candidate_id=pk).exists())

    def test_deleting_candidates_by_queryset_leaves_no_milestones(self):
        candidate = person(self.project, self.ngo)
        step(candidate, "internship", dt.date(2026, 2, 1), employer=make_employer(self.project))
        pk = candidate.pk
        Candidate.objects.filter(pk=pk).delete()
        self.assertFalse(Milestones.objects.filter(candidate_id=pk).exists())
