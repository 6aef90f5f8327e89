"""Candidates: list and search, register (with the duplicate check), profile, edit; households."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from talentbridge.accounts.access import has_role, projects_for
from talentbridge.accounts.models import Organisation, Role
from talentbridge.pipeline import access as matching_access

from .. import assessments, consents, registry
from ..forms import (
    CandidateForm,
    CodeForm,
    HouseholdForm,
    PersonalForm,
    RegisterConfirmForm,
    SearchForm,
    add_service_errors,
)
from ..models import Candidate
from ..permissions import (
    can_edit,
    can_read_personal,
    can_register,
    get_household_or_404,
    household_scope,
)
from ..selfassess.review import pending
from .common import candidate_for

STAFF_ROLES = (
    Role.ASSESSOR,
    Role.CASEWORKER,
    Role.PROGRAMME_MANAGER,
    Role.BUSINESS_CONSULTANT,
    Role.PLACEMENT_OFFICER,
)


@login_required
def index(request):
    if not has_role(request.user, *STAFF_ROLES):
        raise Http404
    centres = Organisation.objects.filter(
        kind=Organisation.Kind.ASYLUM_CENTRE, projects__in=projects_for(request.user)
    ).distinct()
    form = SearchForm(request.GET or None, centres=centres)
    filters = registry.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = registry.Filters(
            q=data["q"],
            nationality=data["nationality"],
            status=data["status"],
            centre=data["centre"].pk if data["centre"] else None,
        )
    page = Paginator(registry.search(request.user, filters), 50).get_page(request.GET.get("page"))
    registry.audit_listing(request.user, page.object_list)
    return render(
        request,
        "candidates/index.html",
        {
            "form": form,
            "page": page,
            "can_register": projects_for(request.user, roles=[Role.ASSESSOR]).exists(),
        },
    )


def _register_project(request):
    projects = projects_for(request.user, roles=[Role.ASSESSOR])
    code = request.GET.get("project") or request.POST.get("project")
    if code:
        project = projects.filter(code=code).first()
    else:
        project = projects.first()
    if project is None or not can_register(request.user, project):
        raise Http404
    return project, projects


@login_required
def register(request):
    project, projects = _register_project(request)
    form = CandidateForm(request.POST or None, project=project, prefix="c")
    personal = PersonalForm(request.POST or None, prefix="p")
    confirm = RegisterConfirmForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid() and personal.is_valid() and confirm.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            candidate = registry.register(
                request.user,
                project,
                data,
                personal.cleaned_data,
                allow_duplicate=confirm.cleaned_data["confirm_not_duplicate"],
            )
        except registry.DuplicatesFound as found:
            duplicates = registry.duplicate_report(request.user, found.matches)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Candidate %(ref)s registered.") % {"ref": candidate.reference}
            )
            return redirect("candidates:detail", reference=candidate.reference)
    return render(
        request,
        "candidates/register.html",
        {
            "form": form,
            "personal": personal,
            "confirm": confirm,
            "duplicates": duplicates,
            "project": project,
            "projects": projects,
        },
    )


@login_required
def detail(request, reference):
    candidate = candidate_for(request, reference)
    registry.read_candidate(request.user, candidate)
    latest = assessments.latest(candidate)
    employers = consents.employer_choices(candidate)
    return render(
        request,
        "candidates/detail.html",
        {
            "candidate": candidate,
            "personal": registry.personal_or_none(request.user, candidate),
            "can_edit": can_edit(request.user, candidate),
            "can_read_personal": can_read_personal(request.user, candidate),
            "can_match": matching_access.is_staff(request.user, candidate.project),
            "latest": latest,
            "consents": consents.overview(candidate, employers=employers),
            "consent_log": consents.log(candidate)[:20],
            "employers": employers,
            "pending": pending(candidate),
            "code_form": CodeForm(initial={"language": candidate.language}),
            "members": registry.household_members(request.user, candidate.household)
            if candidate.household_id
            else [],
        },
    )


@login_required
@transaction.atomic
def edit(request, reference):
    candidate = candidate_for(request, reference)
    if not can_edit(request.user, candidate):
        raise Http404
    form = CandidateForm(
        request.POST or None,
        instance=Candidate.objects.get(pk=candidate.pk),
        project=candidate.project,
    )
    if request.method == "GET":
        registry.read_candidate(request.user, candidate)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data.get(name)
            for name in registry.CANDIDATE_FIELDS
            if name in form.cleaned_data
        }
        data = {k: ("" if v is None and k in ("left_reason",) else v) for k, v in data.items()}
        if not data.get("organisation"):
            data.pop("organisation", None)
        try:
            registry.update_candidate(request.user, candidate, data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("candidates:detail", reference=candidate.reference)
    return render(request, "candidates/edit.html", {"candidate": candidate, "form": form})


@login_required
def personal(request, reference):
    candidate = candidate_for(request, reference)
    if not can_edit(request.user, candidate):
        raise Http404
    details = registry.read_personal(request.user, candidate)
    form = PersonalForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        try:
            registry.update_personal(request.user, candidate, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("candidates:detail", reference=candidate.reference)
    return render(request, "candidates/personal.html", {"candidate": candidate, "form": form})


@login_required
def households(request):
    items = (
        household_scope(request.user)
        .select_related("project", "tie_municipality")
        .order_by("reference")
    )
    if not items.exists() and not projects_for(request.user, roles=[Role.ASSESSOR]).exists():
        raise Http404
    project = projects_for(request.user, roles=[Role.ASSESSOR]).first()
    form = HouseholdForm(request.POST or None)
    if request.method == "POST":
        if project is None:
            raise Http404
        if form.is_valid():
            try:
                household = registry.create_household(request.user, project, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Household %(ref)s created.") % {"ref": household.reference}
                )
                return redirect("candidates:household", reference=household.reference)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    registry.audit_household_listing(request.user, page.object_list)
    return render(
        request,
        "candidates/households.html",
        {"page": page, "form": form, "can_create": project is not None},
    )


@login_required
def household(request, reference):
    item = get_household_or_404(request.user, reference)
    editable = can_register(request.user, item.project)
    form = HouseholdForm(request.POST or None, instance=item)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                registry.update_household(request.user, item, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("candidates:household", reference=item.reference)
    members = registry.household_members(request.user, item)
    registry.audit_listing(request.user, members)
    registry.read_household(request.user, item)
    return render(
        request,
        "candidates/household.html",
        {"household": item, "form": form, "members": members, "editable": editable},
    )
