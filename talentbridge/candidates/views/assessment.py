"""The assessment pages: the draft with all sections, ESCO skill offers, sign-off, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.privacy.consent import Purpose, has_consent

from .. import assessment_data, assessments
from ..forms import SECTION_FORMS, AssessmentMainForm, add_service_errors
from ..models import Assessment, EvidenceLevel
from ..permissions import can_edit
from .common import candidate_for


def _page(request, candidate, *, main_form=None, section_forms=None, status=200):
    latest = assessments.latest(candidate)
    if latest is not None:
        assessments.read_assessment(request.user, latest)
    forms = {name: cls(prefix=name) for name, cls in SECTION_FORMS.items()}
    forms.update(section_forms or {})
    return render(
        request,
        "candidates/assessment.html",
        {
            "candidate": candidate,
            "assessment": latest,
            "main_form": main_form or AssessmentMainForm(instance=latest, prefix="main"),
            "forms": forms,
            "can_edit": can_edit(request.user, candidate),
            "consent": has_consent(candidate, Purpose.ASSESSMENT),
            "offers": assessment_data.occupation_skill_offers(latest, get_language())
            if latest
            else [],
            "relations_loaded": assessment_data.relations_loaded(),
            "evidence_levels": EvidenceLevel.choices,
        },
        status=status,
    )


def _editable(request, reference):
    candidate = candidate_for(request, reference)
    if not can_edit(request.user, candidate):
        raise Http404
    return candidate


@login_required
def assessment(request, reference):
    candidate = candidate_for(request, reference)
    if request.method != "POST":
        return _page(request, candidate)
    candidate = _editable(request, reference)
    form = AssessmentMainForm(request.POST, prefix="main")
    if form.is_valid():
        try:
            assessments.update_main(request.user, candidate, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Assessment saved."))
            return redirect("candidates:assessment", reference=candidate.reference)
    return _page(request, candidate, main_form=form, status=400)


@login_required
@require_POST
def add_entry(request, reference, section):
    candidate = _editable(request, reference)
    if section not in SECTION_FORMS:
        raise Http404
    form = SECTION_FORMS[section](request.POST, prefix=section)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            assessments.add_entry(request.user, candidate, section, data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added."))
            return redirect(
                reverse("candidates:assessment", args=[candidate.reference]) + f"#{section}"
            )
    return _page(request, candidate, section_forms={section: form}, status=400)


@login_required
@require_POST
def remove_entry(request, reference, section, entry):
    candidate = _editable(request, reference)
    if section not in SECTION_FORMS:
        raise Http404
    try:
        assessments.remove_entry(request.user, candidate, section, entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("candidates:assessment", reference=candidate.reference)


@login_required
@require_POST
def update_skill(request, reference, entry):
    """Change a skill's level and evidence (e.g. after seeing it in practice)."""
    candidate = _editable(request, reference)
    try:
        assessments.update_entry(
            request.user,
            candidate,
            "skills",
            entry,
            {"level": request.POST.get("level"), "evidence": request.POST.get("evidence")},
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("candidates:assessment", args=[candidate.reference]) + "#skills")


@login_required
@require_POST
def confirm_skill(request, reference):
    """One click on an offered ESCO skill of a named occupation adds it to the draft."""
    candidate = _editable(request, reference)
    try:
        assessments.add_entry(
            request.user,
            candidate,
            "skills",
            {
                "skill_uri": request.POST.get("skill_uri", ""),
                "level": 2,
                "evidence": EvidenceLevel.SELF_REPORTED,
            },
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("candidates:assessment", reference=candidate.reference)


@login_required
@require_POST
def sign_off(request, reference):
    candidate = _editable(request, reference)
    try:
        signed = assessments.sign_off(request.user, candidate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("candidates:assessment", reference=candidate.reference)
    messages.success(request, _("Version %(v)s signed off.") % {"v": signed.version})
    return redirect("candidates:assessment", reference=candidate.reference)


@login_required
def history(request, reference):
    candidate = candidate_for(request, reference)
    return render(
        request,
        "candidates/assessment_history.html",
        {"candidate": candidate, "versions": assessments.history(request.user, candidate)},
    )


@login_required
def version(request, reference, number):
    candidate = candidate_for(request, reference)
    item = Assessment.objects.filter(candidate=candidate, version=number).first()
    if item is None:
        raise Http404
    assessments.read_assessment(request.user, item)
    return render(
        request, "candidates/assessment_version.html", {"candidate": candidate, "assessment": item}
    )
