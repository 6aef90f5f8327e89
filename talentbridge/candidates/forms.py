"""Forms of the staff pages. They parse input; the services in ``registry`` and
``assessments`` validate again and decide, so the API and the CLI get the same rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Organisation
from talentbridge.core.widgets import LargeSelect

from .models import (
    CEFR,
    AssessedSkill,
    Assessment,
    Candidate,
    EducationEntry,
    EvidenceLevel,
    Household,
    PersonalDetails,
)
from .standards import ISCED_LEVEL_CHOICES

# Up to this many households of a project, the candidate form lists them; beyond, the
# household's reference is typed in.
HOUSEHOLD_LIST_UP_TO = 300


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message if target else f"{field}: {message}")
    else:
        for message in exc.messages:
            form.add_error(None, message)


class DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Reference or name"), required=False)
    nationality = forms.CharField(label=_("Nationality"), max_length=2, required=False)
    status = forms.ChoiceField(
        label=_("Asylum status"),
        choices=[("", "—"), *Candidate.AsylumStatus.choices],
        required=False,
    )
    centre = forms.ModelChoiceField(
        label=_("Asylum centre"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, centres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = (
            centres if centres is not None else Organisation.objects.none()
        )


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "organisation",
            "birth_year",
            "gender",
            "nationality",
            "language",
            "asylum_centre",
            "asylum_status",
            "arrived_on",
            "status_since",
            "work_allowed_from",
            "municipality",
            "household",
            "left_on",
            "left_reason",
        ]
        widgets = {
            "arrived_on": DateInput,
            "status_since": DateInput,
            "work_allowed_from": DateInput,
            "left_on": DateInput,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            projects=project
        ).exclude(kind__in=[Organisation.Kind.EMPLOYER, Organisation.Kind.ASYLUM_CENTRE])
        self.fields["asylum_centre"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.ASYLUM_CENTRE, projects=project
        )
        self._household_field(Household.objects.filter(project=project))
        self.fields["organisation"].required = False
        self.fields["nationality"].widget.attrs.update(
            {"maxlength": 2, "size": 3, "autocapitalize": "characters"}
        )

    def clean_nationality(self):
        return (self.cleaned_data.get("nationality") or "").upper()

    def _household_field(self, households) -> None:
        """A list of the project's households, or their reference typed in when there are
        too many to list (a project of tens of thousands of people)."""
        field = self.fields["household"]
        field.queryset = households
        if households.count() <= HOUSEHOLD_LIST_UP_TO:
            field.widget = LargeSelect(choices=field.choices)
            return
        field.to_field_name = "reference"
        field.widget = forms.TextInput(attrs={"size": 14, "autocapitalize": "characters"})
        field.help_text = _("The household's reference, as the household list shows it.")
        field.error_messages["invalid_choice"] = _(
            "No household of this project has this reference."
        )
        if self.instance.household_id:
            self.initial["household"] = self.instance.household.reference


class PersonalForm(forms.ModelForm):
    class Meta:
        model = PersonalDetails
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "phone",
            "email",
            "address",
            "case_number",
        ]
        widgets = {"date_of_birth": DateInput}


class RegisterConfirmForm(forms.Form):
    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person. Register anyway."), required=False
    )


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["size", "needs", "tie_kind", "tie_municipality", "tie_note"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}


class AssessmentMainForm(forms.ModelForm):
    driving_licences = forms.CharField(
        label=_("Driving licences"),
        required=False,
        help_text=_("EU categories separated by spaces, e.g. B C CE"),
    )
    preferred_sectors = forms.CharField(
        label=_("Preferred sectors"), required=False, help_text=_("Separated by commas")
    )

    class Meta:
        model = Assessment
        fields = [
            "interpreter_language",
            "assessed_on",
            "personal_situation",
            "wants_job",
            "wants_education",
            "wants_danish_lessons",
            "wants_self_employment",
            "preferred_sectors",
            "willing_to_move",
            "max_distance_km",
            "expectations_note",
            "digital_level",
            "digital_note",
            "driving_licences",
            "appraisal",
            "next_steps",
        ]
        widgets = {
            "assessed_on": DateInput,
            "personal_situation": forms.Textarea(attrs={"rows": 3}),
            "expectations_note": forms.Textarea(attrs={"rows": 2}),
            "digital_note": forms.Textarea(attrs={"rows": 2}),
            "appraisal": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["driving_licences"] = " ".join(self.instance.driving_licences or [])
            self.initial["preferred_sectors"] = ", ".join(self.instance.preferred_sectors or [])


class EducationForm(forms.ModelForm):
    isced_level = forms.TypedChoiceField(
        label=_("ISCED 2011 level"), choices=ISCED_LEVEL_CHOICES, coerce=int
    )

    class Meta:
        model = EducationEntry
        fields = [
            "isced_level",
            "isced_field",
            "title",
            "country",
            "years",
            "completed",
            "documents_held",
            "recognition",
        ]


class WorkForm(forms.Form):
    occupation_label = forms.CharField(label=_("Occupation (ESCO)"), required=False)
    occupation_uri = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Job title as stated"), max_length=200, required=False)
    years = forms.DecimalField(
        label=_("Years"), max_digits=4, decimal_places=1, min_value=0, initial=1
    )
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    last_year = forms.IntegerField(
        label=_("Last year worked"), min_value=1950, max_value=2100, required=False
    )
    tasks = forms.CharField(
        label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation_label"].widget.attrs.update(
            {
                "data-suggest": "occupations",
                "data-target": self["occupation_uri"].auto_id,
                "placeholder": _("Type to search ESCO"),
            }
        )


class SkillForm(forms.Form):
    skill_label = forms.CharField(label=_("Skill (ESCO)"), required=False)
    skill_uri = forms.CharField(required=False, widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Level"), choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")], coerce=int, initial=2
    )
    evidence = forms.TypedChoiceField(
        label=_("Evidence"),
        choices=EvidenceLevel.choices,
        coerce=int,
        initial=EvidenceLevel.ASSESSOR_CHECKED,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill_label"].widget.attrs.update(
            {
                "data-suggest": "skills",
                "data-target": self["skill_uri"].auto_id,
                "placeholder": _("Type to search ESCO"),
            }
        )


class LanguageForm(forms.Form):
    language = forms.CharField(
        label=_("Language (ISO 639)"), max_length=8, help_text=_("e.g. da, en, ar, ti")
    )
    mother_tongue = forms.BooleanField(label=_("Mother tongue"), required=False)
    levels = [("", "—"), *CEFR.choices]
    self_understanding = forms.ChoiceField(
        label=_("Understanding (self)"), choices=levels, required=False
    )
    self_speaking = forms.ChoiceField(label=_("Speaking (self)"), choices=levels, required=False)
    self_writing = forms.ChoiceField(label=_("Writing (self)"), choices=levels, required=False)
    tested_understanding = forms.ChoiceField(
        label=_("Understanding (tested)"), choices=levels, required=False
    )
    tested_speaking = forms.ChoiceField(
        label=_("Speaking (tested)"), choices=levels, required=False
    )
    tested_writing = forms.ChoiceField(label=_("Writing (tested)"), choices=levels, required=False)

    def clean_language(self):
        return self.cleaned_data["language"].strip().lower()


class CertificateForm(forms.Form):
    name = forms.CharField(label=_("Certificate"), max_length=200)
    issuer = forms.CharField(label=_("Issuer"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, required=False)
    cert_skill_label = forms.CharField(label=_("Skill it shows (ESCO, optional)"), required=False)
    skill_uri = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cert_skill_label"].widget.attrs.update(
            {"data-suggest": "skills", "data-target": self["skill_uri"].auto_id}
        )


SECTION_FORMS = {
    "education": EducationForm,
    "work_experience": WorkForm,
    "skills": SkillForm,
    "languages": LanguageForm,
    "certificates": CertificateForm,
}


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[])
    employer = forms.IntegerField(required=False)
    given = forms.TypedChoiceField(
        choices=[("1", _("given")), ("0", _("withdrawn"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from talentbridge.privacy.consent import Purpose

        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = Purpose.choices


class CodeForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the questionnaire"), choices=settings.LANGUAGES
    )


SKILL_SOURCES = AssessedSkill.Source
