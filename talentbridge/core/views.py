from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from talentbridge.accounts.access import projects_for


@login_required
def home(request):
    memberships = request.user.memberships.select_related("organisation")
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships,
            "projects": projects_for(request.user).select_related("programme"),
        },
    )


def health(request):
    """For a load balancer: answers 200 when the process can reach its database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
