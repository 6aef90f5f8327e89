"""The main menu. Each entry names a URL and the roles that use it.

Entries whose URL is not (yet) installed are left out, so an app adds its pages by defining
the URL name listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Role

R = Role


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    roles: frozenset[str]


ENTRIES = [
    Entry(
        "candidates:index",
        _("Candidates"),
        frozenset({R.ASSESSOR, R.CASEWORKER, R.PROGRAMME_MANAGER}),
    ),
    Entry(
        "employers:index", _("Employers"), frozenset({R.BUSINESS_CONSULTANT, R.PROGRAMME_MANAGER})
    ),
    Entry("employers:portal", _("My company"), frozenset({R.EMPLOYER_USER})),
    Entry("employers:openings", _("Openings"), frozenset({R.BUSINESS_CONSULTANT, R.EMPLOYER_USER})),
    Entry(
        "employers:demand",
        _("Demand map"),
        frozenset({R.BUSINESS_CONSULTANT, R.PLACEMENT_OFFICER, R.CASEWORKER, R.PROGRAMME_MANAGER}),
    ),
    Entry(
        "pipeline:index",
        _("Matches"),
        frozenset({R.BUSINESS_CONSULTANT, R.ASSESSOR, R.PROGRAMME_MANAGER}),
    ),
    Entry(
        "pathways:index",
        _("Pathways"),
        frozenset({R.ASSESSOR, R.BUSINESS_CONSULTANT, R.CASEWORKER, R.PROGRAMME_MANAGER}),
    ),
    Entry("placement:index", _("Placement"), frozenset({R.PLACEMENT_OFFICER, R.CASEWORKER})),
    Entry("reports:dashboard", _("Programme"), frozenset({R.PROGRAMME_MANAGER})),
    Entry("taxonomy:index", _("Taxonomy"), frozenset(Role.values)),
    Entry(
        "municipalities:index",
        _("Municipalities"),
        frozenset({R.PLACEMENT_OFFICER, R.CASEWORKER, R.PROGRAMME_MANAGER, R.BUSINESS_CONSULTANT}),
    ),
    Entry("privacy:audit", _("Audit log"), frozenset({R.ADMINISTRATOR})),
]


def entries_for(user) -> list[dict]:
    from talentbridge.accounts.access import roles_of

    held = roles_of(user)
    admin = R.ADMINISTRATOR in held
    items = []
    for entry in ENTRIES:
        if not (admin or held & entry.roles):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": entry.label, "name": entry.url_name})
    return items
