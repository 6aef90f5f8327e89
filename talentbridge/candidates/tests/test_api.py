import pytest

from talentbridge.candidates.models import Assessment, SelfAssessmentCode
from talentbridge.core.api_auth import issue_token
from talentbridge.privacy.consent import Purpose, has_consent, record_decision
from talentbridge.privacy.models import AuditEvent

from .factories import forget, make_candidate, welder, welding_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    class Api:
        def __init__(self, user):
            self.headers = {"Authorization": f"Bearer {issue_token(user, 'test')}"}

        def get(self, path, **params):
            return client.get(f"/api/candidates{path}", params, headers=self.headers)

        def post(self, path, data=None):
            return client.post(
                f"/api/candidates{path}",
                data or {},
                content_type="application/json",
                headers=self.headers,
            )

        def patch(self, path, data):
            return client.patch(
                f"/api/candidates{path}",
                data,
                content_type="application/json",
                headers=self.headers,
            )

        def delete(self, path):
            return client.delete(f"/api/candidates{path}", headers=self.headers)

    return Api


REGISTER = {
    "project": "alpha",
    "birth_year": 1985,
    "gender": "male",
    "nationality": "er",
    "asylum_status": "asylum_seeker",
    "language": "ti",
    "municipality_code": "751",
    "personal": {"first_name": "Yonas", "last_name": "Tesfay", "case_number": "ER-77"},
}


def test_register_with_duplicate_check(p, api):
    assessor = api(p.assessor)
    response = assessor.post("/", REGISTER)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["nationality"] == "ER"
        and body["municipality_code"] == "0751"
        and "first_name" not in body
    )
    again = assessor.post("/", REGISTER)
    assert again.status_code == 409 and "case_number" in again.json()["duplicates"][0]["reasons"]
    assert assessor.post("/", {**REGISTER, "allow_duplicate": True}).status_code == 201
    check = assessor.post(
        "/duplicates",
        {"first_name": "Yonas", "last_name": "Tesfai", "birth_year": 1985, "nationality": "ER"},
    )
    assert check.status_code == 200 and len(check.json()) == 2
    bad = assessor.post("/", {**REGISTER, "nationality": "QQ", "allow_duplicate": True})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "nationality"
    assert api(p.outsider).post("/", REGISTER).status_code == 404
    assert (
        api(p.employer_user).post("/duplicates", {"first_name": "a", "last_name": "b"}).status_code
        == 404
    )


def test_read_and_change_a_candidate(p, api, candidate):
    assessor = api(p.assessor)
    assert [c["reference"] for c in assessor.get("/").json()] == [candidate.reference]
    assert assessor.get(f"/{candidate.reference}").json()["nationality"] == "SY"
    assert (
        assessor.patch(f"/{candidate.reference}", {"asylum_status": "refused"}).json()[
            "asylum_status"
        ]
        == "refused"
    )
    assert assessor.get(f"/{candidate.reference}/personal").json()["last_name"] == "Haddad"
    assert (
        assessor.patch(f"/{candidate.reference}/personal", {"phone": "+45 99"}).json()["phone"]
        == "+45 99"
    )
    assert AuditEvent.objects.filter(
        subject_ref=candidate.reference,
        object_type="candidates.personaldetails",
        action="read",
        channel__startswith="api:",
    ).exists()
    profile = assessor.get(f"/{candidate.reference}/profile", language="en").json()["profile"]
    assert profile["nationality_region"] == "western_asia" and "Haddad" not in str(profile)
    # Outsiders and employer users: 404 on everything.
    for user in (p.outsider, p.employer_user):
        other = api(user)
        assert other.get("/").json() == []
        for path in (
            "",
            "/personal",
            "/profile",
            "/consents",
            "/handover",
            "/assessments",
            "/self-assessments",
        ):
            assert other.get(f"/{candidate.reference}{path}").status_code == 404, path
        assert other.patch(f"/{candidate.reference}", {"gender": "male"}).status_code == 404
    # The consultant reads the profile but not the personal details, and changes nothing.
    consultant = api(p.consultant)
    assert consultant.get(f"/{candidate.reference}").status_code == 200
    assert consultant.get(f"/{candidate.reference}/personal").status_code == 403
    assert consultant.patch(f"/{candidate.reference}", {"gender": "male"}).status_code == 403


