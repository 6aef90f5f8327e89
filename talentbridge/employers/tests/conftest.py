import pytest


@pytest.fixture(autouse=True)
def fresh_suggest_index():
    """Tests build their own small taxonomy: make suggest read it afresh."""
    try:
        from talentbridge.taxonomy import search
    except ImportError:  # pragma: no cover
        yield
        return
    if hasattr(search, "invalidate"):
        search.invalidate()
    yield
    if hasattr(search, "invalidate"):
        search.invalidate()
