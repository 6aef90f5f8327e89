"""The people of the demo: households, candidates, personal details, assessments, consents."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from talentbridge.accounts.models import User
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
from talentbridge.privacy.models import Consent

from . import companies as co
from . import population as pop
from . import truth
from .sampling import bulk, site_municipality, weighted

EVIDENCE_WEIGHTS = {
    EvidenceLevel.SELF_REPORTED: 0.45,
    EvidenceLevel.ASSESSOR_CHECKED: 0.35,
    EvidenceLevel.SHOWN_IN_PRACTICE: 0.15,
    EvidenceLevel.CERTIFIED: 0.05,
}


def make_people(gen, summary) -> None:
    """Households, candidates with personal details, assessments and consents."""
    rng = gen.rng
    main, other = gen.projects
    drafts: list[pop.HouseholdDraft] = []
    total = 0
    while total < gen.n:
        draft = pop.draw_household(rng, gen.as_of)
        draft.adults = draft.adults[: gen.n - total]
        drafts.append(draft)
        total += len(draft.adults)
    households = []
    for i, draft in enumerate(drafts):
        project = main if i % 10 < 7 else other
        tie = ""
        tie_municipality = None
        if draft.adults[0].asylum_status == "granted" and rng.random() < 0.06:
            tie = rng.choice(
                [Household.TieKind.JOB_OFFER, Household.TieKind.FAMILY, Household.TieKind.IGU]
            )
            tie_municipality = site_municipality(gen, co.draw_sector(rng))
        households.append(
            Household(
                project=project,
                size=draft.size,
                tie_kind=tie,
                tie_municipality=tie_municipality,
                tie_note="Kontrakt fremvist" if tie in ("job_offer", "igu") else "",
                needs=rng.choice(("", "", "", "Skolepladser til to børn", "Handicapvenlig bolig")),
            )
        )
    households = bulk(Household, households)

    candidates, persons = [], []
    for household, draft in zip(households, drafts, strict=True):
        project = household.project
        ngo = gen.ngo if project == main else gen.ngo_east
        centre = gen.centres[rng.randrange(2)] if project == main else gen.centres[2]
        for person in draft.adults:
            granted = person.asylum_status in ("granted", "family_reunified")
            municipality = None
            if household.tie_municipality_id:
                municipality = household.tie_municipality
            elif granted:
                municipality = weighted(
                    rng, gen.municipalities, [m.population for m in gen.municipalities]
                )
            candidates.append(
                Candidate(
                    project=project,
                    organisation=ngo,
                    household=household,
                    birth_year=person.birth_year,
                    gender=person.gender,
                    nationality=person.nationality,
                    asylum_centre=None if granted else centre,
                    asylum_status=person.asylum_status,
                    arrived_on=person.arrived_on,
                    status_since=person.status_since,
                    work_allowed_from=person.work_allowed_from,
                    municipality=municipality,
                )
            )
            persons.append(person)
    candidates = bulk(Candidate, candidates)
    bulk(
        PersonalDetails,
        [
            PersonalDetails(
                candidate=c,
                first_name=p.first_name,
                last_name=p.last_name,
                date_of_birth=p.date_of_birth,
                phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                case_number=f"{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
            )
            for c, p in zip(candidates, persons, strict=True)
        ],
    )
    summary.candidates = len(candidates)
    summary.households = len(households)
    summary.persons = sum(h.size for h in households)
    gen.candidates = candidates
    gen.persons = persons
    make_assessments(gen, summary)
    make_consents(gen)


def make_assessments(gen, summary) -> None:
    rng = gen.rng
    assessor = User.objects.filter(username="assessor").first()
    assessments, plans = [], []
    for candidate, person in zip(gen.candidates, gen.persons, strict=True):
        if rng.random() < 0.1:  # registered, not yet assessed
            continue
        signed = rng.random() < 0.85
        assessed_on = min(gen.as_of, person.arrived_on + timedelta(days=rng.randrange(14, 120)))
        occupations = gen.cat.occupations_for_person(rng, person)
        assessments.append(
            Assessment(
                candidate=candidate,
                version=1,
                assessor=assessor,
                status=Assessment.Status.SIGNED_OFF if signed else Assessment.Status.DRAFT,
                interpreter_language=person.mother_tongue
                if person.danish in ("pre-A1", "A1") and person.english in ("pre-A1", "A1", "A2")
                else "",
                assessed_on=assessed_on,
                signed_off_by=assessor if signed else None,
                wants_job=True,
                wants_education=person.isced_level >= 3 and rng.random() < 0.3,
                wants_danish_lessons=True,
                willing_to_move=rng.random() < 0.7,
                max_distance_km=rng.choice((20, 40, 60, 100, 200)),
                digital_level=rng.choice(Assessment.DigitalLevel.values),
                driving_licences=person.licences,
                appraisal="Motiveret og mødestabil."
                if rng.random() < 0.5
                else "Har brug for sprogstøtte i starten.",
                next_steps=rng.choice(
                    (
                        "Virksomhedspraktik inden for faget.",
                        "Danskundervisning og praktik.",
                        "Realkompetencevurdering af uddannelse.",
                    )
                ),
                preferred_sectors=[rng.choice(co.SECTORS).key],
            )
        )
        plans.append((person, occupations, signed, assessed_on))
    assessments = bulk(Assessment, assessments)
    signed_ids = [a.pk for a, (_, _, signed, _) in zip(assessments, plans, strict=True) if signed]
    Assessment.objects.filter(pk__in=signed_ids).update(signed_off_at=timezone.now())
    education, experience, skills, languages = [], [], [], []
    evidence_levels = list(EVIDENCE_WEIGHTS)
    evidence_weights = list(EVIDENCE_WEIGHTS.values())
    truth_records: dict[int, tuple[list, list, bool]] = {}
    for assessment, (person, occupations, _, _) in zip(assessments, plans, strict=True):
        recorded: list[tuple[str, int]] = []
        if person.isced_level > 0:
            education.append(
                EducationEntry(
                    assessment=assessment,
                    isced_level=person.isced_level,
                    country=person.nationality if person.nationality != "XX" else "SY",
                    years=person.years_of_schooling,
                    completed=rng.random() < 0.85,
                    documents_held=rng.random() < 0.4,
                    title={
                        1: "Grundskole",
                        2: "Grundskole",
                        3: "Gymnasium",
                        4: "Erhvervsuddannelse",
                    }.get(person.isced_level, "Videregående uddannelse"),
                )
            )
        seen_skills = set()
        for occupation in occupations:
            years = round(max(0.5, person.experience_years / len(occupations)), 1)
            experience.append(
                WorkExperience(
                    assessment=assessment,
                    occupation_id=occupation.concept_id,
                    title=occupation.label_en,
                    years=years,
                    country=person.nationality if person.nationality != "XX" else "SY",
                    last_year=person.arrived_on.year - rng.randint(0, 2),
                )
            )
            k = min(len(occupation.essential), rng.randint(2, 6))
            for skill in rng.sample(occupation.essential, k=k) + rng.sample(
                occupation.optional, k=min(len(occupation.optional), rng.randint(0, 2))
            ):
                if skill.concept_id in seen_skills:
                    continue
                seen_skills.add(skill.concept_id)
                skills.append(
                    AssessedSkill(
                        assessment=assessment,
                        skill_id=skill.concept_id,
                        level=rng.randint(1, 4),
                        evidence=weighted(rng, evidence_levels, evidence_weights),
                    )
                )
                recorded.append((skill.uri, int(skills[-1].evidence)))
        languages.append(
            LanguageSkill(
                assessment=assessment,
                language=person.mother_tongue,
                mother_tongue=True,
                self_understanding="C2",
                self_speaking="C2",
                self_writing=rng.choice(("B2", "C1", "C2")),
            )
        )
        tested = rng.random() < 0.5
        truth_records[assessment.candidate_id] = (recorded, occupations, tested)
        languages.append(
            LanguageSkill(
                assessment=assessment,
                language="da",
                self_understanding=person.danish,
                self_speaking=person.danish,
                self_writing=person.danish,
                tested_understanding=person.danish if tested else "",
                tested_speaking=person.danish if tested else "",
                tested_writing=person.danish if tested else "",
            )
        )
        if person.english != "pre-A1":
            languages.append(
                LanguageSkill(
                    assessment=assessment,
                    language="en",
                    self_understanding=person.english,
                    self_speaking=person.english,
                    self_writing=person.english,
                )
            )
    bulk(EducationEntry, education)
    bulk(WorkExperience, experience)
    bulk(AssessedSkill, skills)
    bulk(LanguageSkill, languages)
    gen.signed = {
        a.candidate_id for a, (_, _, signed, _) in zip(assessments, plans, strict=True) if signed
    }
    summary.assessed = len(gen.signed)
    summary.planted_truths = truth.plant(gen, truth_records)


def make_consents(gen) -> None:
    rng = gen.rng
    assessor = User.objects.filter(username="assessor").first()
    rows = []
    for candidate in gen.candidates:
        rows.append(
            Consent(
                candidate=candidate,
                purpose=Consent.Purpose.ASSESSMENT,
                given=True,
                recorded_by=assessor,
            )
        )
        if candidate.pk in gen.signed and rng.random() < 0.85:
            rows.append(
                Consent(
                    candidate=candidate,
                    purpose=Consent.Purpose.SHARE_ANONYMISED,
                    given=True,
                    recorded_by=assessor,
                )
            )
        if candidate.asylum_status in ("granted", "family_reunified") and rng.random() < 0.7:
            rows.append(
                Consent(
                    candidate=candidate,
                    purpose=Consent.Purpose.HANDOVER,
                    given=True,
                    recorded_by=assessor,
                )
            )
    bulk(Consent, rows)


# -- pathways and outcomes ----------------------------------------------------------------
