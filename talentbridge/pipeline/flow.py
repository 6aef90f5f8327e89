"""Moving a match: shortlist, present (with consent), interview, accept (starts a pathway
step), decline (with a reason). Every move is a MatchEvent and an audit event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.candidates.models import Candidate
from talentbridge.employers.models import Opening
from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, has_consent

from . import access, ranking
from .models import Match, MatchEvent

Action = audit.AuditEvent.Action


def _label(user) -> str:
    return user.get_username() if hasattr(user, "get_username") else str(user)


def _event(user, match: Match, before: str, after: str, reason: str) -> MatchEvent:
    return MatchEvent.objects.create(
        match=match,
        actor=user if getattr(user, "pk", None) else None,
        actor_label=_label(user),
        from_status=before,
        to_status=after,
        reason=reason[:300],
    )


def _refresh_scores(match: Match) -> None:
    result = ranking.pair(match.opening, match.candidate)
    if result is not None:
        components, da, en = result
        match.score = components["score"]
        match.components = components
        match.explanation_da = da
        match.explanation_en = en


@transaction.atomic
def shortlist(user, opening: Opening, candidate: Candidate, *, reason: str = "") -> Match:
    """Put ``candidate`` on ``opening``'s shortlist (a new match, or a suggested or declined
    one moved on)."""
    access.require_staff(user, opening.project, write=True)
    candidate = access.get_candidate_or_404(user, candidate.reference)
    if candidate.project_id != opening.project_id:
        raise ValidationError({"candidate": _("The candidate belongs to another project.")})
    match, created = Match.objects.get_or_create(
        candidate=candidate,
        opening=opening,
        defaults={"project": opening.project, "source": Match.Source.MANUAL},
    )
    if not created and not match.can_move_to(Match.Status.SHORTLISTED):
        raise ValidationError({"status": _("This match is already past the shortlist.")})
    _refresh_scores(match)
    before = "" if created else match.status
    match.status = Match.Status.SHORTLISTED
    match.status_changed_at = timezone.now()
    match.decline_reason = ""
    match.save()
    _event(user, match, before, match.status, reason)
    audit.record(
        user,
        Action.CREATE if created else Action.UPDATE,
        match,
        detail={"from": before, "to": match.status},
    )
    return match


@transaction.atomic
def move(user, match: Match, status: str, *, reason: str = "") -> Match:
    """Move ``match`` to ``status``.

    Presenting needs the candidate's consent to show their identity to the opening's
    employer; declining needs a reason; accepting starts a pathway step from the opening.
    """
    match = access.get_match_or_404(user, match.pk, write=True)
    match = (
        Match.objects.select_for_update()
        .select_related("candidate", "opening__site__employer")
        .get(pk=match.pk)
    )
    if status not in Match.Status.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    if not match.can_move_to(status):
        raise ValidationError(
            {
                "status": _("A match cannot go from %(from)s to %(to)s.")
                % {"from": match.get_status_display(), "to": Match.Status(status).label}
            }
        )
    employer = match.opening.site.employer
    if status == Match.Status.PRESENTED and not has_consent(
        match.candidate, Purpose.REVEAL_IDENTITY, employer=employer
    ):
        raise ValidationError(
            {
                "status": _(
                    "The candidate has not agreed to show their identity to %(employer)s. Record the consent first."
                )
                % {"employer": employer.name}
            }
        )
    if status == Match.Status.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Say why the match is declined.")})
    before = match.status
    match.status = status
    match.status_changed_at = timezone.now()
    match.decline_reason = reason.strip()[:300] if status == Match.Status.DECLINED else ""
    match.save()
    _event(user, match, before, status, reason)
    audit.record(user, Action.UPDATE, match, detail={"from": before, "to": status})
    if status == Match.Status.ACCEPTED:
        from talentbridge.pathways.services import start_step

        start_step(user, match.candidate, opening=match.opening, match=match)
    return match


def events(match: Match):
    return match.events.select_related("actor").order_by("at", "id")
