import pytest

from talentbridge.privacy.consent import Purpose, record_decision

from .factories import make_assessment, make_candidate


@pytest.fixture
def p(personas):
    return personas


@pytest.fixture
def employer(p):
    """An employer of the personas' project A."""
    from talentbridge.employers.models import Employer

    employer = Employer.objects.create(
        cvr="10000009", name="Vestjysk Metal A/S", organisation=p.employer_org
    )
    employer.projects.add(p.project)
    return employer


@pytest.fixture
def candidate(p):
    c = make_candidate(p)
    record_decision(c, Purpose.ASSESSMENT, True, by=p.assessor)
    return c


@pytest.fixture
def signed(p, candidate):
    """A candidate with a signed-off version 1."""
    make_assessment(candidate, p.assessor, signed=True)
    return candidate


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
