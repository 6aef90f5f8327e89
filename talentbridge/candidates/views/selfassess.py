"""The candidate's pages: enter the code, consent, the questionnaire, thanks. No account.

The language comes from ``?lang=``, a language button, the session, or the code; it can be
changed on every page, and changing it on the questionnaire keeps what was typed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import consents
from ..models import SelfAssessment, SelfAssessmentCode
from ..selfassess import codes, questions, review

SESSION_KEY = "self_assessment"
DRAFT_KEY = "self_assessment_draft"
LANG_KEY = "self_assessment_language"


def _activate(request, code: SelfAssessmentCode | None = None) -> str:
    offered = dict(settings.LANGUAGES)
    choice = request.GET.get("lang") or request.POST.get("_language")
    if choice in offered:
        request.session[LANG_KEY] = choice
    language = (
        request.session.get(LANG_KEY)
        or (code.language if code else None)
        or translation.get_language()
    )
    if language not in offered:
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def _render(request, template: str, context: dict, language: str, status: int = 200):
    context = {
        **context,
        "self_languages": [
            (code, translation.get_language_info(code)) for code, _name in settings.LANGUAGES
        ],
        "current_language": language,
    }
    response = render(request, template, context, status=status)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


def _current(request) -> SelfAssessmentCode | None:
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    if dt.datetime.fromisoformat(data["until"]) <= timezone.now():
        request.session.pop(SESSION_KEY, None)
        return None
    row = SelfAssessmentCode.objects.select_related("candidate").filter(pk=data["code"]).first()
    if row is None or SelfAssessment.objects.filter(code=row).exists():
        request.session.pop(SESSION_KEY, None)
        return None
    return row


def start(request):
    code = _current(request)
    if code is not None and request.method == "GET":
        return redirect("candidates:self_consent")
    language = _activate(request)
    error, status = "", 200
    if request.method == "POST" and "_language" not in request.POST:
        client = codes.client_key(request.META.get("REMOTE_ADDR", ""))
        try:
            row = codes.redeem(request.POST.get("code", ""), client)
        except codes.RateLimited:
            error, status = _("Too many attempts. Please wait 15 minutes and try again."), 429
        except codes.CodeRefused:
            error, status = (
                _("This code does not work. Check it, or ask your assessor for a new code."),
                400,
            )
        else:
            chosen = request.session.get(LANG_KEY)
            request.session.cycle_key()
            request.session[SESSION_KEY] = {
                "code": row.pk,
                "until": codes.session_until(row).isoformat(),
            }
            request.session[LANG_KEY] = chosen or row.language
            return redirect("candidates:self_consent")
    return _render(request, "candidates/self/start.html", {"error": error}, language, status)


def consent(request):
    code = _current(request)
    if code is None:
        return redirect("candidates:self_start")
    language = _activate(request, code)
    candidate = code.candidate
    if request.method == "POST" and "_language" not in request.POST:
        for row in consents.overview(candidate, employers=None):
            answer = request.POST.get(row.key)
            if answer in ("yes", "no"):
                consents.decide_as_candidate(
                    candidate,
                    row.purpose,
                    answer == "yes",
                    employer_id=row.employer.pk if row.employer else None,
                )
        return redirect("candidates:self_answers")
    rows = consents.read_overview(None, candidate, actor_label=f"candidate:{candidate.reference}")
    context = {
        "rows": [row for row in rows if row.employer is None],
        "employer_rows": [row for row in rows if row.employer is not None],
    }
    return _render(request, "candidates/self/consent.html", context, language)


@require_POST
def withdraw(request):
    """The candidate withdraws "tell this employer my name"; it counts at once."""
    code = _current(request)
    if code is None:
        return redirect("candidates:self_start")
    _activate(request, code)
    try:
        decision = consents.withdraw_identity_as_candidate(
            code.candidate, request.POST.get("employer")
        )
    except ValidationError:
        raise Http404 from None
    messages.success(
        request,
        _("Done. %(employer)s may no longer know your name.")
        % {"employer": decision.employer.name},
    )
    return redirect(reverse("candidates:self_consent") + "#employers")


def _draft_initial(request) -> dict:
    raw = request.session.get(DRAFT_KEY) or {}
    multi = {"wishes", "skills", "licences"}
    return {
        key: (values if key in multi else (values[0] if values else ""))
        for key, values in raw.items()
    }


def answers(request):
    code = _current(request)
    if code is None:
        return redirect("candidates:self_start")
    language = _activate(request, code)
    candidate = code.candidate
    consent_given = any(
        row.given for row in consents.overview(candidate) if row.purpose == "assessment"
    )
    if request.method == "POST":
        if "_language" in request.POST:
            request.session[DRAFT_KEY] = {
                key: request.POST.getlist(key)
                for key in request.POST
                if key not in ("csrfmiddlewaretoken", "_language")
            }
            return redirect("candidates:self_answers")
        form = questions.QuestionnaireForm(request.POST)
        if form.is_valid() and consent_given:
            try:
                review.submit(code, language, form.answers())
            except (review.AlreadySubmitted, ValidationError):
                return redirect("candidates:self_start")
            request.session.pop(SESSION_KEY, None)
            request.session.pop(DRAFT_KEY, None)
            return redirect("candidates:self_done")
        status = 400
    else:
        form = questions.QuestionnaireForm(initial=_draft_initial(request))
        status = 200
    context = {
        "form": form,
        "consent_given": consent_given,
        "wishes": questions.icon_choices(questions.WISHES),
        "education": questions.icon_choices(questions.EDUCATION),
        "skill_areas": questions.icon_choices(questions.SKILL_AREAS),
        "levels": questions.icon_choices(
            [(k, label, k) for k, label, _c in questions.LANGUAGE_LEVELS]
        ),
        "licences": questions.icon_choices(questions.LICENCES),
        "digital": questions.icon_choices(questions.DIGITAL),
        "language_form": "questionnaire",
    }
    return _render(request, "candidates/self/answers.html", context, language, status)


def done(request):
    language = _activate(request)
    return _render(request, "candidates/self/done.html", {}, language)


@require_POST
def end(request):
    request.session.pop(SESSION_KEY, None)
    request.session.pop(DRAFT_KEY, None)
    return redirect("candidates:self_start")
