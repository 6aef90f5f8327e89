"""The demand side of the demo: companies with sites, contacts, contact history, needs, openings."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from talentbridge.accounts.models import Membership, Organisation, Role, User
from talentbridge.employers.models import (
    Contact,
    Employer,
    Interaction,
    Need,
    Opening,
    OpeningSkill,
    Site,
)

from . import companies as co
from .sampling import bulk, site_municipality, weighted

OPENING_KINDS = [
    (Opening.Kind.INTERNSHIP, 0.45),
    (Opening.Kind.IGU, 0.15),
    (Opening.Kind.WAGE_SUBSIDY, 0.1),
    (Opening.Kind.JOB, 0.2),
    (Opening.Kind.EDUCATION, 0.1),
]


def make_demand(gen, summary) -> None:
    """Companies, sites, contacts, contact history, needs and openings."""
    rng = gen.rng
    n_companies = max(12, gen.n // 6)
    main, other = gen.projects
    employers, sites, contacts, interactions, needs, openings = [], [], [], [], [], []
    employer_sector, site_employer = [], []
    seen_cvr = set(Employer.objects.values_list("cvr", flat=True))
    for _ in range(n_companies):
        sector = co.draw_sector(rng)
        home = site_municipality(gen, sector)
        cvr = co.make_cvr(rng)
        while cvr in seen_cvr:
            cvr = co.make_cvr(rng)
        seen_cvr.add(cvr)
        size = weighted(rng, [s for s in Employer.Size.values], [0.35, 0.35, 0.2, 0.1])
        employers.append(
            Employer(
                cvr=cvr,
                name=co.company_name(rng, sector, home.name),
                industry_code=sector.db07,
                industry_name=sector.name_da,
                size=size,
                consultant=None,
            )
        )
        employer_sector.append((sector, home))
    employers = bulk(Employer, employers)
    through = Employer.projects.through
    links = []
    for i, employer in enumerate(employers):
        project = main if i % 4 else other
        links.append(through(employer_id=employer.pk, project_id=project.pk))
        if i % 10 == 0:
            links.append(
                through(employer_id=employer.pk, project_id=(other if project is main else main).pk)
            )
    bulk(through, links)
    gen.employer_projects = defaultdict(list)
    for link in links:
        gen.employer_projects[link.employer_id].append(link.project_id)

    for employer, (sector, home) in zip(employers, employer_sector, strict=True):
        n_sites = 1 if employer.size in ("1-9", "10-49") else rng.randint(1, 3)
        for s in range(n_sites):
            municipality = home if s == 0 else site_municipality(gen, sector)
            sites.append(
                Site(
                    employer=employer,
                    name=municipality.name if s else "Hovedkontor",
                    address=f"{rng.choice(('Industrivej', 'Hovedgaden', 'Erhvervsvej', 'Fabriksvej'))} {rng.randint(1, 80)}, {municipality.name}",
                    municipality=municipality,
                )
            )
            site_employer.append((employer, sector))
        contacts.append(
            Contact(
                employer=employer,
                name=f"{rng.choice(('Lars', 'Mette', 'Jens', 'Hanne', 'Søren', 'Lone'))} {rng.choice(('Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen'))}",
                role=rng.choice(("HR", "Produktionschef", "Direktør", "Afdelingsleder")),
                email=f"kontakt{employer.cvr}@example.dk",
            )
        )
    sites = bulk(Site, sites)
    bulk(Contact, contacts)

    consultant = User.objects.filter(username="consultant").first()
    kinds_seen = Counter()
    for employer in employers:
        project_id = gen.employer_projects[employer.pk][0]
        first = gen.as_of - timedelta(days=rng.randrange(30, 700))
        interactions.append(
            Interaction(
                employer=employer,
                project_id=project_id,
                kind=Interaction.Kind.CONTACTED,
                date=first,
                consultant=consultant,
                note="Første kontakt",
            )
        )
        kinds_seen["contacted"] += 1
        if rng.random() < 0.25:  # contacted again: a company contacted twice still counts once
            interactions.append(
                Interaction(
                    employer=employer,
                    project_id=project_id,
                    kind=Interaction.Kind.CONTACTED,
                    date=first + timedelta(days=30),
                    consultant=consultant,
                )
            )
            kinds_seen["contacted"] += 1
        for kind, p in (
            (Interaction.Kind.ADVISED, 0.6),
            (Interaction.Kind.EVENT, 0.3),
            (Interaction.Kind.TRAINING, 0.1),
            (Interaction.Kind.HOSTING, 0.15),
        ):
            if rng.random() < p:
                day = min(gen.as_of, first + timedelta(days=rng.randrange(7, 200)))
                follow = day + timedelta(days=30) if rng.random() < 0.3 else None
                interactions.append(
                    Interaction(
                        employer=employer,
                        project_id=project_id,
                        kind=kind,
                        date=day,
                        consultant=consultant,
                        follow_up_on=follow,
                    )
                )
                kinds_seen[str(kind)] += 1
    bulk(Interaction, interactions)
    summary.interactions_by_kind = dict(kinds_seen)

    planted = Counter()
    need_skills, opening_skills = [], []
    for site, (employer, sector) in zip(sites, site_employer, strict=True):
        project_id = gen.employer_projects[employer.pk][0]
        for _ in range(rng.randint(1, 3)):
            occupation = gen.cat.occupation_for_sector(rng, sector)
            count = rng.randint(1, 5)
            active = rng.random() < 0.85
            needs.append(
                Need(
                    site=site,
                    project_id=project_id,
                    occupation_id=occupation.concept_id,
                    count=count,
                    needed_by=gen.as_of + timedelta(days=rng.randrange(30, 365)),
                    urgency=rng.choice(Need.Urgency.values),
                    surveyed_on=gen.as_of - timedelta(days=rng.randrange(0, 400)),
                    active=active,
                )
            )
            need_skills.append(occupation)
            if active:
                planted[(site.municipality.code, occupation.uri)] += count
        if rng.random() < 0.6:
            for _ in range(rng.randint(1, 3)):
                occupation = gen.cat.occupation_for_sector(rng, sector)
                kind = weighted(rng, [k for k, _ in OPENING_KINDS], [w for _, w in OPENING_KINDS])
                starts = gen.as_of + timedelta(days=rng.randrange(-60, 120))
                weeks = (
                    13
                    if kind == Opening.Kind.INTERNSHIP
                    else (104 if kind == Opening.Kind.IGU else 52)
                )
                danish = rng.choice(("", "", "A1", "A2", "B1"))
                openings.append(
                    Opening(
                        project_id=project_id,
                        site=site,
                        kind=kind,
                        title=occupation.label_da or occupation.label_en,
                        description=f"{occupation.label_da or occupation.label_en} hos {employer.name}.",
                        occupation_id=occupation.concept_id,
                        status=weighted(rng, Opening.Status.values, [0.1, 0.7, 0.1, 0.1]),
                        capacity=weighted(rng, [1, 2, 3, 4, 5], [0.5, 0.2, 0.15, 0.1, 0.05]),
                        starts_on=starts,
                        ends_on=starts + timedelta(weeks=weeks),
                        hours_per_week=rng.choice((20, 25, 30, 37)),
                        danish_min=danish,
                        danish_hard=bool(danish) and rng.random() < 0.3,
                        english_min=rng.choice(("", "", "", "A2", "B1")),
                        english_hard=False,
                        driving_licence="C"
                        if occupation.isco.startswith("833")
                        else ("B" if rng.random() < 0.08 else ""),
                    )
                )
                opening_skills.append(occupation)
    needs = bulk(Need, needs)
    need_through = Need.skills.through
    bulk(
        need_through,
        [
            need_through(need_id=need.pk, concept_id=skill.concept_id)
            for need, occupation in zip(needs, need_skills, strict=True)
            for skill in occupation.essential[:3]
        ],
    )
    openings = bulk(Opening, openings)
    rows = []
    for opening, occupation in zip(openings, opening_skills, strict=True):
        essential = gen.rng.sample(
            occupation.essential, k=min(len(occupation.essential), gen.rng.randint(3, 5))
        )
        optional = gen.rng.sample(
            occupation.optional, k=min(len(occupation.optional), gen.rng.randint(1, 3))
        )
        rows += [
            OpeningSkill(opening=opening, skill_id=s.concept_id, essential=True) for s in essential
        ]
        rows += [
            OpeningSkill(opening=opening, skill_id=s.concept_id, essential=False)
            for s in optional
            if s not in essential
        ]
    bulk(OpeningSkill, rows)
    summary.employers = len(employers)
    summary.openings = len(openings)
    summary.needs_by_municipality = dict(planted)
    gen.employer_list = employers
    gen.employer_sites = sites

    # The demo employer user works for the first company of the main project.
    first = next(e for e in employers if gen.projects[0].pk in gen.employer_projects[e.pk])
    org = Organisation.objects.create(
        name=first.name,
        kind=Organisation.Kind.EMPLOYER,
        municipality=Site.objects.filter(employer=first).first().municipality,
    )
    org.projects.add(gen.projects[0])
    Employer.objects.filter(pk=first.pk).update(organisation=org, consultant=consultant)
    employer_user = User.objects.filter(username="employer").first()
    if employer_user:
        Membership.objects.get_or_create(
            user=employer_user, organisation=org, role=Role.EMPLOYER_USER
        )


# -- people ------------------------------------------------------------------------------
