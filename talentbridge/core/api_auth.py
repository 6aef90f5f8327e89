"""How the REST API knows who calls it: the browser session, or a bearer token."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user, name: str) -> str:
    """Create a token for ``user`` and return it; only its hash is kept."""
    from talentbridge.accounts.models import ApiToken

    raw = "tb_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, token_hash=hash_token(raw))
    return raw


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        from talentbridge.accounts.models import ApiToken

        try:
            api_token = ApiToken.objects.select_related("user").get(token_hash=hash_token(token))
        except ApiToken.DoesNotExist:
            return None
        if not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session (with Django's CSRF check on unsafe methods)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None
