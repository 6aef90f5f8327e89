"""The company register: list, create, show and edit companies, their sites and contacts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..forms import ContactForm, EmployerForm, SiteForm, show_errors
from ..models import Opening
from ..services import interactions, needs, register
from .common import edit_projects


@login_required
def index(request):
    user = request.user
    if access.own_employers(user).exists() and not (
        access.is_all_seeing(user) or access.staff_projects(user).exists()
    ):
        return redirect("employers:portal")
    access.require_staff(user)
    query = request.GET.get("q", "")
    mine = request.GET.get("mine") == "1"
    employers = register.list_employers(user, query=query, mine=mine)
    return render(
        request,
        "employers/index.html",
        {
            "employers": employers[:500],
            "total": employers.count(),
            "query": query,
            "mine": mine,
            "due": interactions.due_follow_ups(user)[:50],
            "can_edit": access.is_all_seeing(user)
            or access.staff_projects(user, edit=True).exists(),
        },
    )


def _employer_form(request, data=None, initial=None):
    user = request.user
    return EmployerForm(
        data,
        initial=initial,
        projects=edit_projects(user),
        consultants=register.consultants_for(user),
        organisations=register.linkable_organisations(user),
    )


def _employer_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["projects"] = list(data["projects"])
    return data


@login_required
def create(request):
    access.require_staff(request.user, edit=True)
    form = _employer_form(
        request,
        request.POST or None,
        initial={
            "consultant": request.user
            if register.consultants_for(request.user).filter(pk=request.user.pk).exists()
            else None,
            "projects": list(edit_projects(request.user)[:1])
            if edit_projects(request.user).count() == 1
            else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = _employer_data(form)
        try:
            employer, created = register.create_employer(
                request.user, data, projects=data.pop("projects")
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Company registered."))
            else:
                messages.info(
                    request,
                    _("The company was already in the register; it is now part of your project."),
                )
            return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/employer_form.html", {"form": form})


@login_required
def detail(request, pk):
    user = request.user
    employer = access.get_register_employer_or_404(user, pk)
    today = timezone.localdate()
    need_rows = list(needs.list_needs(user, employer=employer, active=None))
    return render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "sites": employer.sites.select_related("municipality"),
            "contacts": register.contacts_of(user, employer),
            "history": interactions.history(user, employer)[:100],
            "needs": [(n, needs.is_stale(n, today)) for n in need_rows],
            "openings": access.openings_for(user)
            .filter(site__employer=employer)
            .select_related("site__municipality"),
            "can_edit": access.can_edit_employer(user, employer),
            "Status": Opening.Status,
        },
    )


@login_required
def edit(request, pk):
    user = request.user
    employer = access.get_register_employer_or_404(user, pk, edit=True)
    initial = {
        **{f: getattr(employer, f) for f in register.EMPLOYER_FIELDS},
        "projects": list(employer.projects.all()),
        "consultant": employer.consultant,
        "organisation": employer.organisation,
    }
    form = _employer_form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            register.update_employer(user, employer, _employer_data(form))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/employer_form.html", {"form": form, "employer": employer})


# Sites ------------------------------------------------------------------------------------------


def _back_url(request, employer) -> str:
    """After a change to a site: the portal for the company's own users, else the register."""
    if access.is_own_employer(request.user, employer) and not access.can_edit_employer(
        request.user, employer
    ):
        return reverse("employers:portal") + f"?employer={employer.pk}"
    return reverse("employers:detail", args=[employer.pk])


def _back(request, employer):
    return redirect(_back_url(request, employer))


@login_required
def site_create(request, pk):
    employer = access.get_employer_or_404(request.user, pk, edit=True)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register.add_site(request.user, employer, form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Site added."))
            return _back(request, employer)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": employer,
            "title": _("New site"),
            "cancel_url": _back_url(request, employer),
        },
    )


@login_required
def site_edit(request, pk):
    site = register.get_site_or_404(request.user, pk, edit=True)
    initial = {
        "name": site.name,
        "address": site.address,
        "postal_code": site.postal_code,
        "municipality": site.municipality,
    }
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            register.update_site(request.user, site, form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back(request, site.employer)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": site.employer,
            "title": _("Site"),
            "delete_url": "employers:site_delete",
            "object": site,
            "cancel_url": _back_url(request, site.employer),
        },
    )


@login_required
@require_POST
def site_delete(request, pk):
    site = register.get_site_or_404(request.user, pk, edit=True)
    try:
        register.delete_site(request.user, site)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Site deleted."))
    return _back(request, site.employer)


# Contact persons -------------------------------------------------------------------------------


@login_required
def contact_create(request, pk):
    employer = access.get_register_employer_or_404(request.user, pk, edit=True)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register.add_contact(request.user, employer, form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Contact person added."))
            return redirect("employers:detail", pk=employer.pk)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": employer,
            "title": _("New contact person"),
        },
    )


@login_required
def contact_edit(request, pk):
    contact = register.get_contact_or_404(request.user, pk, edit=True)
    form = ContactForm(
        request.POST or None, initial={f: getattr(contact, f) for f in register.CONTACT_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            register.update_contact(request.user, contact, form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("employers:detail", pk=contact.employer_id)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": contact.employer,
            "title": _("Contact person"),
            "delete_url": "employers:contact_delete",
            "object": contact,
        },
    )


@login_required
@require_POST
def contact_delete(request, pk):
    contact = register.get_contact_or_404(request.user, pk, edit=True)
    register.delete_contact(request.user, contact)
    messages.success(request, _("Contact person deleted."))
    return redirect("employers:detail", pk=contact.employer_id)
