import datetime as dt

from django.urls import reverse

from talentbridge.pathways.models import FollowUp, Mentor, MentorMeeting, PathwayStep
from talentbridge.privacy.models import AuditEvent
from talentbridge.test import BaseTestCase

from .helpers import make_employer, person, step

D = dt.date


class PathwayPageTests(BaseTestCase):
    def setUp(self):
        self.candidate = person(self.project, self.ngo)
        self.employer = make_employer(self.project)

    def test_the_timeline_shows_steps_status_and_follow_ups(self):
        step(self.candidate, "internship", D(2025, 1, 6), employer=self.employer)
        self.login(self.assessor)
        response = self.client.get(reverse("pathways:timeline", args=[self.candidate.reference]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["status"].code, "in_pathway")
        self.assertContains(response, "Vestjysk Metal A/S")
        self.assertContains(
            response, reverse("pathways:follow_up", args=[FollowUp.objects.first().pk])
        )
        self.assertTrue(
            AuditEvent.objects.filter(
                actor=self.assessor, action="read", subject_ref=self.candidate.reference
            ).exists()
        )

    def test_outsiders_and_employers_get_404_everywhere(self):
        s = step(self.candidate, "job", D(2025, 1, 6))
        mentor = Mentor.objects.create(project=self.project, name="Hans", kind="volunteer")
        urls = [
            reverse("pathways:timeline", args=[self.candidate.reference]),
            reverse("pathways:step_edit", args=[s.pk]),
            reverse("pathways:follow_up", args=[s.follow_ups.first().pk]),
            reverse("pathways:mentor", args=[mentor.pk]),
        ]
        for user in (self.outsider, self.employer_user):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            self.assertEqual(
                self.client.post(reverse("pathways:step_delete", args=[s.pk])).status_code, 404
            )
        self.login(self.employer_user)
        self.assertEqual(self.client.get(reverse("pathways:index")).status_code, 404)
        self.assertTrue(PathwayStep.objects.filter(pk=s.pk).exists())

    def test_a_step_is_added_edited_and_removed(self):
        self.login(self.consultant)
        url = reverse("pathways:timeline", args=[self.candidate.reference])
        response = self.client.post(
            url,
            {
                "kind": "internship",
                "employer": self.employer.pk,
                "starts_on": "2025-03-03",
                "hours_per_week": "20",
                "ending": "",
            },
        )
        self.assertRedirects(response, url)
        s = PathwayStep.objects.get(candidate=self.candidate)
        self.assertEqual(
            (s.kind, s.follow_ups.count(), s.created_by), ("internship", 3, self.consultant)
        )
        bad = self.client.post(
            url, {"kind": "job", "starts_on": "2025-03-03", "ends_on": "2025-01-01"}
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("ends_on", bad.context["form"].errors)
        edit = reverse("pathways:step_edit", args=[s.pk])
        self.client.post(
            edit,
            {
                "kind": "internship",
                "employer": self.employer.pk,
                "starts_on": "2025-03-03",
                "ends_on": "2025-05-30",
                "ending": "hired",
            },
        )
        s.refresh_from_db()
        self.assertEqual((s.ends_on, s.ending), (D(2025, 5, 30), "hired"))
        self.client.post(reverse("pathways:step_delete", args=[s.pk]))
        self.assertFalse(PathwayStep.objects.filter(pk=s.pk).exists())

    def test_the_placement_officer_reads_but_does_not_write(self):
        from talentbridge.privacy.consent import record_decision

        record_decision(self.candidate, "handover", True, by=self.assessor)
        self.login(self.placement_officer)
        url = reverse("pathways:timeline", args=[self.candidate.reference])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(
            self.client.post(url, {"kind": "job", "starts_on": "2025-01-01"}).status_code, 404
        )

    def test_the_index_lists_statuses(self):
        step(self.candidate, "job", D(2025, 1, 6))
        self.login(self.manager)
        response = self.client.get(reverse("pathways:index"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual([s.code for _c, s in response.context["rows"]], ["employed"])
        self.login(self.outsider)
        self.assertEqual(list(self.client.get(reverse("pathways:index")).context["rows"]), [])


class FollowUpPageTests(BaseTestCase):
    def test_the_due_list_and_recording_an_outcome(self):
        candidate = person(self.project, self.ngo)
        today = dt.date.today()
        s = step(candidate, "internship", today - dt.timedelta(days=100))
        self.login(self.assessor)
        response = self.client.get(reverse("pathways:follow_ups"))
        due = response.context["due"]
        self.assertEqual([f.months for f in due], [3])
        response = self.client.post(
            reverse("pathways:follow_up", args=[due[0].pk]),
            {"outcome": "employed", "hours_per_week": "37", "done_on": today.isoformat()},
        )
        self.assertRedirects(response, reverse("pathways:follow_ups"))
        f = s.follow_ups.get(months=3)
        self.assertEqual(
            (f.outcome, f.hours_per_week, f.recorded_by), ("employed", 37, self.assessor)
        )
        self.assertEqual(list(self.client.get(reverse("pathways:follow_ups")).context["due"]), [])
        self.login(self.outsider)
        self.assertEqual(list(self.client.get(reverse("pathways:follow_ups")).context["due"]), [])


class MentorPageTests(BaseTestCase):
    def test_mentors_are_added_assigned_and_their_meetings_logged(self):
        candidate = person(self.project, self.ngo)
        employer = make_employer(self.project)
        self.login(self.consultant)
        response = self.client.post(
            reverse("pathways:mentors"),
            {
                "project": "alpha",
                "name": "Lise Holm",
                "kind": "workplace",
                "employer": employer.pk,
            },
        )
        mentor = Mentor.objects.get(name="Lise Holm")
        self.assertRedirects(response, reverse("pathways:mentor", args=[mentor.pk]))
        url = reverse("pathways:mentor", args=[mentor.pk])
        self.client.post(url, {"action": "assign", "candidate": candidate.reference})
        self.assertEqual(list(mentor.candidates.all()), [candidate])
        self.client.post(
            url,
            {
                "action": "meeting",
                "candidate": candidate.reference,
                "date": "2025-04-01",
                "note": "Good start",
            },
        )
        self.assertEqual(MentorMeeting.objects.get().note, "Good start")
        no_employer = self.client.post(
            reverse("pathways:mentors"), {"project": "alpha", "name": "X", "kind": "workplace"}
        )
        self.assertIn("employer", no_employer.context["form"].errors)
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(
                url, {"action": "assign", "candidate": candidate.reference}
            ).status_code,
            404,
        )


class ManagerScopeTests(BaseTestCase):
    def test_a_manager_sees_personal_data_of_their_own_project_only(self):
        own = person(self.project, self.ngo)
        other = person(self.other_project, self.other_ngo)
        self.login(self.manager)
        self.assertEqual(
            self.client.get(reverse("pathways:timeline", args=[own.reference])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("pathways:timeline", args=[other.reference])).status_code, 404
        )
        refs = [c.reference for c, _s in self.client.get(reverse("pathways:index")).context["rows"]]
        self.assertEqual(refs, [own.reference])

    def test_the_due_list_is_paged_and_only_the_page_shown_is_audited(self):
        from unittest import mock

        today = dt.date.today()
        people = [person(self.project, self.ngo) for _ in range(3)]
        for candidate in people:
            step(candidate, "internship", today - dt.timedelta(days=100))
        self.login(self.assessor)
        before = AuditEvent.objects.filter(detail__view="follow-ups due").count()
        with mock.patch("talentbridge.pathways.views.PAGE", 2):
            first = self.client.get(reverse("pathways:follow_ups"))
            second = self.client.get(reverse("pathways:follow_ups"), {"page": 2})
        self.assertEqual((len(first.context["due"]), len(second.context["due"])), (2, 1))
        shown = {
            f.step.candidate.reference for f in [*first.context["due"], *second.context["due"]]
        }
        self.assertEqual(shown, {c.reference for c in people})
        self.assertContains(first, "?page=2&amp;days=14")
        audited = AuditEvent.objects.filter(detail__view="follow-ups due").count() - before
        self.assertEqual(audited, 3)
