"""Contact history and follow-up reminders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..forms import InteractionForm, show_errors
from ..services import interactions
from .common import edit_projects, int_param


def _form(request, employer, data=None, initial=None):
    return InteractionForm(
        data,
        initial=initial,
        projects=edit_projects(request.user).filter(pk__in=employer.projects.values("pk")),
        contacts=employer.contacts.all(),
    )


def _data(form) -> dict:
    data = dict(form.cleaned_data)
    data["contacts"] = list(data["contacts"])
    return data


@login_required
def create(request, pk):
    employer = access.get_register_employer_or_404(request.user, pk, edit=True)
    form = _form(request, employer, request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = _data(form)
        try:
            interactions.record_interaction(
                request.user, employer, data, project=data.pop("project")
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Interaction recorded."))
            return redirect("employers:detail", pk=employer.pk)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": employer,
            "title": _("New interaction"),
        },
    )


@login_required
def edit(request, pk):
    interaction = interactions.get_interaction_or_404(request.user, pk, edit=True)
    employer = interaction.employer
    initial = {f: getattr(interaction, f) for f in interactions.INTERACTION_FIELDS}
    initial.update(project=interaction.project, contacts=list(interaction.contacts.all()))
    form = _form(request, employer, request.POST or None, initial=initial)
    form.fields["project"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = _data(form)
        data.pop("project")
        try:
            interactions.update_interaction(request.user, interaction, data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("employers:detail", pk=employer.pk)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "employer": employer,
            "title": _("Interaction"),
        },
    )


@login_required
@require_POST
def follow_up_done(request, pk):
    interaction = interactions.get_interaction_or_404(request.user, pk, edit=True)
    interactions.complete_follow_up(request.user, interaction)
    messages.success(request, _("Follow-up marked as done."))
    back = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("employers:detail", pk=interaction.employer_id)


@login_required
def follow_ups(request):
    """The consultant's reminders: their own by default, everybody's in their projects with ?all=1."""
    access.require_staff(request.user)
    everyone = request.GET.get("all") == "1"
    due = interactions.due_follow_ups(
        request.user, consultant=False if everyone else None, within_days=int_param(request, "days")
    )
    return render(
        request,
        "employers/follow_ups.html",
        {"due": due, "everyone": everyone, "today": timezone.localdate()},
    )
