"""The ``talentbridge`` command.

``talentbridge GROUP ACTION [ARGS]`` runs the management command ``GROUP_ACTION`` (dashes
become underscores), e.g. ``talentbridge taxonomy import-esco DIR`` runs
``taxonomy_import_esco``. A single word runs that command as it is, so every Django command
is reachable too (``talentbridge migrate``, ``talentbridge runserver``).
"""

from __future__ import annotations

import os
import sys


def _talentbridge_commands() -> dict[str, str]:
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if app.startswith("talentbridge")}


def _usage(commands: dict[str, str]) -> str:
    groups: dict[str, list[str]] = {}
    for name in sorted(commands):
        group, _, action = name.partition("_")
        groups.setdefault(group, []).append(action.replace("_", "-") if action else "")
    lines = ["usage: talentbridge GROUP ACTION [options]   (talentbridge GROUP ACTION --help)", ""]
    for group, actions in sorted(groups.items()):
        shown = ", ".join(a for a in actions if a) or "(no action)"
        if "" in actions and any(actions):
            shown = "(itself), " + shown
        lines.append(f"  {group:16} {shown}")
    lines.append("")
    lines.append("Django's own commands work as well, e.g. `talentbridge migrate`.")
    return "\n".join(lines)


def resolve(argv: list[str], commands: dict[str, str], all_commands) -> list[str]:
    """Map ``[group, action, *rest]`` to ``[command, *rest]``."""
    if len(argv) >= 2 and not argv[1].startswith("-"):
        joined = f"{argv[0]}_{argv[1]}".replace("-", "_")
        if joined in all_commands:
            return [joined, *argv[2:]]
    return [
        argv[0].replace("-", "_") if argv[0].replace("-", "_") in all_commands else argv[0],
        *argv[1:],
    ]


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentbridge.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = _talentbridge_commands()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_usage(commands))
        return
    execute_from_command_line(["talentbridge", *resolve(argv, commands, get_commands())])


if __name__ == "__main__":
    main()
