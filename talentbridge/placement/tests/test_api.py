"""The placement API: same services and scoping as the pages; outsiders get 404."""

from __future__ import annotations

import io
import json

import pytest

from talentbridge.placement.tests.helpers import CSV, YEAR

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_api_flow(client, personas, world):
    client.force_login(personas.placement_officer)
    response = post(
        client, "/api/placement/runs", {"project": "alpha", "year": YEAR, "name": "API"}
    )
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["status"] == "computed" and run["scoring"] == "demand_prior"
    household = next(
        h for h in run["households"] if h["reference"] == world["homes"]["welder1"].reference
    )
    assert household["recommended"] and len(household["top_three"]) == 3 and household["why"]
    url = f"/api/placement/runs/{run['id']}/households/{household['reference']}/override"
    assert post(client, url, {"municipality": "0101"}).status_code == 400  # a reason is needed
    changed = post(client, url, {"municipality": "0101", "reason": "Brother in Copenhagen"}).json()
    assert changed["municipality"] == "0101" and changed["overridden"]
    assert client.get(f"/api/placement/runs/{run['id']}/export").status_code == 400
    assert client.post(f"/api/placement/runs/{run['id']}/approve").json()["status"] == "approved"
    export = client.get(f"/api/placement/runs/{run['id']}/export")
    assert export.status_code == 200 and household["reference"] in export.content.decode()
    assert [r["id"] for r in client.get("/api/placement/runs").json()] == [run["id"]]
    assert client.get("/api/placement/model").status_code == 404  # no outcome model trained


def test_a_run_from_csv(client, personas, world):
    client.force_login(personas.placement_officer)
    response = client.post(
        "/api/placement/runs/csv",
        {"project": "alpha", "year": str(YEAR), "file": io.BytesIO(CSV.encode())},
    )
    assert response.status_code == 201, response.content
    assert {h["reference"] for h in response.json()["households"]} == {"H-1", "H-2", "H-3"}


def test_incoming_for_caseworkers(client, personas, world):
    client.force_login(personas.placement_officer)
    run = post(client, "/api/placement/runs", {"project": "alpha", "year": YEAR}).json()
    reference = world["homes"]["cleaner2"].reference
    post(
        client,
        f"/api/placement/runs/{run['id']}/households/{reference}/override",
        {"municipality": "0751", "reason": "school"},
    )
    client.post(f"/api/placement/runs/{run['id']}/approve")
    client.force_login(personas.caseworker)
    rows = client.get("/api/placement/incoming").json()
    assert any(r["reference"] == reference and len(r["members"]) == 2 for r in rows)


@pytest.mark.parametrize("who", ["outsider", "assessor", "employer_user", "caseworker"])
def test_outsiders_get_404(client, personas, world, who):
    client.force_login(personas.placement_officer)
    run = post(client, "/api/placement/runs", {"project": "alpha", "year": YEAR}).json()
    reference = run["households"][0]["reference"]
    client.force_login(getattr(personas, who))
    base = f"/api/placement/runs/{run['id']}"
    assert client.get(base).status_code == 404
    assert client.post(f"{base}/compute").status_code == 404
    assert client.post(f"{base}/approve").status_code == 404
    assert client.get(f"{base}/export").status_code == 404
    assert (
        post(
            client,
            f"{base}/households/{reference}/override",
            {"municipality": "0101", "reason": "x"},
        ).status_code
        == 404
    )
    assert (
        post(client, "/api/placement/runs", {"project": "alpha", "year": YEAR}).status_code == 404
    )
    assert client.get("/api/placement/runs").status_code == 404
    assert client.get("/api/placement/model").status_code == 404
    if who != "caseworker":
        assert client.get("/api/placement/incoming").status_code == 404


def test_the_openapi_document_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/placement/runs/{run_id}/households/{reference}/override" in paths
