"""A seeded, lifelike programme for the browser test and screenshots (not hand-counted)."""

from __future__ import annotations

import datetime as dt
import random

from talentbridge.candidates.models import Assessment, Candidate
from talentbridge.employers.models import Interaction, Site
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways import cache
from talentbridge.pathways.models import FollowUp, PathwayStep, add_months
from talentbridge.pathways.tests.helpers import make_employer
from talentbridge.reports.models import Target

NATIONALITIES = ["SY", "SY", "SY", "AF", "AF", "ER", "ER", "IQ", "UA", "SO", "IR"]


def build_sample(p, *, n: int = 400, seed: int = 42, today: dt.date | None = None) -> None:
    rng = random.Random(seed)
    today = today or dt.date.today()
    start = today.replace(year=today.year - 2, day=1)
    municipalities = list(
        Municipality.objects.filter(code__in=["0751", "0657", "0101", "0461", "0851", "0661"])
    )
    employers = [make_employer(p.project, f"Virksomhed {i}") for i in range(40)]
    Site.objects.bulk_create(
        [
            Site(employer=e, name="Hovedsæde", municipality=rng.choice(municipalities))
            for e in employers
        ]
    )
    people = []
    for i in range(n):
        project = p.project if i % 4 else p.other_project
        people.append(
            Candidate(
                project=project,
                organisation=p.ngo if project == p.project else p.other_ngo,
                reference=f"TB-S{seed}{i:05d}",
                birth_year=rng.randint(1965, 2005),
                gender=rng.choices(["female", "male", "other"], [0.45, 0.53, 0.02])[0],
                nationality=rng.choice(NATIONALITIES),
                asylum_status="granted",
                arrived_on=start - dt.timedelta(days=rng.randint(30, 400)),
                municipality=rng.choice(municipalities),
            )
        )
    people = Candidate.objects.bulk_create(people)
    registered = {c.pk: start + dt.timedelta(days=rng.randint(0, 600)) for c in people}
    for c in people:
        Candidate.objects.filter(pk=c.pk).update(
            created_at=dt.datetime.combine(registered[c.pk], dt.time(12), tzinfo=dt.UTC)
        )
    assessments, steps = [], []
    for c in people:
        day = registered[c.pk] + dt.timedelta(days=rng.randint(5, 60))
        if rng.random() < 0.8 and day < today:
            assessments.append(Assessment(candidate=c, status="signed_off", assessed_on=day))
            if rng.random() < 0.7:
                s = day + dt.timedelta(days=rng.randint(20, 120))
                if s < today:
                    steps.append(
                        PathwayStep(
                            candidate=c,
                            project=c.project,
                            kind="internship",
                            starts_on=s,
                            ends_on=s + dt.timedelta(days=91),
                            employer=rng.choice(employers),
                            hours_per_week=25,
                            source_match_id=None if rng.random() < 0.5 else c.pk,
                        )
                    )
                    if rng.random() < (0.5 if c.gender == "male" else 0.35):
                        j = s + dt.timedelta(days=rng.randint(60, 200))
                        if j < today:
                            steps.append(
                                PathwayStep(
                                    candidate=c,
                                    project=c.project,
                                    kind=rng.choice(["job", "job", "igu", "wage_subsidy"]),
                                    starts_on=j,
                                    employer=rng.choice(employers),
                                    hours_per_week=32,
                                )
                            )
                    elif rng.random() < 0.2:
                        e = s + dt.timedelta(days=rng.randint(60, 200))
                        if e < today:
                            steps.append(
                                PathwayStep(
                                    candidate=c,
                                    project=c.project,
                                    kind="education",
                                    starts_on=e,
                                    provider="Erhvervsskolen",
                                )
                            )
    Assessment.objects.bulk_create(assessments)
    steps = PathwayStep.objects.bulk_create(steps)
    follow_ups = []
    for s in steps:
        if s.kind in ("danish_lessons", "course"):
            continue
        for months in (3, 6, 12):
            due = add_months(s.starts_on, months)
            done = due < today and rng.random() < 0.8
            follow_ups.append(
                FollowUp(
                    step=s,
                    candidate_id=s.candidate_id,
                    months=months,
                    due_on=due,
                    done_on=due if done else None,
                    outcome=(
                        rng.choice(["employed", "employed", "unemployed", "unknown"])
                        if done
                        else ""
                    ),
                )
            )
    FollowUp.objects.bulk_create(follow_ups)
    interactions = []
    for e in employers:
        for _ in range(rng.randint(1, 4)):
            interactions.append(
                Interaction(
                    project=p.project,
                    employer=e,
                    kind=rng.choice(["contacted", "advised", "hosting"]),
                    date=start + dt.timedelta(days=rng.randint(0, 650)),
                )
            )
    Interaction.objects.bulk_create(interactions)
    Target.objects.create(project=p.project, figure="participants", value=350)
    Target.objects.create(project=p.project, figure="assessed", value=300)
    Target.objects.create(
        project=p.project, figure="employed", value="0.3333", of_figure="participants"
    )
    Target.objects.create(project=p.project, figure="companies_contacted", value=60)
    cache.refresh()
