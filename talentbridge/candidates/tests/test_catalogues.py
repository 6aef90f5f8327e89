"""Every string a candidate reads is translated into every offered language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(__file__).resolve().parents[1] / "locale"
CANDIDATE_FACING = (
    "templates/candidates/self/",
    "templates/candidates/card/",
    "selfassess/questions.py",
    "views/selfassess.py",
)


def candidate_facing(entry) -> bool:
    return any(path.startswith(CANDIDATE_FACING) for path, _line in entry.occurrences)


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_candidate_facing_strings_are_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert "INTEGER" not in po.metadata["Plural-Forms"]
    missing = [e.msgid for e in po if candidate_facing(e) and not e.msgid_plural and not e.msgstr]
    assert not missing, missing
    assert len([e for e in po if candidate_facing(e)]) > 60
