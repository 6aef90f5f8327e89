import re
from pathlib import Path

from talentbridge import settings

DOCS = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"


def test_it_documents_every_environment_setting():
    source = Path(settings.__file__).read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOCS.read_text(), re.MULTILINE))
    assert names, "no settings found"
    assert names <= documented, f"undocumented settings: {sorted(names - documented)}"
