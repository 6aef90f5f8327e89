"""Suggest across languages and scripts: the semantic layer (multilingual embeddings)."""

from __future__ import annotations

import pytest

from talentbridge.taxonomy import search, services
from talentbridge.taxonomy.bundle import Bundle, ConceptData, TextData
from talentbridge.taxonomy.embeddings import embed
from talentbridge.taxonomy.importer import apply_bundle
from talentbridge.taxonomy.models import ConceptEmbedding
from talentbridge.taxonomy.sample import OCCUPATIONS, occupation

WELDER = occupation("welder").uri


def top_uris(kind: str, query: str, n: int = 3, lang: str = "da") -> list[str]:
    return [r["uri"] for r in services.suggest(kind, query, lang=lang, top=n)]


ENGLISH_ONLY = [
    "welder",
    "nurse responsible for general care",
    "cook",
    "electrician",
    "carpenter",
    "cargo vehicle driver",
    "hairdresser",
    "shop assistant",
    "building cleaner",
    "software developer",
]


@pytest.fixture
def english_only(db, settings):
    """A few occupations with English labels only, and their embeddings (computed here: ~10 labels)."""
    settings.TAXONOMY_EMBEDDINGS = True
    bundle = Bundle(languages={"en"})
    for item in OCCUPATIONS:
        if item.label_en in ENGLISH_ONLY:
            bundle.add_concept(
                ConceptData(item.uri, "occupation", code=item.code, isco_code=item.isco)
            )
            bundle.add_text(item.uri, "en", TextData(item.label_en))
    apply_bundle(bundle, source="test: English only")
    summary = embed(["occupations"])
    assert summary["occupations"]["computed"] == len(ENGLISH_ONLY)
    return {item.label_en: item.uri for item in OCCUPATIONS if item.label_en in ENGLISH_ONLY}


class TestAcrossLanguages:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("sygeplejerske", "nurse responsible for general care"),  # Danish title, English labels
            ("kok", "cook"),
            ("frisør", "hairdresser"),
            ("lastbilchauffør", "cargo vehicle driver"),
            ("طباخ", "cook"),  # Arabic
            ("كهربائي", "electrician"),
            ("кухар", "cook"),  # Ukrainian
            ("جوشکار", "welder"),  # Farsi
        ],
    )
    def test_a_title_in_a_language_the_labels_lack_still_finds_the_occupation(
        self, english_only, query, expected
    ):
        assert english_only[expected] in top_uris("occupations", query, n=2, lang="en"), query

    def test_embeddings_are_reused_and_only_new_labels_computed(self, english_only):
        assert embed(["occupations"])["occupations"]["computed"] == 0
        bundle = Bundle(languages={"da"})
        bundle.add_text(english_only["welder"], "da", TextData("svejser"))
        apply_bundle(bundle, source="test: Danish")
        assert embed(["occupations"])["occupations"]["computed"] == 1
        assert ConceptEmbedding.objects.filter(index="occupations").count() == 1

    def test_the_setting_turns_the_semantic_layer_off(self, english_only, settings):
        assert services.suggest("occupations", "ممرضة")
        settings.TAXONOMY_EMBEDDINGS = False
        search.invalidate()
        assert services.suggest("occupations", "ممرضة") == []
        search.invalidate()


@pytest.mark.django_db
def test_an_import_enqueues_the_embedding_task(django_capture_on_commit_callbacks, settings):
    settings.TAXONOMY_EMBEDDINGS = True
    bundle = Bundle(languages={"en"})
    bundle.add_concept(ConceptData(WELDER, "occupation"))
    bundle.add_text(WELDER, "en", TextData("welder"))
    from django_tasks_db.models import DBTaskResult

    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        apply_bundle(bundle, source="test")
    if not ConceptEmbedding.objects.exists():
        # The database backend queued the task for the worker: run it as the worker would.
        queued = DBTaskResult.objects.exclude(pk__in=before).get(
            task_path="talentbridge.taxonomy.tasks.embed_concepts"
        )
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    stored = ConceptEmbedding.objects.get(index="occupations")
    assert stored.texts == ["welder"] and stored.uris == [WELDER]
