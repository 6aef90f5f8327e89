"""The REST API: one NinjaAPI, one router per app, OpenAPI at /api/openapi.json.

The API calls the same service functions and permission checks as the web views.
Records outside the caller's scope answer 404; invalid input answers 400 or 422 with the
field named.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from talentbridge.accounts.api import router as accounts_router
from talentbridge.candidates.api import router as candidates_router
from talentbridge.core.api_auth import SessionAuth, TokenAuth
from talentbridge.employers.api import router as employers_router
from talentbridge.municipalities.api import router as municipalities_router
from talentbridge.pathways.api import router as pathways_router
from talentbridge.pipeline.api import router as pipeline_router
from talentbridge.placement.api import router as placement_router
from talentbridge.privacy.api import router as privacy_router
from talentbridge.reports.api import router as reports_router
from talentbridge.taxonomy.api import router as taxonomy_router

api = NinjaAPI(
    title="Talentbridge API",
    version="1.0.0",
    description="Assessments, employers, matching, placement and reporting. "
    "Authenticate with a session cookie or `Authorization: Bearer <token>`.",
    auth=[TokenAuth(), SessionAuth()],
)

api.add_router("/accounts/", accounts_router)
api.add_router("/taxonomy/", taxonomy_router)
api.add_router("/municipalities/", municipalities_router)
api.add_router("/candidates/", candidates_router)
api.add_router("/employers/", employers_router)
api.add_router("/pipeline/", pipeline_router)
api.add_router("/pathways/", pathways_router)
api.add_router("/placement/", placement_router)
api.add_router("/reports/", reports_router)
api.add_router("/privacy/", privacy_router)


def validation_errors(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field, "message": str(message)}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [{"field": None, "message": str(message)} for message in exc.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": validation_errors(exc)}, status=400)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def on_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)
