"""The company register: employers, their sites and contact persons.

Every function takes the acting user first and checks the scope through
``employers.access``; views, API and commands call these and nothing else.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from talentbridge.accounts.access import has_role
from talentbridge.accounts.models import Membership, Organisation, Project, Role, User

from .. import access
from ..models import Contact, Employer, Site, validate_cvr
from .common import Action, apply_fields, record, resolve_municipality

EMPLOYER_FIELDS = ("cvr", "name", "industry_code", "industry_name", "size", "website", "note")
SITE_FIELDS = ("name", "address", "postal_code", "municipality")
CONTACT_FIELDS = ("name", "role", "email", "phone")


def normalise_cvr(value) -> str:
    """Accept the ways people write a CVR number: "DK 12 34 56 78", "12-34-56-78"."""
    text = re.sub(r"[\s\-.]", "", str(value or "")).upper()
    return text[2:] if text.startswith("DK") else text


def normalise_industry(value) -> str:
    """DB07 codes are written "25.11.00" or "251100"; we keep the six digits."""
    return re.sub(r"[\s.]", "", str(value or ""))


def check_cvr(value) -> str:
    """The normalised CVR number, or a ValidationError on the field ``cvr``."""
    cvr = normalise_cvr(value)
    try:
        validate_cvr(cvr)
    except ValidationError as exc:
        raise ValidationError({"cvr": exc.messages}) from None
    return cvr


def list_employers(
    user, *, query: str = "", project: Project | None = None, mine: bool = False
) -> QuerySet[Employer]:
    qs = access.register_employers(user)
    if project is not None:
        qs = qs.filter(projects=project)
    if mine:
        qs = qs.filter(consultant=user)
    if query:
        q = query.strip()
        qs = qs.filter(name__icontains=q) | qs.filter(cvr__startswith=normalise_cvr(q))
    return (
        qs.select_related("consultant")
        .prefetch_related("projects", "sites__municipality")
        .distinct()
    )


def _projects(user, projects) -> list[Project]:
    """Resolve projects (instances, codes or pks) to those the user may register companies in."""
    allowed = (
        Project.objects.all()
        if access.is_all_seeing(user)
        else access.staff_projects(user, edit=True)
    )
    if not projects:
        found = list(allowed[:2])
        if len(found) != 1:
            raise ValidationError(
                {"projects": _("Choose the project(s) the company takes part in.")}
            )
        return found
    result = []
    for item in projects:
        key = item.pk if isinstance(item, Project) else item
        lookup = {"pk": key} if str(key).isdigit() else {"code": key}
        try:
            result.append(allowed.get(**lookup))
        except Project.DoesNotExist:
            raise ValidationError(
                {"projects": _("Unknown project %(value)s.") % {"value": key}}
            ) from None
    return result


def _consultant(value, projects: list[Project]) -> User | None:
    """A business consultant in one of the company's projects."""
    if value in (None, ""):
        return None
    user = (
        value
        if isinstance(value, User)
        else User.objects.filter(
            **({"pk": value} if str(value).isdigit() else {"username": value})
        ).first()
    )
    if user is None or not any(
        has_role(user, Role.BUSINESS_CONSULTANT, project=p) for p in projects
    ):
        raise ValidationError(
            {"consultant": _("Not a business consultant in the company's projects.")}
        )
    return user


def _organisation(value, employer: Employer) -> Organisation | None:
    """The organisation of the company's own users: an employer organisation, not linked elsewhere."""
    if value in (None, ""):
        return None
    org = (
        value if isinstance(value, Organisation) else Organisation.objects.filter(pk=value).first()
    )
    if org is None or org.kind != Organisation.Kind.EMPLOYER:
        raise ValidationError({"organisation": _("Choose an organisation of kind 'employer'.")})
    taken = Employer.objects.filter(organisation=org).exclude(pk=employer.pk).first()
    if taken is not None:
        raise ValidationError(
            {
                "organisation": _("This organisation already belongs to %(name)s.")
                % {"name": taken.name}
            }
        )
    return org


