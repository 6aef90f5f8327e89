"""The seeded demo programme: one generator for the tests, the benchmarks and `make demo`.

``generate(seed=42, candidates=300)`` writes a realistic synthetic programme — partner
organisations, people in households with assessments and consents, companies with sites,
needs and openings, contact history, pathways with follow-ups, and this year's quotas — and
returns a :class:`DemoSummary` with the numbers it planted, so tests can check figures
against them. The same seed and ``as_of`` date give the same data. Everything is written
with bulk inserts in one transaction, so ``--candidates 100000`` is practical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from talentbridge.accounts.models import Membership, Organisation, Programme, Project, Role, User
from talentbridge.municipalities.models import Municipality, Quota
from talentbridge.municipalities.services import load_builtin

from .catalogue import Catalogue, load_catalogue
from .courses import make_courses
from .demand import make_demand
from .outcomes import make_pathways
from .people import make_people
from .sampling import bulk

DEMO_PASSWORD = "talentbridge-demo"

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

PARTNER_MUNICIPALITIES = [
    "0657",
    "0661",
    "0756",
    "0751",
    "0630",
    "0615",
]  # Herning, Holstebro, Ikast-Brande, Aarhus, Vejle, Horsens


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
    courses: int = 0
    planted_truths: int = 0  # candidates with a hidden true profile (demo.PlantedTruth)
    # Planted demand: (municipality code, occupation URI) -> people needed, active needs only.
    needs_by_municipality: dict[tuple[str, str], int] = field(default_factory=dict)
    interactions_by_kind: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


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
                programme=self.programme,
                code=f"vest-{self.seed}",
                name="Talent Vest",
                starts_on=start,
                ends_on=start + timedelta(days=365 * 4),
            ),
            Project.objects.create(
                programme=self.programme,
                code=f"oest-{self.seed}",
                name="Talent Øst",
                starts_on=start,
                ends_on=start + timedelta(days=365 * 4),
            ),
        ]
        main, other = self.projects
        K = Organisation.Kind
        self.ngo = Organisation.objects.create(name="Integrationsenheden (demo)", kind=K.NGO)
        self.ngo_east = Organisation.objects.create(
            name="Integrationsenheden Øst (demo)", kind=K.NGO
        )
        self.centres = [
            Organisation.objects.create(
                name=name, kind=K.ASYLUM_CENTRE, municipality=self.by_code[code]
            )
            for name, code in (
                ("Asylcenter Vest (demo)", "0661"),
                ("Asylcenter Midt (demo)", "0657"),
                ("Asylcenter Sjælland (demo)", "0330"),
            )
        ]
        self.authority = Organisation.objects.create(
            name="Placeringsmyndigheden (demo)", kind=K.AUTHORITY
        )
        self.municipality_orgs = {
            code: Organisation.objects.create(
                name=f"{self.by_code[code].name} Kommune",
                kind=K.MUNICIPALITY,
                municipality=self.by_code[code],
            )
            for code in PARTNER_MUNICIPALITIES
        }
        for org in (self.ngo, self.authority, *self.centres[:2], *self.municipality_orgs.values()):
            org.projects.add(main)
        for org in (self.ngo_east, self.authority, self.centres[2]):
            org.projects.add(other)

    def demo_users(self) -> list[tuple[str, str, str]]:
        """One login per role. The employer user joins its company in :meth:`employers`."""
        orgs = {
            "ngo": self.ngo,
            "municipality": self.municipality_orgs["0657"],
            "authority": self.authority,
        }
        logins = []
        password_hash = make_password(DEMO_PASSWORD)  # hashing is slow on purpose: do it once
        for username, role, org_key, full_name in DEMO_USERS:
            first, last = full_name.split(" ", 1)
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
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

    def quotas(self) -> None:
        """This year's quotas: a national number split by population (the real split also uses
        regional shares and the number of refugees already living in each municipality)."""
        year = self.as_of.year
        if Quota.objects.filter(year=year).exists():
            return
        national = max(100, round(self.n * 0.8))
        total_population = sum(m.population for m in self.municipalities)
        bulk(
            Quota,
            [
                Quota(
                    year=year,
                    municipality=m,
                    quota=round(national * m.population / total_population),
                )
                for m in self.municipalities
            ],
        )


@transaction.atomic
def generate(seed: int = 42, candidates: int = 300, as_of: date | None = None) -> DemoSummary:
    """Write a seeded synthetic programme and return what was planted."""
    if candidates < 1:
        raise ValueError("candidates must be at least 1")
    as_of = as_of or date(2026, 11, 1)
    catalogue = load_catalogue()
    gen = _Generator(seed, candidates, as_of, catalogue)
    gen.organisations()
    summary = DemoSummary(
        seed=seed,
        as_of=as_of,
        programme_id=gen.programme.pk,
        project_codes=[p.code for p in gen.projects],
    )
    summary.logins = gen.demo_users()
    make_demand(gen, summary)
    make_people(gen, summary)
    make_pathways(gen, summary)
    gen.quotas()
    make_courses(gen, summary)
    return summary
