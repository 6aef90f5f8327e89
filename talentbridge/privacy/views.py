"""Administrators' pages: the audit log and data requests (access, erasure)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import requests as data_requests
from .models import AuditEvent, DataRequest
from .requests import require_admin


def filtered_events(params) -> tuple:
    events = AuditEvent.objects.all()
    subject = (params.get("subject") or "").strip().upper()
    actor = (params.get("actor") or "").strip()
    action = (params.get("action") or "").strip()
    if subject:
        events = events.filter(subject_ref=subject)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    return events, {"subject": subject, "actor": actor, "action": action}


@login_required
def audit_log(request):
    require_admin(request.user)
    events, filters = filtered_events(request.GET)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/audit.html",
        {"page": page, "filters": filters, "actions": AuditEvent.Action.choices},
    )


@login_required
def requests_list(request):
    require_admin(request.user)
    if request.method == "POST":
        try:
            item = data_requests.create_request(
                request.user,
                request.POST.get("reference", ""),
                request.POST.get("kind", ""),
                request.POST.get("note", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Request recorded."))
            return redirect("privacy:request", pk=item.pk)
    page = Paginator(
        DataRequest.objects.select_related("requested_by", "completed_by"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request, "privacy/requests.html", {"page": page, "kinds": DataRequest.Kind.choices}
    )


@login_required
def request_detail(request, pk):
    require_admin(request.user)
    item = DataRequest.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        try:
            result = data_requests.execute(request.user, item)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("privacy:request", pk=item.pk)
        if item.kind == DataRequest.Kind.ACCESS:
            response = JsonResponse(result, json_dumps_params={"ensure_ascii": False, "indent": 2})
            response["Content-Disposition"] = (
                f'attachment; filename="{item.subject_ref}.access.json"'
            )
            return response
        messages.success(request, _("%(ref)s has been erased.") % {"ref": item.subject_ref})
        return redirect("privacy:request", pk=item.pk)
    return render(request, "privacy/request.html", {"item": item})
