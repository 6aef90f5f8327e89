"""Download a candidate's handover file; upload one to import it."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentbridge.accounts.access import projects_for
from talentbridge.accounts.models import Role

from .. import handover
from ..forms import add_service_errors
from .common import candidate_for


@login_required
def export_view(request, reference):
    candidate = candidate_for(request, reference)
    try:
        data = handover.export_profile(request.user, candidate)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("candidates:detail", reference=candidate.reference)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{candidate.reference}.handover.json"'
    return response


class ImportForm(forms.Form):
    project = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Project"))
    file = forms.FileField(label=gettext_lazy("Handover file (JSON)"))
    allow_duplicate = forms.BooleanField(
        label=gettext_lazy("Import even if the person may be registered already"), required=False
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


@login_required
def import_view(request):
    projects = projects_for(request.user, roles=[Role.ASSESSOR])
    if not projects.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            form.add_error("file", _("Not a JSON file."))
        else:
            try:
                candidate = handover.import_profile(
                    request.user,
                    data,
                    form.cleaned_data["project"],
                    allow_duplicate=form.cleaned_data["allow_duplicate"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Imported as %(ref)s.") % {"ref": candidate.reference})
                return redirect("candidates:detail", reference=candidate.reference)
    return render(
        request, "candidates/import.html", {"form": form}, status=400 if form.errors else 200
    )
