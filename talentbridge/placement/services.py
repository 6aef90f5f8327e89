"""Placement runs: create, compute, override, approve, export; and what a municipality receives.

Views, the API and the CLI call these functions. Each takes the acting user and checks the
role through ``accounts.access``: placement officers (and administrators) of the run's
project do everything; a municipality's caseworkers see the households placed with them.
Anything out of scope is missing (404). Reads and changes of personal data are audited.

The functions live in small modules named after what they hold (``access``, ``runs``,
``decisions``, ``exclusions``, ``receiving``); this module gathers them.
"""

from .access import (  # noqa: F401
    get_household_or_404,
    get_run_or_404,
    is_officer,
    officer_projects,
    runs_for,
)
from .decisions import EXPORT_COLUMNS, approve, export_csv, override, warnings  # noqa: F401
from .exclusions import add_exclusion, exclusions_of, remove_exclusion  # noqa: F401
from .receiving import incoming, receiving_municipalities  # noqa: F401
from .runs import compute_run, create_run, read_households  # noqa: F401
