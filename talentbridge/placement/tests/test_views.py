"""Placement pages: officers run, override, approve and export; caseworkers see what comes; outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from talentbridge.placement import services
from talentbridge.placement.models import PlacementRun
from talentbridge.placement.tests.helpers import YEAR

pytestmark = pytest.mark.django_db


def test_the_officer_creates_and_computes_a_run(client, personas, world):
    client.force_login(personas.placement_officer)
    page = client.get(reverse("placement:new_run"))
    assert page.status_code == 200
    response = client.post(
        reverse("placement:new_run"),
        {
            "project": personas.project.pk,
            "name": "Autumn",
            "year": YEAR,
            "source": "system",
            "slack": 0.05,
            "pacing": "year",
            "neighbour_km": 30,
        },
    )
    run = PlacementRun.objects.get(name="Autumn")
    assert response.status_code == 302 and response.url == reverse("placement:run", args=[run.pk])
    assert run.status == PlacementRun.Status.COMPUTED
    page = client.get(reverse("placement:run", args=[run.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert world["homes"]["welder1"].reference in text
    assert "Herning" in text


def test_override_approve_export(client, personas, world, run):
    client.force_login(personas.placement_officer)
    reference = world["homes"]["cleaner1"].reference
    url = reverse("placement:override", args=[run.pk, reference])
    client.post(url, {f"{reference}-municipality": "0101", f"{reference}-reason": ""})
    assert run.households.get(reference=reference).municipality.code != "0101"  # no reason, refused
    client.post(
        url, {f"{reference}-municipality": "0101", f"{reference}-reason": "Sister lives there"}
    )
    assert run.households.get(reference=reference).override_reason == "Sister lives there"
    assert (
        client.get(reverse("placement:export", args=[run.pk])).status_code == 302
    )  # not approved yet
    client.post(reverse("placement:approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.locked
    response = client.get(reverse("placement:export", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert reference in response.content.decode()


def test_caseworker_sees_incoming(client, personas, world, run):
    home = world["homes"]["cleaner2"]
    services.override(personas.placement_officer, run, home.reference, "0751", "school places")
    services.approve(personas.placement_officer, run)
    client.force_login(personas.caseworker)
    for name in ("placement:index", "placement:incoming"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert home.reference in page.content.decode()
    assert client.get(reverse("placement:run", args=[run.pk])).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "assessor", "employer_user", "consultant"])
def test_outsiders_get_404_everywhere(client, personas, world, run, who):
    client.force_login(getattr(personas, who))
    reference = world["homes"]["welder1"].reference
    gets = ["placement:index", "placement:new_run", "placement:incoming", "placement:model"]
    for name in gets:
        assert client.get(reverse(name)).status_code == 404, name
    for name in ("placement:run", "placement:export"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 404, name
    for name in ("placement:compute", "placement:approve"):
        assert client.post(reverse(name, args=[run.pk])).status_code == 404, name
    url = reverse("placement:override", args=[run.pk, reference])
    assert (
        client.post(
            url, {f"{reference}-municipality": "0101", f"{reference}-reason": "x"}
        ).status_code
        == 404
    )
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.COMPUTED


def test_model_page_without_a_model(client, personas):
    client.force_login(personas.placement_officer)
    page = client.get(reverse("placement:model"))
    assert page.status_code == 200
    assert b"placement train" in page.content