def test_assessment_through_the_api(p, api, candidate):
    assessor = api(p.assessor)
    ref = candidate.reference
    assert (
        assessor.patch(
            f"/{ref}/assessment", {"interpreter_language": "ar", "driving_licences": ["B"]}
        ).status_code
        == 200
    )
    assert (
        assessor.post(
            f"/{ref}/assessment/work_experience", {"occupation_uri": welder().uri, "years": 5}
        ).status_code
        == 201
    )
    created = assessor.post(
        f"/{ref}/assessment/skills", {"skill_uri": welding_skill().uri, "level": 3, "evidence": 2}
    )
    assert created.status_code == 201
    bad = assessor.post(f"/{ref}/assessment/skills", {"skill_uri": "http://x"})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "skill_uri"
    bad = assessor.post(f"/{ref}/assessment/languages", {"language": "xx"})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "language"
    assert "not an ISO 639 language code" in bad.json()["detail"][0]["message"]
    bad = assessor.patch(f"/{ref}/assessment", {"interpreter_language": "xx"})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "interpreter_language"
    assert assessor.post(f"/{ref}/assessment/languages", {"language": "ti"}).status_code == 201
    assert assessor.post(f"/{ref}/assessment/nonsense", {}).status_code == 400
    skill_id = created.json()["id"]
    assert (
        assessor.patch(f"/{ref}/assessment/skills/{skill_id}", {"evidence": 4}).status_code == 200
    )
    assert assessor.post(f"/{ref}/assessment/sign-off").status_code == 400  # no appraisal yet
    assessor.patch(f"/{ref}/assessment", {"appraisal": "Experienced welder"})
    signed = assessor.post(f"/{ref}/assessment/sign-off").json()
    assert signed["status"] == "signed_off" and signed["skills"][0]["evidence"] == 4
    assert assessor.delete(f"/{ref}/assessment/skills/{skill_id}").status_code == 204
    versions = assessor.get(f"/{ref}/assessments").json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "draft"), (1, "signed_off")]
    assert (
        assessor.get(f"/{ref}/assessments/1").json()["skills"][0]["skill_uri"]
        == welding_skill().uri
    )
    assert assessor.get(f"/{ref}/assessment/skill-offers").json() == []
    pdf = assessor.get(f"/{ref}/card.pdf", language="ar")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    outsider = api(p.outsider)
    assert outsider.patch(f"/{ref}/assessment", {"appraisal": "x"}).status_code == 404
    assert outsider.post(f"/{ref}/assessment/sign-off").status_code == 404
    assert outsider.get(f"/{ref}/card.pdf").status_code == 404
    assert outsider.get(f"/{ref}/assessments/1").status_code == 404
    assert (
        api(p.consultant)
        .post(f"/{ref}/assessment/skills", {"skill_uri": welding_skill().uri})
        .status_code
        == 403
    )


def test_consent_codes_and_handover_through_the_api(p, api, candidate):
    assessor = api(p.assessor)
    ref = candidate.reference
    response = assessor.post(f"/{ref}/consents", {"purpose": "handover", "given": True})
    assert response.status_code == 201 and has_consent(candidate, Purpose.HANDOVER)
    bad = assessor.post(f"/{ref}/consents", {"purpose": "reveal_identity", "given": True})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "employer"
    rows = {r["purpose"]: r for r in assessor.get(f"/{ref}/consents").json()}
    assert rows["handover"]["given"] is True and rows["share_anonymised"]["given"] is None
    code = assessor.post(f"/{ref}/self-assessment-codes", {"language": "so"})
    assert code.status_code == 201 and SelfAssessmentCode.objects.get().language == "so"
    assert code.json()["url"].endswith("/candidates/self/")
    exported = assessor.get(f"/{ref}/handover").json()
    assert exported["schema_version"] == "1.0"
    # Import into project beta by its assessor; unknown version is refused with the field named.
    outsider = api(p.outsider)
    forget(candidate)
    bad = outsider.post("/handover?project=beta", {**exported, "schema_version": "9"})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "schema_version"
    created = outsider.post("/handover?project=beta", exported)
    assert created.status_code == 201 and created.json()["project"] == "beta"
    assert api(p.assessor).post("/handover?project=beta", exported).status_code == 404
    assert (
        outsider.post(f"/{ref}/consents", {"purpose": "handover", "given": False}).status_code
        == 201
    )
    assert api(p.assessor).get(f"/{ref}/handover").status_code == 404


def test_households_through_the_api(p, api):
    assessor = api(p.assessor)
    created = assessor.post(
        "/households",
        {
            "project": "alpha",
            "size": 5,
            "needs": "wheelchair",
            "tie_kind": "family",
            "tie_municipality_code": "0101",
        },
    )
    assert created.status_code == 201, created.content
    ref = created.json()["reference"]
    candidate = make_candidate(p)
    assessor.patch(f"/{candidate.reference}", {"household_reference": ref})
    assert assessor.get(f"/households/{ref}").json()["members"] == [candidate.reference]
    assert assessor.patch(f"/households/{ref}", {"size": 6}).json()["size"] == 6
    assert api(p.outsider).get(f"/households/{ref}").status_code == 404
    assert api(p.outsider).patch(f"/households/{ref}", {"size": 1}).status_code == 404
    assert api(p.outsider).get("/households").json() == []


