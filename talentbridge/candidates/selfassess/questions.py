"""The self-assessment questionnaire: short questions in plain words, each choice with an icon.

The answers are kept as the candidate gave them (``SelfAssessment.answers``) and split into
review items; nothing reaches the assessment until an assessor accepts an item.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

WISHES = [
    ("work", _("Work"), "work"),
    ("education", _("Education"), "education"),
    ("danish", _("Learn Danish"), "danish"),
    ("business", _("Start my own business"), "business"),
]
EDUCATION = [
    ("none", _("No school"), "none"),
    ("primary", _("Primary school"), "primary"),
    ("secondary", _("Secondary school"), "secondary"),
    ("vocational", _("Vocational training"), "vocational"),
    ("university", _("University"), "university"),
]
# Practical areas, each with an English phrase to find matching ESCO skills at review.
SKILL_AREAS = [
    ("driving", _("Driving"), "driving", "drive vehicles"),
    ("cooking", _("Cooking"), "cooking", "cooking techniques"),
    ("cleaning", _("Cleaning"), "cleaning", "cleaning"),
    ("building", _("Building work"), "building", "construction"),
    ("welding", _("Welding and metal work"), "welding", "welding"),
    ("electrical", _("Electrical work"), "electrical", "electrical wiring"),
    ("mechanics", _("Repairing cars and machines"), "mechanics", "vehicle maintenance"),
    ("sewing", _("Sewing"), "sewing", "sew"),
    ("farming", _("Farming and animals"), "farming", "agricultur"),
    ("care", _("Caring for children or old people"), "care", "care"),
    ("sales", _("Selling and shop work"), "sales", "sell"),
    ("office", _("Office and computer work"), "office", "office software"),
    ("hair", _("Hairdressing"), "hair", "hair"),
    ("warehouse", _("Warehouse and forklift"), "warehouse", "warehouse"),
    ("teaching", _("Teaching"), "teaching", "teach"),
]
SKILL_PHRASES = {key: phrase for key, _label, _icon, phrase in SKILL_AREAS}
LANGUAGE_LEVELS = [
    ("little", _("A little"), "A1"),
    ("good", _("Good"), "B1"),
    ("very_good", _("Very good"), "C1"),
    ("mother", _("Mother tongue"), "C2"),
]
LEVEL_TO_CEFR = {key: cefr for key, _label, cefr in LANGUAGE_LEVELS}
# Languages offered in the questionnaire, written in their own names (no translation needed).
SPOKEN_LANGUAGES = [
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("prs", "دری"),
    ("ps", "پښتو"),
    ("ckb", "کوردیی ناوەندی"),
    ("kmr", "Kurmancî"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("am", "አማርኛ"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("ur", "اردو"),
    ("fr", "Français"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("da", "Dansk"),
]
LICENCES = [("B", _("Car"), "car"), ("C", _("Truck"), "truck"), ("D", _("Bus"), "bus")]
DIGITAL = [
    ("none", _("No"), "none"),
    ("phone", _("Phone"), "phone"),
    ("computer", _("Phone and computer"), "computer"),
    ("advanced", _("Very good with computers"), "advanced"),
]
DIGITAL_TO_LEVEL = {
    "none": "none",
    "phone": "basic",
    "computer": "intermediate",
    "advanced": "advanced",
}
EDUCATION_TO_ISCED = {"primary": 1, "secondary": 3, "vocational": 3, "university": 6}
JOB_ROWS = 3
LANGUAGE_ROWS = 4


def _choices(items):
    return [(item[0], item[1]) for item in items]


class QuestionnaireForm(forms.Form):
    wishes = forms.MultipleChoiceField(
        choices=_choices(WISHES), required=False, widget=forms.CheckboxSelectMultiple
    )
    education = forms.ChoiceField(
        choices=_choices(EDUCATION), required=False, widget=forms.RadioSelect
    )
    school_years = forms.IntegerField(min_value=0, max_value=30, required=False)
    skills = forms.MultipleChoiceField(
        choices=_choices(SKILL_AREAS), required=False, widget=forms.CheckboxSelectMultiple
    )
    licences = forms.MultipleChoiceField(
        choices=_choices(LICENCES), required=False, widget=forms.CheckboxSelectMultiple
    )
    digital = forms.ChoiceField(choices=_choices(DIGITAL), required=False, widget=forms.RadioSelect)
    other = forms.CharField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(JOB_ROWS):
            self.fields[f"job_{i}_title"] = forms.CharField(max_length=100, required=False)
            self.fields[f"job_{i}_years"] = forms.IntegerField(
                min_value=0, max_value=60, required=False
            )
        language_choices = [("", "—"), *SPOKEN_LANGUAGES]
        for i in range(LANGUAGE_ROWS):
            self.fields[f"lang_{i}_code"] = forms.ChoiceField(
                choices=language_choices, required=False
            )
            self.fields[f"lang_{i}_level"] = forms.ChoiceField(
                choices=[("", "—"), *_choices(LANGUAGE_LEVELS)],
                required=False,
                widget=forms.RadioSelect,
            )

    def job_rows(self):
        return [(self[f"job_{i}_title"], self[f"job_{i}_years"]) for i in range(JOB_ROWS)]

    def language_rows(self):
        return [(self[f"lang_{i}_code"], self[f"lang_{i}_level"]) for i in range(LANGUAGE_ROWS)]

    def answers(self) -> dict:
        """The cleaned answers as stored (only what was filled in)."""
        data = self.cleaned_data
        jobs = [
            {"title": data[f"job_{i}_title"].strip(), "years": data[f"job_{i}_years"]}
            for i in range(JOB_ROWS)
            if data.get(f"job_{i}_title", "").strip()
        ]
        languages, seen = [], set()
        for i in range(LANGUAGE_ROWS):
            code, level = data.get(f"lang_{i}_code"), data.get(f"lang_{i}_level")
            if code and code not in seen:
                seen.add(code)
                languages.append({"code": code, "level": level or ""})
        return {
            "wishes": data.get("wishes") or [],
            "education": {
                "level": data.get("education") or "",
                "school_years": data.get("school_years"),
            },
            "jobs": jobs,
            "skills": data.get("skills") or [],
            "languages": languages,
            "licences": data.get("licences") or [],
            "digital": data.get("digital") or "",
            "other": (data.get("other") or "").strip(),
        }

    @classmethod
    def initial_from(cls, answers: dict) -> dict:
        """Form values for answers saved earlier (e.g. before switching language)."""
        initial = {
            "wishes": answers.get("wishes", []),
            "education": (answers.get("education") or {}).get("level", ""),
            "school_years": (answers.get("education") or {}).get("school_years"),
            "skills": answers.get("skills", []),
            "licences": answers.get("licences", []),
            "digital": answers.get("digital", ""),
            "other": answers.get("other", ""),
        }
        for i, job in enumerate(answers.get("jobs", [])[:JOB_ROWS]):
            initial[f"job_{i}_title"] = job.get("title", "")
            initial[f"job_{i}_years"] = job.get("years")
        for i, lang in enumerate(answers.get("languages", [])[:LANGUAGE_ROWS]):
            initial[f"lang_{i}_code"] = lang.get("code", "")
            initial[f"lang_{i}_level"] = lang.get("level", "")
        return initial


def icon_choices(items) -> list[dict]:
    return [
        {"value": item[0], "label": item[1], "icon": f"candidates/icons/{item[2]}.svg"}
        for item in items
    ]
