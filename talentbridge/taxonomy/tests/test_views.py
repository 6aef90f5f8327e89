"""Taxonomy pages and API. The taxonomy is reference data shared by all projects: every
logged-in user (including an outsider from another project) may read it; anonymous
visitors are refused (login page, or 401 from the API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from talentbridge.core.api_auth import issue_token
from talentbridge.taxonomy import search
from talentbridge.taxonomy.models import Concept
from talentbridge.taxonomy.sample import load_sample, occupation

pytestmark = pytest.mark.django_db

WELDER = occupation("welder")


@pytest.fixture
def sample(db):
    load_sample()
    yield
    search.invalidate()


@pytest.fixture
def assessor_client(client, personas):
    client.force_login(personas.assessor)
    return client


def test_anonymous_visitors_are_sent_to_the_login_page(client, sample):
    concept = Concept.objects.get(uri=WELDER.uri)
    for url in (reverse("taxonomy:index"), reverse("taxonomy:concept", args=[concept.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_index_shows_what_is_loaded_and_what_is_missing(assessor_client, sample):
    response = assessor_client.get(reverse("taxonomy:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "sample: curated ESCO v1.2 occupations" in page
    assert 'data-suggest="occupations"' in page
    # The sample has relations for its 49 occupations only, and no embeddings yet.
    assert "49" in page and "Ingen vektorer endnu" in page  # Danish is the default language


def test_the_index_says_what_the_builtin_lacks(assessor_client):
    from talentbridge.taxonomy.bundle import Bundle, ConceptData, TextData
    from talentbridge.taxonomy.importer import apply_bundle

    bundle = Bundle(languages={"en"})
    bundle.add_concept(ConceptData(WELDER.uri, "occupation"))
    bundle.add_text(WELDER.uri, "en", TextData("welder", derived=True))
    apply_bundle(bundle, source="builtin: test", builtin=True)
    page = assessor_client.get(
        reverse("taxonomy:index"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    for expected in (
        "No occupation–skill relations",
        "have no ISCO-08 unit group",
        "No Danish labels",
        "built-in",
    ):
        assert expected in page, expected


def test_the_index_searches_without_javascript(assessor_client, sample):
    response = assessor_client.get(
        reverse("taxonomy:index"), {"q": "svejsere", "kind": "occupations"}
    )
    page = response.content.decode()
    concept = Concept.objects.get(uri=WELDER.uri)
    assert reverse("taxonomy:concept", args=[concept.pk]) in page
    assert "svejser" in page


def test_the_concept_page_shows_labels_group_and_skills(assessor_client, sample):
    concept = Concept.objects.get(uri=WELDER.uri)
    page = assessor_client.get(reverse("taxonomy:concept", args=[concept.pk])).content.decode()
    assert "svejser" in page and "welder" in page
    assert "7212" in page
    for skill in WELDER.essential + WELDER.optional:
        assert skill.label in page


def test_a_skill_page_lists_the_occupations_that_need_it(assessor_client, sample):
    skill = Concept.objects.get(uri=WELDER.essential[0].uri)
    page = assessor_client.get(reverse("taxonomy:concept", args=[skill.pk])).content.decode()
    assert "svejser" in page or "welder" in page


def test_concept_lookup_by_uri_and_unknown_concepts(assessor_client, sample):
    concept = Concept.objects.get(uri=WELDER.uri)
    response = assessor_client.get(reverse("taxonomy:concept-lookup"), {"uri": WELDER.uri})
    assert response.status_code == 302 and response["Location"] == reverse(
        "taxonomy:concept", args=[concept.pk]
    )
    assert assessor_client.get(reverse("taxonomy:concept", args=[999999])).status_code == 404
    assert (
        assessor_client.get(reverse("taxonomy:concept-lookup"), {"uri": "http://x"}).status_code
        == 404
    )


def test_an_outsider_reads_the_same_shared_taxonomy(client, personas, sample):
    client.force_login(personas.outsider)
    concept = Concept.objects.get(uri=WELDER.uri)
    assert client.get(reverse("taxonomy:concept", args=[concept.pk])).status_code == 200


# -- API ------------------------------------------------------------------------------------


def test_the_suggest_api_needs_a_login_or_a_token(client, personas, sample):
    url = "/api/taxonomy/suggest/occupations"
    assert client.get(url, {"q": "svejser"}).status_code == 401
    token = issue_token(personas.outsider, "test")
    response = client.get(url, {"q": "svejser"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["results"][0]["uri"] == WELDER.uri


def test_the_suggest_api_answers_query_and_results(assessor_client, sample):
    data = assessor_client.get(
        "/api/taxonomy/suggest/occupations", {"q": "sosu-assistent", "lang": "en", "top": 3}
    ).json()
    assert data["query"] == "sosu-assistent"
    assert len(data["results"]) == 3
    assert data["results"][0] == {
        **data["results"][0],
        "uri": occupation("healthcare assistant").uri,
        "label": "healthcare assistant",
        "kind": "occupation",
    }
    skills = assessor_client.get(
        "/api/taxonomy/suggest/skills", {"q": "forklift", "lang": "en"}
    ).json()
    assert "operate forklift" in [r["label"] for r in skills["results"]]
    assert assessor_client.get("/api/taxonomy/suggest/occupations", {"q": ""}).json() == {
        "query": "",
        "results": [],
    }


def test_the_suggest_api_checks_its_input(assessor_client, sample):
    response = assessor_client.get("/api/taxonomy/suggest/animals", {"q": "cat"})
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "kind"
    response = assessor_client.get("/api/taxonomy/suggest/occupations", {"q": "x", "top": 500})
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "top"


def test_the_occupation_skills_api(assessor_client, client, sample):
    concept = Concept.objects.get(uri=WELDER.uri)
    for ref in (str(concept.pk), WELDER.uri, WELDER.uri.rsplit("/", 1)[1]):
        data = assessor_client.get(f"/api/taxonomy/occupations/{ref}/skills", {"lang": "en"}).json()
        assert data["occupation"]["uri"] == WELDER.uri and data["relations_loaded"] is True
        assert {s["uri"] for s in data["essential"]} == {s.uri for s in WELDER.essential}
        assert {s["label"] for s in data["optional"]} == {s.label for s in WELDER.optional}
    assert assessor_client.get("/api/taxonomy/occupations/999999/skills").status_code == 404
    skill = Concept.objects.get(uri=WELDER.essential[0].uri)
    assert assessor_client.get(f"/api/taxonomy/occupations/{skill.pk}/skills").status_code == 404
    client.logout()
    assert client.get(f"/api/taxonomy/occupations/{concept.pk}/skills").status_code == 401
