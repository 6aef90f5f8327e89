"""Personas for tests, defined once (after healthchecks' ``hc/test.py``).

Project A ("alpha") is where the action is; project B ("beta") belongs to someone else. Each
test asks, among other things, whether the outsider (an assessor in project B) is refused.

    assessor        assessor at the NGO of project A
    colleague       another assessor at the same NGO
    outsider        assessor at the NGO of project B
    consultant      business consultant at the NGO of project A
    employer_user   user of an employer in project A (Vestjysk Metal A/S)
    other_employer_user  user of another employer in project A
    caseworker      job-centre caseworker in Aarhus municipality, partner of project A
    placement_officer  placement officer at the authority, partner of project A
    manager         programme manager at the NGO of project A
    admin           administrator
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.test import TestCase

from talentbridge.accounts.models import Membership, Organisation, Programme, Project, Role, User
from talentbridge.municipalities.models import Municipality
from talentbridge.municipalities.services import load_builtin

PASSWORD = "persona-password-1"


@dataclass
class Personas:
    programme: Programme
    project: Project
    other_project: Project
    ngo: Organisation
    other_ngo: Organisation
    municipality_org: Organisation
    authority: Organisation
    employer_org: Organisation
    other_employer_org: Organisation
    assessor: User
    colleague: User
    outsider: User
    consultant: User
    employer_user: User
    other_employer_user: User
    caseworker: User
    placement_officer: User
    manager: User
    admin: User


def _user(username: str, org: Organisation, role: str, **extra) -> User:
    user = User.objects.create_user(username=username, first_name=username.title(), **extra)
    user.password = _password_hash()
    user.save(update_fields=["password"])
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


_HASH: dict[str, str] = {}


def _password_hash() -> str:
    if "hash" not in _HASH:
        _HASH["hash"] = make_password(PASSWORD)
    return _HASH["hash"]


def make_personas() -> Personas:
    # A transactional test (the browser tests) flushes the database afterwards, and with it the
    # municipalities that a migration loads; put them back when they are gone.
    if not Municipality.objects.exists():
        load_builtin()
    aarhus = Municipality.objects.get(code="0751")
    herning = Municipality.objects.get(code="0657")
    programme = Programme.objects.create(name="Talent Programme")
    project = Project.objects.create(programme=programme, code="alpha", name="Talent Alpha")
    other_project = Project.objects.create(programme=programme, code="beta", name="Talent Beta")
    ngo = Organisation.objects.create(name="Refugee NGO Alpha", kind=Organisation.Kind.NGO)
    other_ngo = Organisation.objects.create(name="Refugee NGO Beta", kind=Organisation.Kind.NGO)
    municipality_org = Organisation.objects.create(
        name="Aarhus Kommune", kind=Organisation.Kind.MUNICIPALITY, municipality=aarhus
    )
    authority = Organisation.objects.create(
        name="Placement Authority", kind=Organisation.Kind.AUTHORITY
    )
    employer_org = Organisation.objects.create(
        name="Vestjysk Metal A/S", kind=Organisation.Kind.EMPLOYER, municipality=herning
    )
    other_employer_org = Organisation.objects.create(
        name="Aarhus Rengøring ApS", kind=Organisation.Kind.EMPLOYER, municipality=aarhus
    )
    for org in (ngo, municipality_org, authority, employer_org, other_employer_org):
        org.projects.add(project)
    other_ngo.projects.add(other_project)
    admin = User.objects.create_superuser(
        username="admin", password=PASSWORD, email="admin@example.org"
    )
    return Personas(
        programme=programme,
        project=project,
        other_project=other_project,
        ngo=ngo,
        other_ngo=other_ngo,
        municipality_org=municipality_org,
        authority=authority,
        employer_org=employer_org,
        other_employer_org=other_employer_org,
        assessor=_user("assessor", ngo, Role.ASSESSOR),
        colleague=_user("colleague", ngo, Role.ASSESSOR),
        outsider=_user("outsider", other_ngo, Role.ASSESSOR),
        consultant=_user("consultant", ngo, Role.BUSINESS_CONSULTANT),
        employer_user=_user("employer", employer_org, Role.EMPLOYER_USER),
        other_employer_user=_user("employer2", other_employer_org, Role.EMPLOYER_USER),
        caseworker=_user("caseworker", municipality_org, Role.CASEWORKER),
        placement_officer=_user("placement", authority, Role.PLACEMENT_OFFICER),
        manager=_user("manager", ngo, Role.PROGRAMME_MANAGER),
        admin=admin,
    )


class BaseTestCase(TestCase):
    """A TestCase with the personas as attributes: ``self.assessor``, ``self.outsider`` …"""

    @classmethod
    def setUpTestData(cls):
        cls.p = make_personas()
        for name in Personas.__dataclass_fields__:
            setattr(cls, name, getattr(cls.p, name))

    def login(self, user: User) -> None:
        self.client.force_login(user)