def linkable_organisations(user) -> QuerySet[Organisation]:
    """Employer organisations in the user's projects, for the 'company users' field."""
    qs = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER)
    if not access.is_all_seeing(user):
        qs = qs.filter(projects__in=access.staff_projects(user, edit=True))
    return qs.distinct().order_by("name")


@transaction.atomic
def create_employer(user, data: dict, *, projects=None) -> tuple[Employer, bool]:
    """Register a company. Returns ``(employer, created)``.

    The register is shared by the projects (CVR data are public). When the CVR number is
    already registered in a project the user does not work in, the company is added to the
    user's project(s) and ``created`` is False; when the user already sees it, that is an
    error on ``cvr``.
    """
    access.require_staff(user, edit=True)
    data = dict(data)
    cvr = check_cvr(data.get("cvr"))
    data["cvr"] = cvr
    if "industry_code" in data:
        data["industry_code"] = normalise_industry(data["industry_code"])
    chosen = _projects(user, projects or data.pop("projects", None))
    data.pop("projects", None)
    existing = Employer.objects.filter(cvr=cvr).first()
    if existing is not None:
        if access.register_employers(user).filter(pk=existing.pk).exists():
            raise ValidationError(
                {
                    "cvr": _("CVR number %(cvr)s is already registered (%(name)s).")
                    % {"cvr": cvr, "name": existing.name}
                }
            )
        existing.projects.add(*chosen)
        record(user, Action.UPDATE, existing, joined_projects=[p.code for p in chosen])
        return existing, False
    employer = Employer()
    apply_fields(employer, data, EMPLOYER_FIELDS)
    # The consultant who registers a company owns the relationship unless someone else is named.
    is_consultant = getattr(user, "pk", None) and has_role(user, Role.BUSINESS_CONSULTANT)
    consultant = data.get("consultant", user if is_consultant else None)
    employer.consultant = _consultant(consultant, chosen)
    employer.organisation = _organisation(data.get("organisation"), employer)
    employer.full_clean()
    employer.save()
    employer.projects.set(chosen)
    record(user, Action.CREATE, employer, cvr=cvr, projects=[p.code for p in chosen])
    return employer, True


@transaction.atomic
def update_employer(user, employer: Employer, data: dict) -> dict:
    """Change a company's register data. Returns the changes {field: (old, new)}."""
    if not access.can_edit_employer(user, employer):
        raise Http404
    data = dict(data)
    if "cvr" in data:
        data["cvr"] = check_cvr(data["cvr"])
        if Employer.objects.filter(cvr=data["cvr"]).exclude(pk=employer.pk).exists():
            raise ValidationError(
                {"cvr": _("CVR number %(cvr)s is already registered.") % {"cvr": data["cvr"]}}
            )
    if "industry_code" in data:
        data["industry_code"] = normalise_industry(data["industry_code"])
    changes = apply_fields(employer, data, EMPLOYER_FIELDS)
    projects = list(employer.projects.all())
    if "consultant" in data:
        new = _consultant(data["consultant"], projects)
        if new != employer.consultant:
            changes["consultant"] = (employer.consultant_id, getattr(new, "pk", None))
            employer.consultant = new
    if "organisation" in data:
        org = _organisation(data["organisation"], employer)
        if org != employer.organisation:
            changes["organisation"] = (employer.organisation_id, getattr(org, "pk", None))
            employer.organisation = org
    if "projects" in data:
        changes.update(_set_projects(user, employer, data["projects"]))
    if changes:
        employer.full_clean()
        employer.save()
        record(user, Action.UPDATE, employer, changes=changes)
    return changes


def _set_projects(user, employer: Employer, projects) -> dict:
    """Add or remove the user's own projects; projects the user does not work in stay as they are."""
    wanted = set(p.pk for p in _projects(user, projects)) if projects else set()
    mine = set(
        (
            Project.objects.all()
            if access.is_all_seeing(user)
            else access.staff_projects(user, edit=True)
        ).values_list("pk", flat=True)
    )
    current = set(employer.projects.values_list("pk", flat=True))
    new = (current - mine) | (wanted & mine)
    if not new:
        raise ValidationError({"projects": _("A company takes part in at least one project.")})
    if new == current:
        return {}
    employer.projects.set(new)
    return {"projects": (sorted(current), sorted(new))}


