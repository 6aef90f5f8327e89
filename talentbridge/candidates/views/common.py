from __future__ import annotations

from django.contrib.auth.decorators import login_required  # noqa: F401 (re-exported)

from ..models import Candidate
from ..permissions import get_candidate_or_404


def candidate_for(request, reference: str) -> Candidate:
    """The candidate if the user may see them, else 404."""
    return get_candidate_or_404(request.user, reference)
