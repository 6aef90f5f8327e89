"""The core must not import Django: run every module of talentbridge.matching in a fresh
interpreter and look at sys.modules."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import talentbridge.matching as matching

SCRIPT = """
import importlib, pkgutil, sys
import talentbridge.matching as matching
names = [m.name for m in pkgutil.walk_packages(matching.__path__, "talentbridge.matching.")
         if ".tests" not in m.name and not m.name.endswith(".tests")]
for name in names:
    importlib.import_module(name)
print(len(names))
print("django" in sys.modules or any(k.startswith("django.") for k in sys.modules))
"""


def test_it_imports_every_module_without_django():
    env_root = Path(matching.__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        cwd=env_root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(env_root)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    count, has_django = result.stdout.split()
    expected = [
        m.name
        for m in pkgutil.walk_packages(matching.__path__, "talentbridge.matching.")
        if ".tests" not in m.name
    ]
    assert int(count) == len(expected) >= 10
    assert has_django == "False"
