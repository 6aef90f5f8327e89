"""Suggest: Danish, English, inflected, misspelt, abbreviated and gendered job titles, other
languages and scripts through the embeddings, the CLI (JSON lines) and the service API."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import call_command

from talentbridge.taxonomy import search, services
from talentbridge.taxonomy.bundle import Bundle, ConceptData, TextData
from talentbridge.taxonomy.importer import apply_bundle
from talentbridge.taxonomy.models import Concept, TaxonomyImport
from talentbridge.taxonomy.sample import load_sample, occupation

WELDER = occupation("welder").uri
CARE = occupation("healthcare assistant").uri
HOME_CARE = occupation("home care aide").uri


@pytest.fixture(scope="module")
def sample(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_sample()
        search.invalidate()
        yield
        Concept.objects.all().delete()
        TaxonomyImport.objects.all().delete()
        search.invalidate()


def top_uris(kind: str, query: str, n: int = 3, lang: str = "da") -> list[str]:
    return [r["uri"] for r in services.suggest(kind, query, lang=lang, top=n)]


@pytest.mark.django_db
class TestLexical:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("svejser", "welder"),  # Danish
            ("welder", "welder"),  # English
            ("svejserne", "welder"),  # definite plural
            ("welders", "welder"),
            ("svejsr", "welder"),  # misspelt
            ("wleder", "welder"),
            ("SVEJSER", "welder"),
            ("sygeplejersker", "nurse responsible for general care"),
            ("sygeplejeske", "nurse responsible for general care"),
            ("tomrer", "carpenter"),  # ø typed as o
            ("tømrer", "carpenter"),
            ("elektrikeren", "electrician"),
            ("lagerarbejdere", "warehouse worker"),
            ("gaffeltruck", "forklift operator"),  # the beginning of a word typed so far
            ("sosu-assistent", "healthcare assistant"),  # abbreviation
            ("sosu hjælper", "home care aide"),
            ("servitrice", "waiter/waitress"),  # gendered form
            ("waitress", "waiter/waitress"),
            ("CNC-operatør", "computer numerical control machine operator"),
            ("softwareudvikler", "software developer"),
        ],
    )
    def test_it_finds_job_titles_as_people_write_them(self, sample, query, expected):
        assert occupation(expected).uri in top_uris("occupations", query), query

    def test_occupations_and_isco_groups_are_ranked_together(self, sample):
        results = services.suggest("occupations", "svejser", top=10)
        kinds = {r["kind"] for r in results}
        assert results[0]["uri"] == WELDER and results[0]["kind"] == "occupation"
        assert "isco-group" in kinds
        group = next(r for r in results if r["kind"] == "isco-group")
        assert group["label"] == "Svejsearbejde og skærebrænding"
        assert all(set(r) == {"uri", "label", "kind", "score"} for r in results)
        scores = [r["score"] for r in results]
        assert scores == sorted(scores, reverse=True)

    def test_labels_come_in_the_language_asked_for(self, sample):
        assert services.suggest("occupations", "welder", lang="da", top=1)[0]["label"] == "svejser"
        assert services.suggest("occupations", "svejser", lang="en", top=1)[0]["label"] == "welder"
        # A language the taxonomy lacks falls back to English.
        assert services.suggest("occupations", "svejser", lang="uk", top=1)[0]["label"] == "welder"

    def test_skills_have_their_own_index(self, sample):
        results = services.suggest("skills", "forklift", lang="en", top=5)
        assert "operate forklift" in [r["label"] for r in results]
        assert {r["kind"] for r in results} == {"skill"}

    def test_empty_and_unknown_queries(self, sample):
        assert services.suggest("occupations", "   ") == []
        assert services.suggest_many("occupations", ["", "svejser"], top=2)[0] == []
        with pytest.raises(ValueError, match="unknown kind"):
            services.suggest("animals", "cat")

    def test_the_cli_answers_stdin_with_json_lines_in_order(self, sample, monkeypatch):
        monkeypatch.setattr(sys, "stdin", io.StringIO("svejser\nsosu-assistent\n\nwelders\n"))
        out = io.StringIO()
        call_command("taxonomy_suggest", "occupations", "--top", "2", "--lang", "en", stdout=out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [line["query"] for line in lines] == ["svejser", "sosu-assistent", "", "welders"]
        assert lines[0]["results"][0] == {
            **lines[0]["results"][0],
            "uri": WELDER,
            "label": "welder",
            "kind": "occupation",
        }
        assert lines[1]["results"][0]["uri"] == CARE
        assert lines[2]["results"] == [] and len(lines[3]["results"]) == 2

    def test_the_cli_takes_a_text_argument(self, sample):
        out = io.StringIO()
        call_command("taxonomy_suggest", "occupations", "svejser", "--format", "jsonl", stdout=out)
        assert json.loads(out.getvalue())["results"][0]["uri"] == WELDER
        out = io.StringIO()
        call_command("taxonomy_suggest", "occupations", "svejser", stdout=out)
        assert out.getvalue().startswith("svejser:\n") and "svejser  [occupation]" in out.getvalue()

    def test_the_index_is_rebuilt_after_an_import(self, sample):
        assert top_uris("occupations", "plasterer") != [
            "http://data.europa.eu/esco/occupation/test-plasterer"
        ]
        bundle = Bundle(languages={"en"})
        bundle.add_concept(
            ConceptData("http://data.europa.eu/esco/occupation/test-plasterer", "occupation")
        )
        bundle.add_text(
            "http://data.europa.eu/esco/occupation/test-plasterer", "en", TextData("plasterer")
        )
        apply_bundle(bundle, source="test")
        assert top_uris("occupations", "plasterer", n=1) == [
            "http://data.europa.eu/esco/occupation/test-plasterer"
        ]
