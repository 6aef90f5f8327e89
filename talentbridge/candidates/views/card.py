"""The competence card (HTML print view and PDF), the card lookup by code, and the fonts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .. import card as card_service
from .common import candidate_for


@login_required
def card(request, reference):
    candidate = candidate_for(request, reference)
    version = request.GET.get("version")
    try:
        assessment = card_service.card_assessment(
            candidate, int(version) if version and version.isdigit() else None
        )
        language = card_service.second_language(candidate, request.GET.get("language"))
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    if request.GET.get("format") == "pdf":
        pdf = card_service.render_pdf(request.user, assessment, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="competence-card-{card_service.card_code(assessment)}-{language}.pdf"'
        )
        return response
    context = card_service.context(request.user, assessment, language)
    return render(request, "candidates/card/card.html", context)


@login_required
def lookup(request):
    code = request.GET.get("code", "")
    if not code:
        return render(request, "candidates/card_lookup.html", {})
    assessment = card_service.find_by_code(request.user, code)
    return redirect(
        reverse("candidates:card", args=[assessment.candidate.reference])
        + f"?version={assessment.version}"
    )


@require_GET
def font(request, slug):
    family = card_service.FONT_SLUGS.get(slug)
    path = card_service.font_files().get(family) if family else None
    if path is None:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="font/ttf")
    patch_cache_control(response, public=True, max_age=86400 * 30)
    return response
