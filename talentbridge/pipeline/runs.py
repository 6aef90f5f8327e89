"""Batch assignment for a set of openings: propose, review, then send.

The run proposes the assignment with the highest total score (each candidate at most one
opening, each opening at most its free places), optionally serving as many different
candidates as possible first. Nothing reaches an employer until a consultant sends the run:
then every proposal still included becomes a shortlisted match.
"""

from __future__ import annotations

import time

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.employers.models import Opening
from talentbridge.matching.assign import assign
from talentbridge.matching.evaluation import greedy_assignment
from talentbridge.privacy import audit

from . import access, bridge
from .models import AssignmentRun, Match, MatchEvent, Proposal

Action = audit.AuditEvent.Action


def free_places(openings) -> dict[int, int]:
    """Places of each opening not yet taken by an accepted match."""
    taken = dict(
        Opening.objects.filter(pk__in=[o.pk for o in openings])
        .annotate(n=Count("matches", filter=Q(matches__status=Match.Status.ACCEPTED)))
        .values_list("pk", "n")
    )
    return {o.pk: max(o.capacity - taken.get(o.pk, 0), 0) for o in openings}


@transaction.atomic
def create_run(
    user, project, openings=None, *, fair: bool = False, min_score: float = 0.0, note: str = ""
) -> AssignmentRun:
    """Propose the best assignment of the project's candidates to ``openings`` (default: the
    project's open internships) and keep it for review."""
    access.require_staff(user, project, write=True)
    qs = Opening.objects.filter(project=project, status=Opening.Status.OPEN)
    if openings is None:
        qs = qs.filter(kind=Opening.Kind.INTERNSHIP)
    else:
        ids = [o.pk if hasattr(o, "pk") else int(o) for o in openings]
        qs = qs.filter(pk__in=ids)
        if qs.count() != len(set(ids)):
            raise ValidationError(
                {"openings": _("Every opening must be an open opening of the project.")}
            )
    if not qs.exists():
        raise ValidationError({"openings": _("There are no open openings to assign.")})
    if not 0 <= min_score <= 1:
        raise ValidationError({"min_score": _("The lowest score must be between 0 and 1.")})
    started = time.perf_counter()
    # People who already accepted a place are not proposed again.
    candidates = bridge.matchable_candidates(project).exclude(matches__status=Match.Status.ACCEPTED)
    candidates = candidates.filter(pk__in=access.candidates_for(user).values("pk"))
    population = bridge.load(project, candidates=candidates, openings=qs)
    places = free_places(population.openings)
    capacity = np.array([places[o.pk] for o in population.openings], np.int64)
    run = AssignmentRun.objects.create(
        project=project,
        fair=fair,
        min_score=min_score,
        weights=population.scorer.weights.as_dict(),
        candidates_considered=len(population.candidates),
        places=int(capacity.sum()),
        created_by=user if getattr(user, "pk", None) else None,
        note=note,
    )
    run.openings.set(population.openings)
    proposals = []
    if population.candidates:
        result = assign(population.scorer, capacity=capacity, fair=fair, min_score=min_score)
        run.objective, run.upper_bound = result.objective, result.upper_bound
        scores = population.scorer.scores().astype(np.float64)
        ci, oj = np.nonzero(np.isfinite(scores) & (scores >= min_score))
        greedy = greedy_assignment(ci, oj, scores[ci, oj], capacity)
        run.greedy_objective = float(scores[greedy.candidate, greedy.opening].sum())
        for i, j, score in zip(
            result.candidate.tolist(), result.opening.tolist(), result.score.tolist(), strict=True
        ):
            __, components, da, en = population.explain(i, j)
            proposals.append(
                Proposal(
                    run=run,
                    candidate=population.candidates[i],
                    opening=population.openings[j],
                    score=score,
                    components=components,
                    explanation_da=da,
                    explanation_en=en,
                )
            )
        Proposal.objects.bulk_create(proposals)
    run.seconds = time.perf_counter() - started
    run.save()
    audit.record(
        user,
        Action.CREATE,
        run,
        project_id=project.pk,
        detail={"openings": len(population.openings), "proposals": len(proposals), "fair": fair},
    )
    audit.record_many(user, Action.READ, [p.candidate for p in proposals], detail={"run": run.pk})
    return run


def proposals(run: AssignmentRun):
    return run.proposals.select_related(
        "candidate", "opening__site__employer", "opening__site__municipality"
    )


@transaction.atomic
def send_run(user, run: AssignmentRun, *, leave_out=()) -> list[Match]:
    """Send a reviewed run: each proposal still included (and not in ``leave_out``, proposal
    ids) becomes a shortlisted match."""
    run = access.get_run_or_404(user, run.pk, write=True)
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    if run.status != AssignmentRun.Status.REVIEW:
        raise ValidationError({"status": _("This run was already decided.")})
    leave_out = {int(x) for x in leave_out}
    run.proposals.filter(pk__in=leave_out).update(included=False)
    sent = []
    for proposal in proposals(run).filter(included=True):
        match, created = Match.objects.get_or_create(
            candidate=proposal.candidate,
            opening=proposal.opening,
            defaults={"project": run.project, "source": Match.Source.ASSIGNMENT, "run": run},
        )
        if not created and not match.can_move_to(Match.Status.SHORTLISTED):
            continue  # already further along: leave it as it is
        before = "" if created else match.status
        match.status = Match.Status.SHORTLISTED
        match.status_changed_at = timezone.now()
        match.score = proposal.score
        match.components = proposal.components
        match.explanation_da, match.explanation_en = (
            proposal.explanation_da,
            proposal.explanation_en,
        )
        match.run = run
        match.save()
        MatchEvent.objects.create(
            match=match,
            actor=user if getattr(user, "pk", None) else None,
            actor_label=user.get_username(),
            from_status=before,
            to_status=match.status,
            reason=_("batch assignment #%(run)s") % {"run": run.pk},
        )
        proposal.match = match
        proposal.save(update_fields=["match"])
        sent.append(match)
    run.status = AssignmentRun.Status.SENT
    run.decided_by = user if getattr(user, "pk", None) else None
    run.decided_at = timezone.now()
    run.save()
    audit.record(user, Action.UPDATE, run, project_id=run.project_id, detail={"sent": len(sent)})
    return sent


@transaction.atomic
def discard_run(user, run: AssignmentRun) -> AssignmentRun:
    run = access.get_run_or_404(user, run.pk, write=True)
    if run.status != AssignmentRun.Status.REVIEW:
        raise ValidationError({"status": _("This run was already decided.")})
    run.status = AssignmentRun.Status.DISCARDED
    run.decided_by = user if getattr(user, "pk", None) else None
    run.decided_at = timezone.now()
    run.save()
    audit.record(user, Action.UPDATE, run, project_id=run.project_id, detail={"status": run.status})
    return run
