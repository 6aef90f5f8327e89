"""The examples in the core's docstrings run."""

import doctest
import importlib

import pytest

MODULES = [
    "model",
    "weights",
    "components",
    "geo",
    "score",
    "rank",
    "explain",
    "assign",
    "auction",
    "gaps",
    "evaluation",
    "synthetic",
]


@pytest.mark.parametrize("name", MODULES)
def test_it_runs_the_examples(name):
    module = importlib.import_module(f"talentbridge.matching.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
