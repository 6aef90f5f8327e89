"""Forms of the employers pages. They only read input: the services validate and save, and
their errors are put back on the form by :func:`show_errors`."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue, fields_for_model
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentbridge.core.widgets import LargeSelect
from talentbridge.municipalities.models import Municipality

from .models import Contact, Employer, Interaction, Need, Opening, Site
from .services import concepts

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fields(model, names: list[str], **overrides) -> dict:
    fields = fields_for_model(model, fields=names)
    for field in fields.values():
        if isinstance(field.widget, forms.DateInput):
            field.widget = DATE
    fields.update(overrides)
    for field in fields.values():
        field.label = capfirst(field.label)
    return fields


def show_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the field it names."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class EmployerForm(forms.Form):
    def __init__(self, *args, projects=None, consultants=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects
        self.fields["consultant"].queryset = consultants
        self.fields["organisation"].queryset = organisations


EmployerForm.base_fields = _fields(
    Employer,
    ["cvr", "name", "industry_code", "industry_name", "size", "note"],
    website=forms.URLField(label=_("website"), required=False, assume_scheme="https"),
    cvr=forms.CharField(
        label=_("CVR number"), max_length=20, help_text=_("8 digits, e.g. 12345674")
    ),
    industry_code=forms.CharField(
        label=_("industry (DB07)"),
        max_length=12,
        required=False,
        help_text=_("e.g. 25.11.00 or 251100"),
    ),
    projects=forms.ModelMultipleChoiceField(
        queryset=None, label=_("projects"), widget=forms.CheckboxSelectMultiple
    ),
    consultant=forms.ModelChoiceField(
        queryset=None, label=_("business consultant"), required=False
    ),
    organisation=forms.ModelChoiceField(
        queryset=None,
        label=_("organisation of the company's own users"),
        required=False,
        help_text=_("Employer users of this organisation see the company in the portal."),
    ),
)


class SiteForm(forms.Form):
    pass


SiteForm.base_fields = _fields(
    Site,
    ["name", "address", "postal_code"],
    municipality=forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        label=_("municipality"),
        to_field_name="code",
    ),
)


class ContactForm(forms.Form):
    pass


ContactForm.base_fields = _fields(Contact, ["name", "role", "email", "phone"])


class InteractionForm(forms.Form):
    def __init__(self, *args, projects=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["contacts"].queryset = contacts
        if projects is not None and projects.count() == 1:
            self.fields["project"].initial = projects.first()


InteractionForm.base_fields = _fields(
    Interaction,
    ["kind", "date", "persons", "note", "follow_up_on", "follow_up_done"],
    project=forms.ModelChoiceField(queryset=None, label=_("project")),
    contacts=forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("contact persons"),
        widget=forms.CheckboxSelectMultiple,
    ),
)


class _LabelledIterator(ModelChoiceIterator):
    """Choices from ``field.labels(queryset)`` (pk, label) pairs, without building a model
    instance per option: tens of thousands of sites and needs in a large programme."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, label in self.field.labels(self.queryset):
            yield (ModelChoiceIteratorValue(pk, None), label)


class SiteChoiceField(forms.ModelChoiceField):
    """A site, labelled "Employer – Site" as ``Site.__str__`` does."""

    iterator = _LabelledIterator

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", LargeSelect)
        super().__init__(*args, **kwargs)

    @staticmethod
    def labels(queryset):
        rows = queryset.values_list("pk", "employer__name", "name")
        return [(pk, f"{employer} – {site}") for pk, employer, site in rows]


class NeedChoiceField(SiteChoiceField):
    """A need, labelled as ``Need.__str__`` does, with its occupation's label looked up once."""

    @staticmethod
    def labels(queryset):
        rows = list(
            queryset.values_list(
                "pk", "count", "title", "occupation__uri", "site__employer__name", "site__name"
            )
        )
        names = concepts.labels({r[3] for r in rows if r[3] and not r[2]}, get_language())
        return [
            (pk, f"{count} × {title or names.get(occupation) or _('skills')} · {employer} – {site}")
            for pk, count, title, occupation, employer, site in rows
        ]


class NeedForm(forms.Form):
    def __init__(self, *args, sites=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["project"].queryset = projects
        if projects is not None and projects.count() == 1:
            self.fields["project"].initial = projects.first()


NeedForm.base_fields = _fields(
    Need,
    ["title", "count", "needed_by", "urgency", "surveyed_on", "active", "note"],
    site=SiteChoiceField(queryset=None, label=_("site")),
    project=forms.ModelChoiceField(queryset=None, label=_("project")),
    occupation=forms.CharField(required=False, widget=forms.HiddenInput),
    skills=forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("skills (ESCO URIs)"),
        help_text=_("One per line; use the search field to add one."),
    ),
)


class OpeningForm(forms.Form):
    """The opening form. Its 'Suggest' button sends it back with occupation and skill
    suggestions (from the title and description) to tick; 'Save' saves what is ticked."""

    def __init__(self, *args, sites=None, projects=None, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["project"].queryset = projects
        self.fields["need"].queryset = needs
        if projects is not None and projects.count() == 1:
            self.fields["project"].initial = projects.first()
        if sites is not None and sites.count() == 1:
            self.fields["site"].initial = sites.first()

    def skill_lists(self) -> tuple[list[str], list[str]]:
        """Ticked skills: essential, optional (a skill ticked as both is essential)."""
        data = self.data
        essential = [u for u in data.getlist("essential_skills") if u]
        optional = [u for u in data.getlist("optional_skills") if u and u not in essential]
        added = (data.get("add_skill") or "").strip()
        if added and added not in essential and added not in optional:
            (essential if data.get("add_skill_essential", "1") == "1" else optional).append(added)
        return essential, optional


OpeningForm.base_fields = _fields(
    Opening,
    [
        "kind",
        "title",
        "description",
        "capacity",
        "starts_on",
        "ends_on",
        "apply_by",
        "hours_per_week",
        "danish_min",
        "danish_hard",
        "english_min",
        "english_hard",
        "driving_licence",
        "driving_licence_hard",
    ],
    site=SiteChoiceField(queryset=None, label=_("site")),
    project=forms.ModelChoiceField(queryset=None, label=_("project")),
    need=NeedChoiceField(queryset=None, label=_("need it fills"), required=False),
    occupation=forms.CharField(required=False, widget=forms.HiddenInput),
)


class SurveyForm(forms.Form):
    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)
        self.fields["project"].queryset = projects
        if projects is not None and projects.count() == 1:
            self.fields["project"].initial = projects.first()

    project = forms.ModelChoiceField(queryset=None, label=_("project"))
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        label=_("municipality"),
        to_field_name="code",
    )
    surveyed_on = forms.DateField(label=_("surveyed on"), widget=DATE)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV, Excel (.xlsx), JSON-LD (.json, .jsonld) or an HTML page with JSON-LD"),
    )
    project = forms.ModelChoiceField(queryset=None, label=_("project"), required=False)
    dry_run = forms.BooleanField(
        label=_("dry run: show what would change, write nothing"), required=False, initial=True
    )

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        for field in self.fields.values():
            field.label = capfirst(field.label)
