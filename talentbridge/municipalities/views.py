from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.accounts.access import has_role, require_role
from talentbridge.accounts.models import Role

from . import services
from .models import Municipality, Quota

QUOTA_ROLES = (Role.PLACEMENT_OFFICER,)


@login_required
def index(request):
    years = list(Quota.objects.values_list("year", flat=True).distinct().order_by("-year"))
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    quotas = dict(Quota.objects.filter(year=year).values_list("municipality_id", "quota"))
    rows = [(m, quotas.get(m.pk)) for m in Municipality.objects.select_related("region")]
    return render(
        request,
        "municipalities/index.html",
        {
            "rows": rows,
            "years": years,
            "year": year,
            "total_quota": Quota.objects.filter(year=year).aggregate(total=Sum("quota"))["total"],
            "can_import": has_role(request.user, *QUOTA_ROLES),
        },
    )


@login_required
def import_quotas(request):
    require_role(request.user, *QUOTA_ROLES)
    if request.method == "POST":
        upload = request.FILES.get("file")
        year = request.POST.get("year") or None
        if upload is None:
            messages.error(request, _("Choose a CSV file."))
            return redirect("municipalities:index")
        import io

        try:
            text = io.TextIOWrapper(upload.file, encoding="utf-8-sig")
            result = services.import_quotas(text, year=int(year) if year else None)
        except (ValidationError, ValueError, UnicodeDecodeError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("municipalities:index")
        messages.success(
            request, _("Quotas imported: %(created)d new, %(updated)d updated.") % vars(result)
        )
    return redirect("municipalities:index")


@login_required
@require_POST
def split_quotas(request):
    require_role(request.user, *QUOTA_ROLES)
    try:
        year, national = int(request.POST.get("year", "")), int(request.POST.get("national", ""))
    except ValueError:
        messages.error(request, _("Give the year and the national number as whole numbers."))
        return redirect("municipalities:index")
    try:
        result = services.split_quotas(year, national)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("municipalities:index")
    messages.success(
        request,
        _("Quotas of %(year)d split: %(created)d new, %(updated)d updated.")
        % {"year": year, **result},
    )
    return redirect(f"{reverse('municipalities:index')}?year={year}")
