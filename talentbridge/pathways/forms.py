from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from talentbridge.core.widgets import LargeSelect
from talentbridge.employers.models import Employer

from .models import FollowUp, Mentor, PathwayStep

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepForm(forms.ModelForm):
    class Meta:
        model = PathwayStep
        fields = [
            "kind",
            "employer",
            "provider",
            "municipality",
            "mentor",
            "starts_on",
            "ends_on",
            "planned_end_on",
            "hours_per_week",
            "school_weeks",
            "time_limited",
            "ending",
            "note",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "planned_end_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
            "employer": LargeSelect,
        }

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.filter(
            projects=candidate.project_id
        ).order_by("name")
        self.fields["mentor"].queryset = Mentor.objects.filter(
            project=candidate.project_id, active=True
        )
        self.fields["ending"].required = False

    def _post_clean(self):
        # Validation happens in the service (the same rules for the API and the CLI).
        pass


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUp.Outcome.choices)
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), max_digits=4, decimal_places=1, required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MentorForm(forms.Form):
    project = forms.ChoiceField(label=_("Project"))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Mentor.Kind.choices)
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), required=False, widget=LargeSelect
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.code, p.name) for p in projects]
        self.fields["employer"].queryset = Employer.objects.filter(
            projects__in=[p.pk for p in projects]
        ).distinct()


class MeetingForm(forms.Form):
    candidate = forms.CharField(label=_("Candidate (reference)"), max_length=20)
    date = forms.DateField(label=_("Date"), widget=DATE, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    candidate = forms.CharField(label=_("Candidate (reference)"), max_length=20)
