from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from talentbridge.core.api_auth import issue_token


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


@login_required
def profile(request):
    new_token = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            messages.error(request, _("Give the token a name."))
            return redirect("accounts:profile")
        new_token = issue_token(request.user, name)
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": request.user.memberships.select_related("organisation"),
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
        },
    )
