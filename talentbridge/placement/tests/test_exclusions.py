"""Forbidden pairs: add and remove them by service, page, API and CLI; outsiders get 404."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.urls import reverse

from talentbridge.placement import services
from talentbridge.placement.models import Exclusion
from talentbridge.placement.tests.helpers import YEAR
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def welder(world) -> str:
    return world["homes"]["welder1"].reference


def test_an_exclusion_moves_the_household_and_is_audited(personas, world, run):
    officer = personas.placement_officer
    reference = welder(world)
    first = run.households.get(reference=reference).municipality.code
    exclusion = services.add_exclusion(officer, run, reference, first, "no housing there")
    assert exclusion.reason == "no housing there"
    event = AuditEvent.objects.filter(object_type="placement.exclusion").latest("at")
    assert event.action == "create" and event.subject_ref == reference
    assert event.project_id == personas.project.pk
    # Until the run is computed again, the placement breaks the rule and says so.
    assert any("forbidden" in w for w in services.warnings(run))
    run = services.compute_run(officer, run)
    assert run.households.get(reference=reference).municipality.code != first
    assert not any("forbidden" in w for w in services.warnings(run))
    # Removing it allows the municipality again, audited as a deletion.
    services.remove_exclusion(officer, run, reference, first)
    assert not Exclusion.objects.exists()
    assert AuditEvent.objects.filter(object_type="placement.exclusion", action="delete").exists()
    run = services.compute_run(officer, run)
    assert run.households.get(reference=reference).municipality.code == first


def test_bad_input_names_the_field_and_writes_nothing(personas, world, run):
    officer = personas.placement_officer
    reference = welder(world)
    with pytest.raises(ValidationError) as error:
        services.add_exclusion(officer, run, reference, "0101", "  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_exclusion(officer, run, reference, "9999", "why")
    assert "municipality" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.remove_exclusion(officer, run, reference, "0101")
    assert "municipality" in error.value.message_dict
    with pytest.raises(Http404):
        services.add_exclusion(officer, run, "TB-NOPE", "0101", "why")
    assert not Exclusion.objects.exists()


def test_outsiders_and_locked_runs(personas, world, run):
    reference = welder(world)
    for user in (personas.outsider, personas.caseworker, personas.assessor):
        with pytest.raises(Http404):
            services.add_exclusion(user, run, reference, "0101", "why")
    services.approve(personas.placement_officer, run)
    with pytest.raises(ValidationError):
        services.add_exclusion(personas.placement_officer, run, reference, "0101", "why")


def test_a_run_from_the_system_keeps_the_households_exclusions(personas, world, run):
    officer = personas.placement_officer
    reference = welder(world)
    services.add_exclusion(officer, run, reference, "0657", "violence in the family there")
    services.add_exclusion(officer, run, reference, "0661", "same")
    later = services.create_run(officer, personas.project, name="Later", year=YEAR)
    row = later.households.get(reference=reference)
    assert {
        (x.municipality.code, x.reason) for x in row.exclusions.select_related("municipality")
    } == {
        ("0657", "violence in the family there"),
        ("0661", "same"),
    }
    later = services.compute_run(officer, later)
    assert later.households.get(reference=reference).municipality.code not in {"0657", "0661"}
    # A removal in the newest run sticks for the runs after it.
    services.remove_exclusion(officer, later, reference, "0661")
    third = services.create_run(officer, personas.project, name="Third", year=YEAR)
    codes = set(
        third.households.get(reference=reference).exclusions.values_list(
            "municipality__code", flat=True
        )
    )
    assert codes == {"0657"}


def test_the_page(client, personas, world, run):
    reference = welder(world)
    url = reverse("placement:exclude", args=[run.pk, reference])
    client.force_login(personas.outsider)
    response = client.post(
        url, {f"x-{reference}-municipality": "0101", f"x-{reference}-reason": "x"}
    )
    assert response.status_code == 404
    assert not Exclusion.objects.exists()
    client.force_login(personas.placement_officer)
    client.post(url, {f"x-{reference}-municipality": "0101", f"x-{reference}-reason": ""})
    assert not Exclusion.objects.exists()  # a reason is required
    response = client.post(
        url, {f"x-{reference}-municipality": "0101", f"x-{reference}-reason": "no housing"}
    )
    assert response.status_code == 302
    assert Exclusion.objects.get().municipality.code == "0101"
    page = client.get(reverse("placement:run", args=[run.pk])).content.decode()
    assert (
        "no housing" in page
        and reverse("placement:unexclude", args=[run.pk, reference, "0101"]) in page
    )
    remove = reverse("placement:unexclude", args=[run.pk, reference, "0101"])
    client.force_login(personas.outsider)
    assert client.post(remove).status_code == 404
    client.force_login(personas.placement_officer)
    assert client.post(remove).status_code == 302
    assert not Exclusion.objects.exists()


def test_the_api(client, personas, world, run):
    reference = welder(world)
    url = f"/api/placement/runs/{run.pk}/households/{reference}/exclusions"
    body = json.dumps({"municipality": "0101", "reason": "no housing"})
    client.force_login(personas.outsider)
    assert client.post(url, body, content_type="application/json").status_code == 404
    assert client.delete(f"{url}/0101").status_code == 404
    client.force_login(personas.placement_officer)
    bad = client.post(
        url, json.dumps({"municipality": "0101", "reason": ""}), content_type="application/json"
    )
    assert bad.status_code == 400 and "reason" in bad.content.decode()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["forbidden"] == [
        {"municipality": "0101", "name": "København", "reason": "no housing"}
    ]
    got = client.get(f"/api/placement/runs/{run.pk}").json()
    household = next(h for h in got["households"] if h["reference"] == reference)
    assert household["forbidden"][0]["municipality"] == "0101"
    assert client.delete(f"{url}/0101").json()["forbidden"] == []
    assert client.delete(f"{url}/0101").status_code == 400
    schema = client.get("/api/openapi.json").json()
    assert "/api/placement/runs/{run_id}/households/{reference}/exclusions" in schema["paths"]
    assert (
        "delete"
        in schema["paths"]["/api/placement/runs/{run_id}/households/{reference}/exclusions/{code}"]
    )


def test_the_cli(personas, world, run):
    reference = welder(world)
    out = io.StringIO()
    call_command(
        "placement_exclude",
        "--run",
        str(run.pk),
        "--household",
        reference,
        "--municipality",
        "101",
        "--reason",
        "no housing",
        "--compute",
        "--as",
        "placement",
        stdout=out,
    )
    assert "0101 København (no housing)" in out.getvalue()
    assert AuditEvent.objects.filter(
        object_type="placement.exclusion", channel="cli:placement exclude"
    ).exists()
    with pytest.raises(CommandError, match="reason"):
        call_command(
            "placement_exclude", "--run", str(run.pk), "--household", reference,
            "--municipality", "0751",
        )  # fmt: skip
    with pytest.raises(CommandError, match="no run"):
        call_command(
            "placement_exclude", "--run", str(run.pk), "--household", reference,
            "--municipality", "0751", "--reason", "x", "--as", "outsider",
        )  # fmt: skip
    out = io.StringIO()
    call_command(
        "placement_exclude", "--run", str(run.pk), "--household", reference,
        "--municipality", "0101", "--remove", stdout=out,
    )  # fmt: skip
    assert "forbidden none" in out.getvalue()
