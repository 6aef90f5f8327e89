"""The API: same answers as the pages; outsiders get 404 on every endpoint."""

import pytest

from talentbridge.pipeline import flow, runs
from talentbridge.pipeline.models import Course, Match

pytestmark = pytest.mark.django_db
API = "/api/pipeline"


def call(client, user, method, path, payload=None):
    client.force_login(user)
    if method == "get":
        return client.get(API + path)
    return client.post(API + path, payload or {}, content_type="application/json")


def test_every_endpoint_is_404_for_an_outsider(client, p, w):
    match = flow.shortlist(p.consultant, w.opening, w.ahmad)
    run = runs.create_run(p.consultant, p.project)
    requests = [
        ("get", f"/openings/{w.opening.pk}/candidates", None),
        ("get", f"/candidates/{w.ahmad.reference}/openings", None),
        ("get", f"/candidates/{w.ahmad.reference}/gaps", None),
        ("get", f"/matches/{match.pk}", None),
        ("post", f"/openings/{w.opening.pk}/shortlist", {"candidate": w.bilal.reference}),
        ("post", f"/matches/{match.pk}/move", {"status": "presented"}),
        ("post", "/runs", {"project": p.project.code}),
        ("get", f"/runs/{run.pk}", None),
        ("post", f"/runs/{run.pk}/send", {}),
        ("post", f"/runs/{run.pk}/discard", {}),
        ("post", "/courses", {"name": "x", "project": p.project.code}),
    ]
    for method, path, payload in requests:
        assert call(client, p.outsider, method, path, payload).status_code == 404, path
    assert call(client, p.outsider, "get", "/matches").json() == []
    Course.objects.create(project=p.project, name="Svejsning A")
    assert call(client, p.outsider, "get", "/courses").json() == []  # only project B's (none)
    assert call(client, p.employer_user, "get", "/courses").status_code == 404
    assert call(client, p.caseworker, "get", "/matches").status_code == 404
    assert Match.objects.get().status == "shortlisted"


def test_ranking_both_ways(client, p, w):
    rows = call(client, p.consultant, "get", f"/openings/{w.opening.pk}/candidates?lang=en").json()
    assert rows[0]["candidate"] == w.ahmad.reference and rows[0]["score"] > rows[-1]["score"]
    assert "covers all 2 essential skills" in rows[0]["explanation"]
    assert rows[0]["components"]["components"]["essential"] > 0.9
    rows = call(client, p.employer_user, "get", f"/openings/{w.opening.pk}/candidates").json()
    assert {r["candidate"] for r in rows} == {w.ahmad.reference, w.bilal.reference}
    assert all(r["profile"] and r["identity"] is None for r in rows)
    rows = call(client, p.assessor, "get", f"/candidates/{w.chen.reference}/openings").json()
    assert [r["opening"] for r in rows] == [w.opening.pk]


def test_the_flow_through_the_api(client, p, w):
    response = call(
        client,
        p.consultant,
        "post",
        f"/openings/{w.opening.pk}/shortlist",
        {"candidate": w.ahmad.reference},
    )
    assert response.status_code == 201
    match_id = response.json()["id"]
    for status in ("presented", "interview", "accepted"):
        response = call(
            client, p.consultant, "post", f"/matches/{match_id}/move", {"status": status}
        )
        assert response.status_code == 200, response.content
    data = response.json()
    assert (
        data["status"] == "accepted" and [e["to_status"] for e in data["events"]][-1] == "accepted"
    )
    bad = call(
        client,
        p.consultant,
        "post",
        f"/openings/{w.opening.pk}/shortlist",
        {"candidate": w.bilal.reference},
    )
    bad = call(
        client, p.consultant, "post", f"/matches/{bad.json()['id']}/move", {"status": "presented"}
    )
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "status"
    assert (
        call(
            client, p.assessor, "post", f"/matches/{match_id}/move", {"status": "declined"}
        ).status_code
        == 404
    )
    listed = call(client, p.manager, "get", "/matches?status=accepted").json()
    assert [m["candidate"] for m in listed] == [w.ahmad.reference]


def test_runs_through_the_api(client, p, w):
    response = call(
        client, p.consultant, "post", "/runs", {"project": p.project.code, "fair": True}
    )
    assert response.status_code == 201
    run = response.json()
    assert run["status"] == "review" and run["places"] == 2 and len(run["proposals"]) == 2
    leave = [x["id"] for x in run["proposals"] if x["candidate"] != w.ahmad.reference]
    sent = call(
        client, p.consultant, "post", f"/runs/{run['id']}/send", {"leave_out": leave}
    ).json()
    assert sent["status"] == "sent"
    assert list(Match.objects.values_list("candidate", flat=True)) == [w.ahmad.pk]
    again = call(client, p.consultant, "post", f"/runs/{run['id']}/send", {})
    assert again.status_code == 400


def test_courses_and_gaps(client, p, w):
    response = call(
        client,
        p.consultant,
        "post",
        "/courses",
        {
            "name": "Technical drawing",
            "project": p.project.code,
            "skills": [w.drawings.uri],
            "duration_days": 3,
            "municipality": "0657",
        },
    )
    assert response.status_code == 201, response.content
    course_id = response.json()["id"]
    assert (
        call(
            client,
            p.consultant,
            "post",
            "/courses",
            {"name": "x", "project": p.project.code, "skills": ["http://nope"]},
        ).status_code
        == 400
    )
    gaps = call(client, p.consultant, "get", f"/candidates/{w.bilal.reference}/gaps?lang=en").json()
    assert gaps["gaps"][0]["missing_skills"] == ["read engineering drawings"]
    assert gaps["gaps"][0]["courses"] == [course_id]
    listed = call(client, p.assessor, "get", "/courses").json()
    assert [c["name"] for c in listed] == ["Technical drawing"]
    assert Course.objects.get().skills.get() == w.drawings


def test_openapi_lists_the_pipeline(client, p):
    client.force_login(p.consultant)
    schema = client.get("/api/openapi.json").json()
    assert "/api/pipeline/openings/{opening_id}/candidates" in schema["paths"]
    assert "/api/pipeline/runs/{run_id}/send" in schema["paths"]
