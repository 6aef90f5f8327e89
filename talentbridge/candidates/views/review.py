"""The assessor reviews a submitted self-assessment item by item."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..models import SelfAssessment
from ..permissions import can_edit
from ..selfassess import review
from .common import candidate_for


@login_required
def self_assessment(request, reference, pk):
    candidate = candidate_for(request, reference)
    item = SelfAssessment.objects.filter(candidate=candidate, pk=pk).first()
    if item is None:
        raise Http404
    editable = can_edit(request.user, candidate)
    if request.method == "POST":
        if not editable:
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "close":
                review.close(request.user, item)
            else:
                review.decide(
                    request.user,
                    item,
                    request.POST.get("key", ""),
                    action == "accept",
                    (
                        request.POST.get("concept_uri") or request.POST.get("concept_choice") or ""
                    ).strip(),
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("candidates:self_review", reference=candidate.reference, pk=item.pk)
    review.read(request.user, item)
    rows = []
    for entry in review.items(item):
        suggestions = (
            review.concept_suggestions(entry.needs_concept, entry.search, entry.search_language)
            if entry.needs_concept and entry.state == "open"
            else []
        )
        rows.append({"item": entry, "suggestions": suggestions})
    return render(
        request,
        "candidates/self_review.html",
        {"candidate": candidate, "selfassessment": item, "rows": rows, "editable": editable},
    )
