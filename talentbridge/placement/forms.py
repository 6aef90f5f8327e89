"""Forms of the placement pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentbridge.municipalities.models import Municipality

from .models import PlacementRun


class RunForm(forms.Form):
    project = forms.ModelChoiceField(queryset=None, label=_("Project"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Quota year"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Households"), choices=PlacementRun.Source.choices)
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("One row per person; columns in the documentation."),
    )
    capacities = forms.FileField(
        label=_("Service capacities (CSV, optional)"),
        required=False,
        help_text=_(
            "Columns: service, per (person, household or adult), municipality_code, capacity."
        ),
    )
    slack = forms.FloatField(label=_("Quota slack"), min_value=0, max_value=1, initial=0.05)
    pacing = forms.ChoiceField(label=_("Quota pacing"), choices=PlacementRun.Pacing.choices)
    meet_floors = forms.BooleanField(
        label=_("Last cohort of the year: meet every quota's floor"), required=False
    )
    neighbour_km = forms.IntegerField(
        label=_("Neighbours within (km)"), min_value=0, max_value=200, initial=30
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["year"].initial = timezone.localdate().year
        if projects.count() == 1:
            self.fields["project"].initial = projects.first()

    def clean(self):
        data = super().clean()
        if data.get("source") == PlacementRun.Source.CSV and not data.get("file"):
            self.add_error("file", _("Choose the CSV file with the households."))
        return data


class OverrideForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        label=_("Place in"),
        widget=forms.Select(attrs={"aria-label": _("Place in")}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Reason for overriding"), "aria-label": _("Reason")}
        ),
    )


class ExclusionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        label=_("Forbidden municipality"),
        widget=forms.Select(attrs={"aria-label": _("Forbidden municipality")}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Why the household must not go there"),
                "aria-label": _("Reason for the exclusion"),
            }
        ),
    )
