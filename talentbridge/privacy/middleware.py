from __future__ import annotations

from . import audit


class AuditChannelMiddleware:
    """Name the audit channel after the view or API endpoint that handles the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.set_channel(f"http:{request.method} {request.path}")
        try:
            return self.get_response(request)
        finally:
            audit.reset_channel(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match and match.view_name else request.path
        prefix = "api" if request.path.startswith("/api/") else "view"
        audit.set_channel(f"{prefix}:{name} {request.method} {request.path}")
        return None
