"""Forms of the pipeline pages: the course form (saved through :mod:`.courses`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from talentbridge.candidates.assessments import DRIVING_LICENCES
from talentbridge.candidates.models import CEFR
from talentbridge.municipalities.models import Municipality

from .models import Course
from .models.courses import DANISH_MODULES


class CourseForm(forms.Form):
    """A course and the ESCO skills it gives (URIs, one per line)."""

    project = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("project"),
        help_text=_("Empty: shared with every project (administrators only)."),
    )
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Course.Kind.choices)
    provider = forms.CharField(label=_("provider"), max_length=200, required=False)
    danish_module = forms.ChoiceField(
        label=_("Danish education module"),
        choices=[("", "–"), *DANISH_MODULES],
        required=False,
        help_text=_("Danish lessons only: the track (DU1–DU3) and module (1–6)."),
    )
    danish_level = forms.ChoiceField(
        label=_("Danish level reached"),
        choices=[("", "–"), *CEFR.choices],
        required=False,
        help_text=_("Empty with a module: the module's usual level."),
    )
    english_level = forms.ChoiceField(
        label=_("English level reached"), choices=[("", "–"), *CEFR.choices], required=False
    )
    driving_licence = forms.ChoiceField(
        label=_("driving licence given"),
        choices=[("", "–"), *((x, x) for x in DRIVING_LICENCES)],
        required=False,
    )
    duration_days = forms.IntegerField(label=_("duration (days)"), min_value=0, initial=1)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        required=False,
        label=_("municipality"),
        help_text=_("Where it is given; empty for online or anywhere."),
    )
    skills = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("skills given (ESCO URIs)"),
        help_text=_("One per line."),
    )
    active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args, projects=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        if editing:
            del self.fields["project"]
        elif projects is not None and projects.count() == 1:
            self.fields["project"].initial = projects.first()

    @classmethod
    def initial_for(cls, course: Course) -> dict:
        return {
            "name": course.name,
            "kind": course.kind,
            "provider": course.provider,
            "danish_module": course.danish_module,
            "danish_level": course.danish_level,
            "english_level": course.english_level,
            "driving_licence": course.driving_licence,
            "duration_days": course.duration_days,
            "municipality": course.municipality_id,
            "skills": "\n".join(s.uri for s in course.skills.all()),
            "active": course.active,
        }

    def values(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "project"}
        data["skills"] = [u.strip() for u in data["skills"].splitlines() if u.strip()]
        return data
