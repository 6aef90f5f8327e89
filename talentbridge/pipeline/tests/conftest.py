import pytest

from .helpers import world


@pytest.fixture
def p(personas):
    return personas


@pytest.fixture
def w(p):
    return world(p)
