import subprocess
import sys

from talentbridge.cli import resolve


def test_it_maps_group_and_action_to_a_command():
    commands = {"taxonomy_import_esco": "x", "migrate": "y", "demo": "z", "demo_generate": "z"}
    assert resolve(["taxonomy", "import-esco", "DIR"], {}, commands) == [
        "taxonomy_import_esco",
        "DIR",
    ]
    assert resolve(["migrate", "--check"], {}, commands) == ["migrate", "--check"]
    assert resolve(["demo"], {}, commands) == ["demo"]
    assert resolve(["demo", "generate", "--candidates", "5"], {}, commands) == [
        "demo_generate",
        "--candidates",
        "5",
    ]
    assert resolve(["demo", "--no-serve"], {}, commands) == ["demo", "--no-serve"]


def test_the_console_script_lists_the_groups():
    result = subprocess.run(
        [sys.executable, "-m", "talentbridge.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "municipalities" in result.stdout
    assert "import-quotas" in result.stdout


def test_an_unknown_command_exits_non_zero():
    result = subprocess.run(
        [sys.executable, "-m", "talentbridge.cli", "no-such-thing"], capture_output=True, text=True
    )
    assert result.returncode != 0
