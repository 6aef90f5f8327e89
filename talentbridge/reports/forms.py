from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .figures import FIGURES, PERSON_FIGURES


class ReportFilterForm(forms.Form):
    project = forms.ChoiceField(label=_("Project"), required=False)
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        help_text=_("Persons by the candidate's municipality, companies by their sites'."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, projects=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("All projects"))] + [
            (p.code, p.name) for p in projects
        ]
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (m.code, m.name) for m in municipalities
        ]
        self.fields["municipality"].widget.attrs["aria-label"] = _("Municipality")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data


class TargetForm(forms.Form):
    project = forms.ChoiceField(label=_("Project"))
    figure = forms.ChoiceField(label=_("Figure"))
    value = forms.CharField(
        label=_("Target"),
        max_length=20,
        help_text=_("A number (500), or a share such as 1/3 or 33% of another figure."),
    )
    of_figure = forms.ChoiceField(label=_("Share of"), required=False)
    due_on = forms.DateField(
        label=_("By"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.code, p.name) for p in projects]
        self.fields["figure"].choices = [
            (f.key, f.label()) for f in FIGURES.values() if f.unit != "days"
        ]
        self.fields["of_figure"].choices = [("", _("— (a number)"))] + [
            (f.key, f.label()) for f in PERSON_FIGURES
        ]
