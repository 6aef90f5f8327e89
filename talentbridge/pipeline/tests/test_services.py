"""Ranking both ways, the status flow with consent, batch runs: the services."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from talentbridge.pathways.models import PathwayStep
from talentbridge.pipeline import flow, ranking, runs
from talentbridge.pipeline.models import AssignmentRun, Match
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def refs(rows):
    return [r.candidate.reference for r in rows]


def test_staff_see_every_matchable_candidate_ranked(p, w):
    rows = ranking.candidates_for_opening(p.consultant, w.opening, language="en")
    assert refs(rows)[0] == w.ahmad.reference
    assert set(refs(rows)) == {
        w.ahmad.reference,
        w.bilal.reference,
        w.chen.reference,
    }  # not Dara (draft)
    assert all(r.profile is None and r.identity is None for r in rows)
    assert AuditEvent.objects.filter(
        actor=p.consultant, action="read", subject_ref=w.chen.reference
    ).exists()


def test_employers_see_only_consenting_candidates_anonymised(p, w):
    rows = ranking.candidates_for_opening(p.employer_user, w.opening, language="en")
    assert set(refs(rows)) == {w.ahmad.reference, w.bilal.reference}  # Chen did not agree to share
    assert all(r.profile and "first_name" not in r.profile for r in rows)
    assert all(r.identity is None for r in rows)  # nobody presented yet


def test_others_get_404(p, w):
    for user in (p.outsider, p.other_employer_user, p.caseworker):
        with pytest.raises(Http404):
            ranking.candidates_for_opening(user, w.opening)
    with pytest.raises(Http404):
        ranking.openings_for_candidate(p.outsider, w.ahmad)
    with pytest.raises(Http404):
        ranking.openings_for_candidate(p.employer_user, w.ahmad)


def test_a_candidate_sees_the_openings_that_fit(p, w):
    rows = ranking.openings_for_candidate(p.assessor, w.ahmad, language="da")
    assert [r.opening.pk for r in rows] == [w.opening.pk]
    assert "dækker alle 2 nødvendige færdigheder" in rows[0].explanation


def test_the_flow_from_shortlist_to_acceptance(p, w):
    match = flow.shortlist(p.consultant, w.opening, w.ahmad)
    assert (
        match.status == "shortlisted"
        and match.score > 0.5
        and "covers all 2 essential" in match.explanation_en
    )
    flow.move(p.consultant, match, "presented")
    flow.move(p.consultant, match, "interview", reason="Tuesday 10:00")
    flow.move(p.consultant, match, "accepted")
    match.refresh_from_db()
    assert match.status == "accepted"
    assert [(e.from_status, e.to_status) for e in match.events.all()] == [
        ("", "shortlisted"),
        ("shortlisted", "presented"),
        ("presented", "interview"),
        ("interview", "accepted"),
    ]
    assert all(e.actor == p.consultant for e in match.events.all())
    step = PathwayStep.objects.get(source_match_id=match.pk)
    assert step.candidate == w.ahmad and step.kind == "internship"
    # Employers now see his name: presented, and he revealed it to them.
    rows = ranking.candidates_for_opening(p.employer_user, w.opening)
    row = next(r for r in rows if r.candidate == w.ahmad)
    assert row.identity["first_name"] == "Ahmad"


def test_presenting_needs_consent_to_reveal_identity(p, w):
    match = flow.shortlist(p.consultant, w.opening, w.bilal)
    with pytest.raises(ValidationError, match="has not agreed|har ikke givet samtykke"):
        flow.move(p.consultant, match, "presented")
    record_decision(w.bilal, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=w.employer)
    assert flow.move(p.consultant, match, "presented").status == "presented"
    # A withdrawal hides the name again at once.
    record_decision(w.bilal, Purpose.REVEAL_IDENTITY, False, by=p.assessor, employer=w.employer)
    row = next(
        r
        for r in ranking.candidates_for_opening(p.employer_user, w.opening)
        if r.candidate == w.bilal
    )
    assert row.identity is None


def test_declining_needs_a_reason_and_moves_are_checked(p, w):
    match = flow.shortlist(p.consultant, w.opening, w.chen)
    with pytest.raises(ValidationError, match="why|hvorfor"):
        flow.move(p.consultant, match, "declined")
    with pytest.raises(ValidationError, match="cannot go|kan ikke gå"):
        flow.move(p.consultant, match, "accepted")
    flow.move(p.consultant, match, "declined", reason="Started Danish lessons full time")
    match.refresh_from_db()
    assert match.decline_reason == "Started Danish lessons full time"
    assert flow.shortlist(p.consultant, w.opening, w.chen).status == "shortlisted"  # second chance


def test_only_consultants_move_matches(p, w):
    match = flow.shortlist(p.consultant, w.opening, w.ahmad)
    for user in (p.assessor, p.manager, p.outsider, p.employer_user):
        with pytest.raises(Http404):
            flow.move(user, match, "presented")
    with pytest.raises(Http404):
        flow.shortlist(p.assessor, w.opening, w.bilal)


def test_a_batch_run_is_reviewed_before_it_is_sent(p, w):
    run = runs.create_run(p.consultant, p.project)
    assert run.status == AssignmentRun.Status.REVIEW and run.places == 2
    proposals = list(run.proposals.order_by("-score"))
    assert [x.candidate for x in proposals] == [w.ahmad, w.chen]  # best total for two places
    assert run.objective == pytest.approx(sum(x.score for x in proposals))
    assert run.upper_bound >= run.objective - 1e-9
    assert not Match.objects.exists()  # nothing sent yet
    sent = runs.send_run(p.consultant, run, leave_out=[proposals[1].pk])
    assert [m.candidate for m in sent] == [w.ahmad] and sent[0].status == "shortlisted"
    assert sent[0].run == run and sent[0].source == "assignment"
    with pytest.raises(ValidationError):
        runs.send_run(p.consultant, run)
    with pytest.raises(Http404):
        runs.create_run(p.outsider, p.project)


def test_fair_runs_and_discarding(p, w):
    run = runs.create_run(p.consultant, p.project, [w.opening.pk], fair=True, min_score=0.2)
    assert run.fair and run.proposals.count() <= 2
    runs.discard_run(p.consultant, run)
    assert AssignmentRun.objects.get(pk=run.pk).status == "discarded"
    assert not Match.objects.exists()


def test_accepted_candidates_and_filled_places_are_not_proposed_again(p, w):
    match = flow.shortlist(p.consultant, w.opening, w.ahmad)
    for status in ("presented", "accepted"):
        flow.move(p.consultant, match, status)
    run = runs.create_run(p.consultant, p.project)
    assert run.places == 1
    assert w.ahmad not in [x.candidate for x in run.proposals.all()]
