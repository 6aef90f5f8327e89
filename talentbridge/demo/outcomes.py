"""What became of the demo's people: pathway steps and follow-ups with their outcomes."""

from __future__ import annotations

from datetime import timedelta

from talentbridge.accounts.models import User
from talentbridge.pathways.models import FollowUp, PathwayStep

from . import population as pop
from .sampling import bulk, weighted


def make_pathways(gen, summary) -> None:
    """Steps for people who could work, with follow-ups whose outcomes are known by ``as_of``."""
    rng = gen.rng
    consultant = User.objects.filter(username="consultant").first()
    employers = gen.employer_list
    steps, plans = [], []
    for candidate, person in zip(gen.candidates, gen.persons, strict=True):
        if candidate.pk not in gen.signed or not person.work_allowed_from:
            continue
        start = max(
            person.work_allowed_from, candidate.arrived_on or person.arrived_on
        ) + timedelta(days=rng.randrange(20, 200))
        if start >= gen.as_of or rng.random() < 0.35:
            continue
        # Better-educated people and those with Danish do a little better: a gentle, visible signal.
        p_job = (
            0.25 + 0.04 * min(person.isced_level, 6) + 0.08 * pop.CEFR_LEVELS.index(person.danish)
        )
        employer = rng.choice(employers)
        kind = weighted(
            rng,
            [
                PathwayStep.Kind.INTERNSHIP,
                PathwayStep.Kind.DANISH_LESSONS,
                PathwayStep.Kind.EDUCATION,
            ],
            [0.7, 0.2, 0.1],
        )
        end = start + timedelta(weeks=13 if kind == PathwayStep.Kind.INTERNSHIP else 26)
        hired = kind == PathwayStep.Kind.INTERNSHIP and rng.random() < p_job
        first = PathwayStep(
            candidate=candidate,
            project_id=candidate.project_id,
            kind=kind,
            employer=employer if kind == PathwayStep.Kind.INTERNSHIP else None,
            provider=""
            if kind == PathwayStep.Kind.INTERNSHIP
            else rng.choice(("Sprogcenter Midt", "VUC Vest", "Erhvervsskolen")),
            municipality=candidate.municipality,
            starts_on=start,
            ends_on=end if end < gen.as_of else None,
            hours_per_week=rng.choice((15, 20, 25, 30)),
            ending=(PathwayStep.Ending.HIRED if hired else PathwayStep.Ending.COMPLETED)
            if end < gen.as_of
            else "",
            created_by=consultant,
        )
        steps.append(first)
        plans.append((first, hired))
        if hired and end < gen.as_of:
            job_kind = weighted(
                rng,
                [PathwayStep.Kind.JOB, PathwayStep.Kind.IGU, PathwayStep.Kind.WAGE_SUBSIDY],
                [0.5, 0.3, 0.2],
            )
            job = PathwayStep(
                candidate=candidate,
                project_id=candidate.project_id,
                kind=job_kind,
                employer=employer,
                municipality=candidate.municipality,
                starts_on=end + timedelta(days=1),
                hours_per_week=rng.choice((25, 30, 37)),
                time_limited=job_kind != PathwayStep.Kind.JOB,
                created_by=consultant,
            )
            steps.append(job)
            plans.append((job, True))
    steps = bulk(PathwayStep, steps)
    follow_ups = []
    for step, (_, good) in zip(steps, plans, strict=True):
        for months in (3, 6, 12):
            due = step.starts_on + timedelta(days=round(30.44 * months))
            done = due <= gen.as_of and rng.random() < 0.9
            outcome = ""
            if done:
                if step.kind in (
                    PathwayStep.Kind.JOB,
                    PathwayStep.Kind.IGU,
                    PathwayStep.Kind.WAGE_SUBSIDY,
                ):
                    outcome = (
                        FollowUp.Outcome.EMPLOYED
                        if rng.random() < 0.85
                        else FollowUp.Outcome.UNEMPLOYED
                    )
                elif step.kind == PathwayStep.Kind.EDUCATION:
                    outcome = (
                        FollowUp.Outcome.IN_EDUCATION
                        if rng.random() < 0.8
                        else FollowUp.Outcome.UNEMPLOYED
                    )
                else:
                    outcome = (
                        FollowUp.Outcome.EMPLOYED
                        if good
                        else weighted(
                            rng,
                            [
                                FollowUp.Outcome.UNEMPLOYED,
                                FollowUp.Outcome.IN_EDUCATION,
                                FollowUp.Outcome.UNKNOWN,
                                FollowUp.Outcome.MOVED_AWAY,
                            ],
                            [0.6, 0.15, 0.2, 0.05],
                        )
                    )
            follow_ups.append(
                FollowUp(
                    step=step,
                    months=months,
                    due_on=due,
                    done_on=due if done else None,
                    outcome=outcome,
                    hours_per_week=step.hours_per_week
                    if outcome == FollowUp.Outcome.EMPLOYED
                    else None,
                )
            )
    bulk(FollowUp, follow_ups)
    summary.pathway_steps = len(steps)
