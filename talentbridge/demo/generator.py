"""The seeded demo programme: one generator for the tests, the benchmarks and `make demo`.

``generate(seed=42, candidates=300)`` writes a realistic synthetic programme — partner
organisations, people in households with assessments and consents, companies with sites,
needs and openings, contact history, pathways with follow-ups, and this year's quotas — and
returns a :class:`DemoSummary` with the numbers it planted, so tests can check figures
against them. The same seed and ``as_of`` date give the same data. Everything is written
with bulk inserts in one transaction, so ``--candidates 100000`` is practical.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from talentbridge.accounts.models import Membership, Organisation, Programme, Project, Role, User
from talentbridge.candidates.models import (
    AssessedSkill,
    Assessment,
    Candidate,
    EducationEntry,
    EvidenceLevel,
    Household,
    LanguageSkill,
    PersonalDetails,
    WorkExperience,
)
from talentbridge.employers.models import Contact, Employer, Interaction, Need, Opening, OpeningSkill, Site
from talentbridge.municipalities.models import Municipality, Quota
from talentbridge.municipalities.services import load_builtin
from talentbridge.pathways.models import FollowUp, PathwayStep
from talentbridge.privacy.models import Consent

from . import companies as co
from . import population as pop
from .catalogue import Catalogue, load_catalogue

DEMO_PASSWORD = "talentbridge-demo"
BATCH = 2000

# Demo logins, one per role: (username, role, organisation key, full name)
DEMO_USERS = [
    ("assessor", Role.ASSESSOR, "ngo", "Anna Assessor"),
    ("consultant", Role.BUSINESS_CONSULTANT, "ngo", "Bo Konsulent"),
    ("employer", Role.EMPLOYER_USER, "employer", "Eva Arbejdsgiver"),
    ("caseworker", Role.CASEWORKER, "municipality", "Carl Sagsbehandler"),
    ("placement", Role.PLACEMENT_OFFICER, "authority", "Pia Placering"),
    ("manager", Role.PROGRAMME_MANAGER, "ngo", "Mette Programleder"),
    ("admin", Role.ADMINISTRATOR, "ngo", "Adam Administrator"),
]

PARTNER_MUNICIPALITIES = ["0657", "0661", "0756", "0751", "0630", "0615"]  # Herning, Holstebro, Ikast-Brande, Aarhus, Vejle, Horsens
EVIDENCE_WEIGHTS = {
    EvidenceLevel.SELF_REPORTED: 0.45,
    EvidenceLevel.ASSESSOR_CHECKED: 0.35,
    EvidenceLevel.SHOWN_IN_PRACTICE: 0.15,
    EvidenceLevel.CERTIFIED: 0.05,
}
OPENING_KINDS = [
    (Opening.Kind.INTERNSHIP, 0.45),
    (Opening.Kind.IGU, 0.15),
    (Opening.Kind.WAGE_SUBSIDY, 0.1),
    (Opening.Kind.JOB, 0.2),
    (Opening.Kind.EDUCATION, 0.1),
]


@dataclass
class DemoSummary:
    seed: int
    as_of: date
    programme_id: int
    project_codes: list[str]
    candidates: int = 0
    households: int = 0
    persons: int = 0
    assessed: int = 0
    employers: int = 0
    openings: int = 0
    pathway_steps: int = 0
    # Planted demand: (municipality code, occupation URI) -> people needed, active needs only.
    needs_by_municipality: dict[tuple[str, str], int] = field(default_factory=dict)
    interactions_by_kind: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def _weighted(rng: Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


class _Generator:
    def __init__(self, seed: int, n_candidates: int, as_of: date, catalogue: Catalogue):
        self.rng = Random(seed)
        self.seed = seed
        self.n = n_candidates
        self.as_of = as_of
        self.cat = catalogue
        if not Municipality.objects.exists():  # flushed by a transactional test
            load_builtin()
        self.municipalities = list(Municipality.objects.select_related("region").order_by("code"))
        self.by_code = {m.code: m for m in self.municipalities}

    # -- organisations and people who work in the programme -----------------------------------

    def organisations(self) -> None:
        self.programme = Programme.objects.create(
            name=f"Talent Management (demo {self.seed})",
            description="A synthetic programme generated for demonstration and tests.",
        )
        start = self.as_of.replace(day=1) - timedelta(days=730)
        self.projects = [
            Project.objects.create(
                programme=self.programme, code=f"vest-{self.seed}", name="Talent Vest",
                starts_on=start, ends_on=start + timedelta(days=365 * 4),
            ),
            Project.objects.create(
                programme=self.programme, code=f"oest-{self.seed}", name="Talent Øst",
                starts_on=start, ends_on=start + timedelta(days=365 * 4),
            ),
        ]
        main, other = self.projects
        K = Organisation.Kind
        self.ngo = Organisation.objects.create(name="Integrationsenheden (demo)", kind=K.NGO)
        self.ngo_east = Organisation.objects.create(name="Integrationsenheden Øst (demo)", kind=K.NGO)
        self.centres = [
            Organisation.objects.create(name=name, kind=K.ASYLUM_CENTRE, municipality=self.by_code[code])
            for name, code in (("Asylcenter Vest (demo)", "0661"), ("Asylcenter Midt (demo)", "0657"), ("Asylcenter Sjælland (demo)", "0330"))
        ]
        self.authority = Organisation.objects.create(name="Placeringsmyndigheden (demo)", kind=K.AUTHORITY)
        self.municipality_orgs = {
            code: Organisation.objects.create(name=f"{self.by_code[code].name} Kommune", kind=K.MUNICIPALITY, municipality=self.by_code[code])
            for code in PARTNER_MUNICIPALITIES
        }
        for org in (self.ngo, self.authority, *self.centres[:2], *self.municipality_orgs.values()):
            org.projects.add(main)
        for org in (self.ngo_east, self.authority, self.centres[2]):
            org.projects.add(other)

    def demo_users(self) -> list[tuple[str, str, str]]:
        """One login per role. The employer user joins its company in :meth:`employers`."""
        orgs = {"ngo": self.ngo, "municipality": self.municipality_orgs["0657"], "authority": self.authority}
        logins = []
        password_hash = make_password(DEMO_PASSWORD)  # hashing is slow on purpose: do it once
        for username, role, org_key, full_name in DEMO_USERS:
            first, last = full_name.split(" ", 1)
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
            if created:
                user.password = password_hash
                user.is_staff = role == Role.ADMINISTRATOR
                user.is_superuser = role == Role.ADMINISTRATOR
                user.save()
            if org_key in orgs:
                Membership.objects.get_or_create(user=user, organisation=orgs[org_key], role=role)
            logins.append((username, DEMO_PASSWORD, str(role.label)))
        return logins

    # -- demand ------------------------------------------------------------------------------

    def _site_municipality(self, sector: co.Sector) -> Municipality:
        weights = [sector.region_weights.get(m.region.code, 1.0) * math.sqrt(m.population) for m in self.municipalities]
        return _weighted(self.rng, self.municipalities, weights)

    def employers(self, summary: DemoSummary) -> None:
        rng = self.rng
        n_companies = max(12, self.n // 6)
        main, other = self.projects
        employers, sites, contacts, interactions, needs, openings = [], [], [], [], [], []
        employer_sector, site_employer = [], []
        seen_cvr = set(Employer.objects.values_list("cvr", flat=True))
        for i in range(n_companies):
            sector = co.draw_sector(rng)
            home = self._site_municipality(sector)
            cvr = co.make_cvr(rng)
            while cvr in seen_cvr:
                cvr = co.make_cvr(rng)
            seen_cvr.add(cvr)
            size = _weighted(rng, [s for s in Employer.Size.values], [0.35, 0.35, 0.2, 0.1])
            employers.append(Employer(
                cvr=cvr, name=co.company_name(rng, sector, home.name), industry_code=sector.db07,
                industry_name=sector.name_da, size=size, consultant=None,
            ))
            employer_sector.append((sector, home))
        employers = _bulk(Employer, employers)
        through = Employer.projects.through
        links = []
        for i, employer in enumerate(employers):
            project = main if i % 4 else other
            links.append(through(employer_id=employer.pk, project_id=project.pk))
            if i % 10 == 0:
                links.append(through(employer_id=employer.pk, project_id=(other if project is main else main).pk))
        _bulk(through, links)
        self.employer_projects = defaultdict(list)
        for link in links:
            self.employer_projects[link.employer_id].append(link.project_id)

        for employer, (sector, home) in zip(employers, employer_sector):
            n_sites = 1 if employer.size in ("1-9", "10-49") else rng.randint(1, 3)
            for s in range(n_sites):
                municipality = home if s == 0 else self._site_municipality(sector)
                sites.append(Site(employer=employer, name=municipality.name if s else "Hovedkontor",
                                  address=f"{rng.choice(('Industrivej', 'Hovedgaden', 'Erhvervsvej', 'Fabriksvej'))} {rng.randint(1, 80)}, {municipality.name}",
                                  municipality=municipality))
                site_employer.append((employer, sector))
            contacts.append(Contact(employer=employer, name=f"{rng.choice(('Lars', 'Mette', 'Jens', 'Hanne', 'Søren', 'Lone'))} {rng.choice(('Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen'))}",
                                    role=rng.choice(("HR", "Produktionschef", "Direktør", "Afdelingsleder")),
                                    email=f"kontakt{employer.cvr}@example.dk"))
        sites = _bulk(Site, sites)
        _bulk(Contact, contacts)

        consultant = User.objects.filter(username="consultant").first()
        kinds_seen = Counter()
        for employer in employers:
            project_id = self.employer_projects[employer.pk][0]
            first = self.as_of - timedelta(days=rng.randrange(30, 700))
            interactions.append(Interaction(employer=employer, project_id=project_id, kind=Interaction.Kind.CONTACTED, date=first, consultant=consultant, note="Første kontakt"))
            kinds_seen["contacted"] += 1
            if rng.random() < 0.25:  # contacted again: a company contacted twice still counts once
                interactions.append(Interaction(employer=employer, project_id=project_id, kind=Interaction.Kind.CONTACTED, date=first + timedelta(days=30), consultant=consultant))
                kinds_seen["contacted"] += 1
            for kind, p in ((Interaction.Kind.ADVISED, 0.6), (Interaction.Kind.EVENT, 0.3), (Interaction.Kind.TRAINING, 0.1), (Interaction.Kind.HOSTING, 0.15)):
                if rng.random() < p:
                    day = min(self.as_of, first + timedelta(days=rng.randrange(7, 200)))
                    follow = day + timedelta(days=30) if rng.random() < 0.3 else None
                    interactions.append(Interaction(employer=employer, project_id=project_id, kind=kind, date=day, consultant=consultant, follow_up_on=follow))
                    kinds_seen[str(kind)] += 1
        _bulk(Interaction, interactions)
        summary.interactions_by_kind = dict(kinds_seen)

        planted = Counter()
        need_skills, opening_skills = [], []
        for site, (employer, sector) in zip(sites, site_employer):
            project_id = self.employer_projects[employer.pk][0]
            for _ in range(rng.randint(1, 3)):
                occupation = self.cat.occupation_for_sector(rng, sector)
                count = rng.randint(1, 5)
                active = rng.random() < 0.85
                needs.append(Need(site=site, project_id=project_id, occupation_id=occupation.concept_id, count=count,
                                  needed_by=self.as_of + timedelta(days=rng.randrange(30, 365)),
                                  urgency=rng.choice(Need.Urgency.values), surveyed_on=self.as_of - timedelta(days=rng.randrange(0, 400)),
                                  active=active))
                need_skills.append(occupation)
                if active:
                    planted[(site.municipality.code, occupation.uri)] += count
            if rng.random() < 0.6:
                for _ in range(rng.randint(1, 3)):
                    occupation = self.cat.occupation_for_sector(rng, sector)
                    kind = _weighted(rng, [k for k, _ in OPENING_KINDS], [w for _, w in OPENING_KINDS])
                    starts = self.as_of + timedelta(days=rng.randrange(-60, 120))
                    weeks = 13 if kind == Opening.Kind.INTERNSHIP else (104 if kind == Opening.Kind.IGU else 52)
                    danish = rng.choice(("", "", "A1", "A2", "B1"))
                    openings.append(Opening(
                        project_id=project_id, site=site, kind=kind, title=occupation.label_da or occupation.label_en,
                        description=f"{occupation.label_da or occupation.label_en} hos {employer.name}.",
                        occupation_id=occupation.concept_id,
                        status=_weighted(rng, Opening.Status.values, [0.1, 0.7, 0.1, 0.1]),
                        capacity=_weighted(rng, [1, 2, 3, 4, 5], [0.5, 0.2, 0.15, 0.1, 0.05]),
                        starts_on=starts, ends_on=starts + timedelta(weeks=weeks),
                        hours_per_week=rng.choice((20, 25, 30, 37)),
                        danish_min=danish, danish_hard=bool(danish) and rng.random() < 0.3,
                        english_min=rng.choice(("", "", "", "A2", "B1")), english_hard=False,
                        driving_licence="C" if occupation.isco.startswith("833") else ("B" if rng.random() < 0.08 else ""),
                    ))
                    opening_skills.append(occupation)
        needs = _bulk(Need, needs)
        need_through = Need.skills.through
        _bulk(need_through, [
            need_through(need_id=need.pk, concept_id=skill.concept_id)
            for need, occupation in zip(needs, need_skills)
            for skill in occupation.essential[:3]
        ])
        openings = _bulk(Opening, openings)
        rows = []
        for opening, occupation in zip(openings, opening_skills):
            essential = self.rng.sample(occupation.essential, k=min(len(occupation.essential), self.rng.randint(3, 5)))
            optional = self.rng.sample(occupation.optional, k=min(len(occupation.optional), self.rng.randint(1, 3)))
            rows += [OpeningSkill(opening=opening, skill_id=s.concept_id, essential=True) for s in essential]
            rows += [OpeningSkill(opening=opening, skill_id=s.concept_id, essential=False) for s in optional if s not in essential]
        _bulk(OpeningSkill, rows)
        summary.employers = len(employers)
        summary.openings = len(openings)
        summary.needs_by_municipality = dict(planted)
        self.employer_list = employers
        self.employer_sites = sites

        # The demo employer user works for the first company of the main project.
        first = next(e for e in employers if self.projects[0].pk in self.employer_projects[e.pk])
        org = Organisation.objects.create(name=first.name, kind=Organisation.Kind.EMPLOYER,
                                          municipality=Site.objects.filter(employer=first).first().municipality)
        org.projects.add(self.projects[0])
        Employer.objects.filter(pk=first.pk).update(organisation=org, consultant=consultant)
        employer_user = User.objects.filter(username="employer").first()
        if employer_user:
            Membership.objects.get_or_create(user=employer_user, organisation=org, role=Role.EMPLOYER_USER)

    # -- people ------------------------------------------------------------------------------

    def people(self, summary: DemoSummary) -> None:
        rng = self.rng
        main, other = self.projects
        drafts: list[pop.HouseholdDraft] = []
        total = 0
        while total < self.n:
            draft = pop.draw_household(rng, self.as_of)
            draft.adults = draft.adults[: self.n - total]
            drafts.append(draft)
            total += len(draft.adults)
        households = []
        for i, draft in enumerate(drafts):
            project = main if i % 10 < 7 else other
            tie = ""
            tie_municipality = None
            if draft.adults[0].asylum_status == "granted" and rng.random() < 0.06:
                tie = rng.choice([Household.TieKind.JOB_OFFER, Household.TieKind.FAMILY, Household.TieKind.IGU])
                tie_municipality = self._site_municipality(co.draw_sector(rng))
            households.append(Household(project=project, size=draft.size, tie_kind=tie, tie_municipality=tie_municipality,
                                        tie_note="Kontrakt fremvist" if tie in ("job_offer", "igu") else "",
                                        needs=rng.choice(("", "", "", "Skolepladser til to børn", "Handicapvenlig bolig"))))
        households = _bulk(Household, households)

        candidates, persons = [], []
        for household, draft in zip(households, drafts):
            project = household.project
            ngo = self.ngo if project == main else self.ngo_east
            centre = self.centres[rng.randrange(2)] if project == main else self.centres[2]
            for person in draft.adults:
                granted = person.asylum_status in ("granted", "family_reunified")
                municipality = None
                if household.tie_municipality_id:
                    municipality = household.tie_municipality
                elif granted:
                    municipality = _weighted(rng, self.municipalities, [m.population for m in self.municipalities])
                candidates.append(Candidate(
                    project=project, organisation=ngo, household=household, birth_year=person.birth_year,
                    gender=person.gender, nationality=person.nationality, asylum_centre=None if granted else centre,
                    asylum_status=person.asylum_status, arrived_on=person.arrived_on, status_since=person.status_since,
                    work_allowed_from=person.work_allowed_from, municipality=municipality,
                ))
                persons.append(person)
        candidates = _bulk(Candidate, candidates)
        _bulk(PersonalDetails, [
            PersonalDetails(candidate=c, first_name=p.first_name, last_name=p.last_name, date_of_birth=p.date_of_birth,
                            phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                            case_number=f"{rng.randint(10, 99)}-{rng.randint(100000, 999999)}")
            for c, p in zip(candidates, persons)
        ])
        summary.candidates = len(candidates)
        summary.households = len(households)
        summary.persons = sum(h.size for h in households)
        self.candidates = candidates
        self.persons = persons
        self.assessments(summary)
        self.consents()

    def assessments(self, summary: DemoSummary) -> None:
        rng = self.rng
        assessor = User.objects.filter(username="assessor").first()
        assessments, plans = [], []
        for candidate, person in zip(self.candidates, self.persons):
            if rng.random() < 0.1:  # registered, not yet assessed
                continue
            signed = rng.random() < 0.85
            assessed_on = min(self.as_of, person.arrived_on + timedelta(days=rng.randrange(14, 120)))
            occupations = self.cat.occupations_for_person(rng, person)
            assessments.append(Assessment(
                candidate=candidate, version=1, assessor=assessor,
                status=Assessment.Status.SIGNED_OFF if signed else Assessment.Status.DRAFT,
                interpreter_language=person.mother_tongue if person.danish in ("pre-A1", "A1") and person.english in ("pre-A1", "A1", "A2") else "",
                assessed_on=assessed_on, signed_off_by=assessor if signed else None,
                wants_job=True, wants_education=person.isced_level >= 3 and rng.random() < 0.3,
                wants_danish_lessons=True, willing_to_move=rng.random() < 0.7,
                max_distance_km=rng.choice((20, 40, 60, 100, 200)),
                digital_level=rng.choice(Assessment.DigitalLevel.values), driving_licences=person.licences,
                appraisal="Motiveret og mødestabil." if rng.random() < 0.5 else "Har brug for sprogstøtte i starten.",
                next_steps=rng.choice(("Virksomhedspraktik inden for faget.", "Danskundervisning og praktik.", "Realkompetencevurdering af uddannelse.")),
                preferred_sectors=[rng.choice(co.SECTORS).key],
            ))
            plans.append((person, occupations, signed, assessed_on))
        assessments = _bulk(Assessment, assessments)
        from django.utils import timezone

        signed_ids = [a.pk for a, (_, _, signed, _) in zip(assessments, plans) if signed]
        Assessment.objects.filter(pk__in=signed_ids).update(signed_off_at=timezone.now())
        education, experience, skills, languages = [], [], [], []
        evidence_levels = list(EVIDENCE_WEIGHTS)
        evidence_weights = list(EVIDENCE_WEIGHTS.values())
        for assessment, (person, occupations, _, _) in zip(assessments, plans):
            if person.isced_level > 0:
                education.append(EducationEntry(
                    assessment=assessment, isced_level=person.isced_level, country=person.nationality if person.nationality != "XX" else "SY",
                    years=person.years_of_schooling, completed=rng.random() < 0.85, documents_held=rng.random() < 0.4,
                    title={1: "Grundskole", 2: "Grundskole", 3: "Gymnasium", 4: "Erhvervsuddannelse"}.get(person.isced_level, "Videregående uddannelse"),
                ))
            seen_skills = set()
            for occupation in occupations:
                years = round(max(0.5, person.experience_years / len(occupations)), 1)
                experience.append(WorkExperience(
                    assessment=assessment, occupation_id=occupation.concept_id, title=occupation.label_en, years=years,
                    country=person.nationality if person.nationality != "XX" else "SY",
                    last_year=person.arrived_on.year - rng.randint(0, 2),
                ))
                k = min(len(occupation.essential), rng.randint(2, 6))
                for skill in rng.sample(occupation.essential, k=k) + rng.sample(occupation.optional, k=min(len(occupation.optional), rng.randint(0, 2))):
                    if skill.concept_id in seen_skills:
                        continue
                    seen_skills.add(skill.concept_id)
                    skills.append(AssessedSkill(assessment=assessment, skill_id=skill.concept_id, level=rng.randint(1, 4),
                                                evidence=_weighted(rng, evidence_levels, evidence_weights)))
            languages.append(LanguageSkill(assessment=assessment, language=person.mother_tongue, mother_tongue=True,
                                           self_understanding="C2", self_speaking="C2", self_writing=rng.choice(("B2", "C1", "C2"))))
            tested = rng.random() < 0.5
            languages.append(LanguageSkill(assessment=assessment, language="da", self_understanding=person.danish, self_speaking=person.danish,
                                           self_writing=person.danish, tested_understanding=person.danish if tested else "",
                                           tested_speaking=person.danish if tested else "", tested_writing=person.danish if tested else ""))
            if person.english != "pre-A1":
                languages.append(LanguageSkill(assessment=assessment, language="en", self_understanding=person.english,
                                               self_speaking=person.english, self_writing=person.english))
        _bulk(EducationEntry, education)
        _bulk(WorkExperience, experience)
        _bulk(AssessedSkill, skills)
        _bulk(LanguageSkill, languages)
        self.signed = {a.candidate_id for a, (_, _, signed, _) in zip(assessments, plans) if signed}
        summary.assessed = len(self.signed)

    def consents(self) -> None:
        rng = self.rng
        assessor = User.objects.filter(username="assessor").first()
        rows = []
        for candidate in self.candidates:
            rows.append(Consent(candidate=candidate, purpose=Consent.Purpose.ASSESSMENT, given=True, recorded_by=assessor))
            if candidate.pk in self.signed and rng.random() < 0.85:
                rows.append(Consent(candidate=candidate, purpose=Consent.Purpose.SHARE_ANONYMISED, given=True, recorded_by=assessor))
            if candidate.asylum_status in ("granted", "family_reunified") and rng.random() < 0.7:
                rows.append(Consent(candidate=candidate, purpose=Consent.Purpose.HANDOVER, given=True, recorded_by=assessor))
        _bulk(Consent, rows)

    # -- pathways and outcomes ----------------------------------------------------------------

    def pathways(self, summary: DemoSummary) -> None:
        """Steps for people who could work, with follow-ups whose outcomes are known by ``as_of``."""
        rng = self.rng
        consultant = User.objects.filter(username="consultant").first()
        employers = self.employer_list
        steps, plans = [], []
        for candidate, person in zip(self.candidates, self.persons):
            if candidate.pk not in self.signed or not person.work_allowed_from:
                continue
            start = max(person.work_allowed_from, candidate.arrived_on or person.arrived_on) + timedelta(days=rng.randrange(20, 200))
            if start >= self.as_of or rng.random() < 0.35:
                continue
            # Better-educated people and those with Danish do a little better: a gentle, visible signal.
            p_job = 0.25 + 0.04 * min(person.isced_level, 6) + 0.08 * pop.CEFR_LEVELS.index(person.danish)
            employer = rng.choice(employers)
            kind = _weighted(rng, [PathwayStep.Kind.INTERNSHIP, PathwayStep.Kind.DANISH_LESSONS, PathwayStep.Kind.EDUCATION], [0.7, 0.2, 0.1])
            end = start + timedelta(weeks=13 if kind == PathwayStep.Kind.INTERNSHIP else 26)
            hired = kind == PathwayStep.Kind.INTERNSHIP and rng.random() < p_job
            first = PathwayStep(
                candidate=candidate, project_id=candidate.project_id, kind=kind,
                employer=employer if kind == PathwayStep.Kind.INTERNSHIP else None,
                provider="" if kind == PathwayStep.Kind.INTERNSHIP else rng.choice(("Sprogcenter Midt", "VUC Vest", "Erhvervsskolen")),
                municipality=candidate.municipality, starts_on=start, ends_on=end if end < self.as_of else None,
                hours_per_week=rng.choice((15, 20, 25, 30)),
                ending=(PathwayStep.Ending.HIRED if hired else PathwayStep.Ending.COMPLETED) if end < self.as_of else "",
                created_by=consultant,
            )
            steps.append(first)
            plans.append((first, hired))
            if hired and end < self.as_of:
                job_kind = _weighted(rng, [PathwayStep.Kind.JOB, PathwayStep.Kind.IGU, PathwayStep.Kind.WAGE_SUBSIDY], [0.5, 0.3, 0.2])
                job = PathwayStep(
                    candidate=candidate, project_id=candidate.project_id, kind=job_kind, employer=employer,
                    municipality=candidate.municipality, starts_on=end + timedelta(days=1), hours_per_week=rng.choice((25, 30, 37)),
                    time_limited=job_kind != PathwayStep.Kind.JOB, created_by=consultant,
                )
                steps.append(job)
                plans.append((job, True))
        steps = _bulk(PathwayStep, steps)
        follow_ups = []
        for step, (_, good) in zip(steps, plans):
            for months in (3, 6, 12):
                due = step.starts_on + timedelta(days=round(30.44 * months))
                done = due <= self.as_of and rng.random() < 0.9
                outcome = ""
                if done:
                    if step.kind in (PathwayStep.Kind.JOB, PathwayStep.Kind.IGU, PathwayStep.Kind.WAGE_SUBSIDY):
                        outcome = FollowUp.Outcome.EMPLOYED if rng.random() < 0.85 else FollowUp.Outcome.UNEMPLOYED
                    elif step.kind == PathwayStep.Kind.EDUCATION:
                        outcome = FollowUp.Outcome.IN_EDUCATION if rng.random() < 0.8 else FollowUp.Outcome.UNEMPLOYED
                    else:
                        outcome = FollowUp.Outcome.EMPLOYED if good else _weighted(
                            rng, [FollowUp.Outcome.UNEMPLOYED, FollowUp.Outcome.IN_EDUCATION, FollowUp.Outcome.UNKNOWN, FollowUp.Outcome.MOVED_AWAY], [0.6, 0.15, 0.2, 0.05])
                follow_ups.append(FollowUp(step=step, months=months, due_on=due, done_on=due if done else None, outcome=outcome,
                                           hours_per_week=step.hours_per_week if outcome == FollowUp.Outcome.EMPLOYED else None))
        _bulk(FollowUp, follow_ups)
        summary.pathway_steps = len(steps)

    def quotas(self) -> None:
        """This year's quotas: a national number split by population (the real split also uses
        regional shares and the number of refugees already living in each municipality)."""
        year = self.as_of.year
        if Quota.objects.filter(year=year).exists():
            return
        national = max(100, round(self.n * 0.8))
        total_population = sum(m.population for m in self.municipalities)
        _bulk(Quota, [Quota(year=year, municipality=m, quota=round(national * m.population / total_population)) for m in self.municipalities])


@transaction.atomic
def generate(seed: int = 42, candidates: int = 300, as_of: date | None = None) -> DemoSummary:
    """Write a seeded synthetic programme and return what was planted."""
    if candidates < 1:
        raise ValueError("candidates must be at least 1")
    as_of = as_of or date(2026, 11, 1)
    catalogue = load_catalogue()
    gen = _Generator(seed, candidates, as_of, catalogue)
    gen.organisations()
    summary = DemoSummary(seed=seed, as_of=as_of, programme_id=gen.programme.pk, project_codes=[p.code for p in gen.projects])
    summary.logins = gen.demo_users()
    gen.employers(summary)
    gen.people(summary)
    gen.pathways(summary)
    gen.quotas()
    return summary
