"""Staff record a candidate's consent decisions; issue self-assessment codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import consents
from ..forms import CodeForm, ConsentForm
from ..permissions import can_edit
from ..selfassess import codes
from .common import candidate_for


@login_required
@require_POST
def decide(request, reference):
    candidate = candidate_for(request, reference)
    if not can_edit(request.user, candidate):
        raise Http404
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a purpose and a decision."))
    else:
        data = form.cleaned_data
        try:
            consents.decide(
                request.user,
                candidate,
                data["purpose"],
                data["given"],
                employer_id=data["employer"],
                note=data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Consent recorded."))
    return redirect(reverse("candidates:detail", args=[candidate.reference]) + "#consent")


@login_required
@require_POST
def issue_code(request, reference):
    candidate = candidate_for(request, reference)
    if not can_edit(request.user, candidate):
        raise Http404
    form = CodeForm(request.POST)
    if not form.is_valid():
        raise Http404
    row, code = codes.issue(request.user, candidate, form.cleaned_data["language"])
    # The code is shown once, on this page; only its hash is stored.
    return render(
        request, "candidates/code_issued.html", {"candidate": candidate, "code": code, "row": row}
    )
