"""Upload a file of openings: CSV, Excel or JSON-LD; a dry run first shows what would change."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from talentbridge.accounts.models import Project

from .. import access
from ..forms import ImportForm
from ..imports import run_import


def _projects(user):
    if access.is_all_seeing(user):
        return Project.objects.all()
    return access.staff_projects(user, edit=True)


@login_required
def upload(request):
    user = request.user
    if not access.may_import(user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, projects=_projects(user))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = run_import(
            user,
            upload.read(),
            upload.name,
            dry_run=form.cleaned_data["dry_run"],
            project=form.cleaned_data["project"],
            language=get_language(),
        )
    return render(request, "employers/import.html", {"form": form, "report": report})