# Sites --------------------------------------------------------------------------------------


def _site_data(data: dict) -> dict:
    data = dict(data)
    if "municipality" in data:
        data["municipality"] = resolve_municipality(data["municipality"])
    return data


@transaction.atomic
def add_site(user, employer: Employer, data: dict) -> Site:
    """Add a site (consultants, and the company's own users)."""
    employer = access.get_employer_or_404(user, employer.pk, edit=True)
    site = Site(employer=employer)
    apply_fields(site, _site_data(data), SITE_FIELDS)
    site.full_clean()
    site.save()
    record(user, Action.CREATE, site, employer=employer.pk, municipality=site.municipality.code)
    return site


def get_site_or_404(user, pk, *, edit: bool = False) -> Site:
    try:
        return (
            access.sites_for(user, edit=edit).select_related("employer", "municipality").get(pk=pk)
        )
    except (Site.DoesNotExist, ValueError):
        raise Http404 from None


@transaction.atomic
def update_site(user, site: Site, data: dict) -> dict:
    site = get_site_or_404(user, site.pk, edit=True)
    changes = apply_fields(site, _site_data(data), SITE_FIELDS)
    if changes:
        site.full_clean()
        site.save()
        record(user, Action.UPDATE, site, changes=changes)
    return changes


@transaction.atomic
def delete_site(user, site: Site) -> None:
    site = get_site_or_404(user, site.pk, edit=True)
    pk = site.pk
    try:
        site.delete()
    except ProtectedError:
        raise ValidationError(
            {"site": _("The site has openings; close them or move them first.")}
        ) from None
    site.pk = pk
    record(user, Action.DELETE, site, employer=site.employer_id)


# Contact persons (personal data: changes are audited without their values) ------------------


def contacts_of(user, employer: Employer) -> QuerySet[Contact]:
    """Contact persons of a company, for the consultants; reading them is audited."""
    employer = access.get_register_employer_or_404(user, employer.pk)
    contacts = list(employer.contacts.all())
    from talentbridge.privacy import audit

    if contacts:
        audit.record_many(user, Action.READ, contacts)
    return employer.contacts.all()


@transaction.atomic
def add_contact(user, employer: Employer, data: dict) -> Contact:
    employer = access.get_register_employer_or_404(user, employer.pk, edit=True)
    contact = Contact(employer=employer)
    apply_fields(contact, data, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    record(user, Action.CREATE, contact, personal=True, employer=employer.pk)
    return contact


def get_contact_or_404(user, pk, *, edit: bool = False) -> Contact:
    try:
        return Contact.objects.select_related("employer").get(
            pk=pk, employer__in=access.register_employers(user, edit=edit).values("pk")
        )
    except (Contact.DoesNotExist, ValueError):
        raise Http404 from None


@transaction.atomic
def update_contact(user, contact: Contact, data: dict) -> dict:
    contact = get_contact_or_404(user, contact.pk, edit=True)
    changes = apply_fields(contact, data, CONTACT_FIELDS)
    if changes:
        contact.full_clean()
        contact.save()
        record(user, Action.UPDATE, contact, personal=True, changes=changes)
    return changes


@transaction.atomic
def delete_contact(user, contact: Contact) -> None:
    contact = get_contact_or_404(user, contact.pk, edit=True)
    pk = contact.pk
    contact.delete()
    contact.pk = pk
    record(user, Action.DELETE, contact, personal=True, employer=contact.employer_id)


def consultants_for(user) -> QuerySet[User]:
    """Business consultants of the user's projects (for 'who owns the relationship')."""
    projects = Project.objects.all() if access.is_all_seeing(user) else access.staff_projects(user)
    members = Membership.objects.filter(
        role=Role.BUSINESS_CONSULTANT, organisation__projects__in=projects
    ).values("user")
    return User.objects.filter(pk__in=members, is_active=True).order_by("username")
