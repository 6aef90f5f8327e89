"""Every model change has its migration (what `make migrations-check` checks, in the suite)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"makemigrations --check found changes without a migration:\n{out.getvalue()}")