def test_listing_households_through_the_api_is_audited(p, api):
    from talentbridge.candidates import registry

    household = registry.create_household(
        p.assessor, p.project, {"size": 3, "needs": "ground floor", "tie_note": "uncle in Aarhus"}
    )
    listed = api(p.assessor).get("/households")
    assert [h["needs"] for h in listed.json()] == ["ground floor"]
    event = AuditEvent.objects.get(action="read", object_type="candidates.household")
    assert event.actor == p.assessor and event.object_id == str(household.pk)
    assert event.subject_ref == household.reference and event.project_id == p.project.pk
    assert event.detail == {"list": True} and event.channel.startswith("api:")
    # An outsider sees nothing, and nothing is recorded as read by them.
    assert api(p.outsider).get("/households").json() == []
    assert not AuditEvent.objects.filter(actor=p.outsider, action="read").exists()


def test_reading_consents_through_the_api_is_audited(p, api, candidate):
    ref = candidate.reference
    assert api(p.assessor).get(f"/{ref}/consents").status_code == 200
    event = AuditEvent.objects.get(action="read", object_type="privacy.consent")
    assert event.actor == p.assessor and event.subject_ref == ref
    assert event.project_id == candidate.project_id and event.detail == {"consents": ["assessment"]}
    assert api(p.outsider).get(f"/{ref}/consents").status_code == 404
    assert AuditEvent.objects.filter(object_type="privacy.consent", action="read").count() == 1


def test_self_assessment_review_through_the_api(p, api, candidate):
    from talentbridge.candidates.selfassess import codes, review

    row, _ = codes.issue(p.assessor, candidate, "ar")
    submitted = review.submit(
        row, "ar", {"wishes": ["work"], "languages": [{"code": "ar", "level": "mother"}]}
    )
    assessor = api(p.assessor)
    listed = assessor.get(f"/{candidate.reference}/self-assessments").json()
    assert [i["key"] for i in listed[0]["items"]] == ["wishes", "language:ar"]
    after = assessor.post(
        f"/{candidate.reference}/self-assessments/{submitted.pk}/items",
        {"key": "language:ar", "accept": True},
    ).json()
    assert after["items"][1]["state"] == "accepted"
    assert Assessment.objects.get(candidate=candidate).languages.get().mother_tongue
    assert (
        api(p.outsider)
        .post(
            f"/{candidate.reference}/self-assessments/{submitted.pk}/items",
            {"key": "wishes", "accept": True},
        )
        .status_code
        == 404
    )


def test_the_openapi_document_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/candidates/",
        "/api/candidates/{reference}/assessment/sign-off",
        "/api/candidates/handover",
        "/api/candidates/{reference}/card.pdf",
    ):
        assert path in paths


def test_withdrawal_takes_effect_at_once_for_the_caseworker(p, api, candidate):
    record_decision(candidate, Purpose.HANDOVER, True, by=p.assessor)
    caseworker = api(p.caseworker)
    assert caseworker.get(f"/{candidate.reference}/personal").status_code == 200
    record_decision(candidate, Purpose.HANDOVER, False, by=p.assessor)
    assert caseworker.get(f"/{candidate.reference}/personal").status_code == 404


def test_the_outsider_gets_404_from_every_candidate_endpoint(p, api, signed):
    ref = signed.reference
    assessment = Assessment.objects.get(candidate=signed)
    skill_id = assessment.skills.get().pk
    calls = [
        ("get", f"/{ref}", None),
        ("patch", f"/{ref}", {"gender": "male"}),
        ("get", f"/{ref}/personal", None),
        ("patch", f"/{ref}/personal", {"phone": "1"}),
        ("get", f"/{ref}/profile", None),
        ("get", f"/{ref}/consents", None),
        ("post", f"/{ref}/consents", {"purpose": "handover", "given": True}),
        ("get", f"/{ref}/handover", None),
        ("get", f"/{ref}/assessments", None),
        ("get", f"/{ref}/assessments/1", None),
        ("patch", f"/{ref}/assessment", {"appraisal": "x"}),
        ("post", f"/{ref}/assessment/sign-off", None),
        ("get", f"/{ref}/assessment/skill-offers", None),
        ("post", f"/{ref}/assessment/languages", {"language": "fr"}),
        ("patch", f"/{ref}/assessment/skills/{skill_id}", {"level": 1}),
        ("delete", f"/{ref}/assessment/skills/{skill_id}", None),
        ("get", f"/{ref}/card.pdf", None),
        ("post", f"/{ref}/self-assessment-codes", {"language": "ar"}),
        ("get", f"/{ref}/self-assessments", None),
        ("post", f"/{ref}/self-assessments/1/items", {"key": "wishes", "accept": True}),
    ]
    for user in (p.outsider, p.employer_user):
        client = api(user)
        for method, path, body in calls:
            call = getattr(client, method)
            response = call(path) if method in ("get", "delete") else call(path, body)
            assert response.status_code == 404, (user.username, method, path, response.status_code)
    assert Assessment.objects.get(candidate=signed).skills.count() == 1
