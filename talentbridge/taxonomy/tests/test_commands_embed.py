import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_embed_without_arguments_means_both_indexes(monkeypatch):
    seen = {}

    def fake_embed(indexes, progress=None):
        seen["indexes"] = indexes
        return {}

    monkeypatch.setattr(
        "talentbridge.taxonomy.management.commands.taxonomy_embed.embed", fake_embed
    )
    call_command("taxonomy_embed")
    assert seen["indexes"] is None


def test_embed_refuses_an_unknown_index():
    with pytest.raises(CommandError, match="unknown index colours"):
        call_command("taxonomy_embed", "colours")
