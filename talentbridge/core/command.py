"""Base class for Talentbridge's management commands.

Every command runs with an audit channel naming it (``cli:<command>``) and with an actor:
``--as USERNAME`` runs it with that user's rights and scoping, exactly as the web and API
would; without it the command acts as the operator of the installation (all rights), and
the audit trail records it as ``system`` with the operating-system user.
"""

from __future__ import annotations

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from talentbridge.privacy import audit


class SystemActor:
    """The operator at the shell. Passes permission checks; audited as ``system:<os user>``."""

    is_authenticated = True
    is_system = True
    is_superuser = True
    is_active = True
    pk = None

    def __init__(self) -> None:
        try:
            self.label = f"system:{getpass.getuser()}"
        except Exception:  # pragma: no cover - no user database in some containers
            self.label = "system"

    def get_username(self) -> str:
        return self.label


class TalentbridgeCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="Run with this user's rights and scoping (default: the operator, all rights).",
        )
        return parser

    def execute(self, *args, **options):
        self.actor = self.resolve_actor(options.get("as_user"))
        name = self.__class__.__module__.rsplit(".", 1)[-1].replace("_", " ")
        with audit.channel(f"cli:{name}"):
            return super().execute(*args, **options)

    @staticmethod
    def resolve_actor(username: str | None):
        if not username:
            return SystemActor()
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"--as: no active user named {username!r}") from None
