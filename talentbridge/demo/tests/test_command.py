"""`talentbridge demo --no-serve`: what `make demo` runs before it serves."""

from io import StringIO

import pytest
from django.core.management import call_command

from talentbridge.accounts.models import Programme, Role, User
from talentbridge.candidates.models import Candidate
from talentbridge.demo.generator import DEMO_PASSWORD, DEMO_USERS
from talentbridge.taxonomy.models import Concept, TaxonomyImport

pytestmark = pytest.mark.django_db


def test_demo_sets_up_once_and_prints_one_login_per_role():
    out = StringIO()
    call_command("demo", no_serve=True, candidates=20, stdout=out)
    text = out.getvalue()
    assert TaxonomyImport.objects.filter(builtin=True).count() == 1
    assert Concept.objects.filter(kind="occupation").count() == 3039
    assert Candidate.objects.count() == 20
    assert DEMO_PASSWORD in text and "http://127.0.0.1:8000/" in text
    logins = [line.split()[0] for line in text.splitlines() if line.startswith("  ")]
    usernames = [u for u, *_ in DEMO_USERS]
    assert set(usernames) <= set(logins)
    assert {role for _, role, *_ in DEMO_USERS} == set(Role)
    for username in usernames:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)

    imports = TaxonomyImport.objects.count()
    again = StringIO()
    call_command("demo", no_serve=True, candidates=20, stdout=again)
    assert "once" not in again.getvalue()
    assert TaxonomyImport.objects.count() == imports and Candidate.objects.count() == 20
    assert Programme.objects.filter(name__startswith="Talent Management (demo").count() == 1
