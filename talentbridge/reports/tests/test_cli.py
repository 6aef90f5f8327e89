import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_writes_the_report_in_each_format(personas, tmp_path):
    from . import scenario

    scenario.build(personas)
    for fmt in ("xlsx", "pdf", "csv"):
        target = tmp_path / f"report.{fmt}"
        out = io.StringIO()
        call_command(
            "report_programme",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            fmt,
            "--project",
            "alpha",
            "--output",
            str(target),
            stdout=out,
        )
        assert target.stat().st_size > 500, fmt
        assert "1 project(s)" in out.getvalue()
    text = (tmp_path / "report.csv").read_text()
    assert "figures,Deltagere,I perioden,6" in text or "figures,Deltagere,In the period,6" in text
    assert (
        AuditEvent.objects.filter(
            action="export", object_type="reports.programme", channel="cli:report programme"
        ).count()
        == 3
    )


def test_it_runs_with_a_users_rights(personas, tmp_path):
    target = tmp_path / "r.csv"
    call_command("report_programme", "--as", "manager", "--format", "csv", "--output", str(target))
    assert target.exists()
    with pytest.raises(CommandError, match="may report on"):
        call_command(
            "report_programme", "--as", "outsider", "--format", "csv", "--output", str(target)
        )
    with pytest.raises(CommandError, match="may report on"):
        call_command(
            "report_programme", "--as", "manager", "--project", "nope", "--output", str(target)
        )


def test_bad_dates_fail(personas):
    with pytest.raises(CommandError, match="not a date"):
        call_command("report_programme", "--from", "2025-13-01")
    with pytest.raises(CommandError, match="starts after it ends|starter efter den slutter"):
        call_command(
            "report_programme",
            "--from",
            "2025-02-01",
            "--to",
            "2025-01-01",
            "--format",
            "csv",
            "--output",
            "-",
        )
