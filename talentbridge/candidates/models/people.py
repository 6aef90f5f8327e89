"""Candidates and their households.

A candidate is known in the profile by a pseudonymous reference only; name, exact date of
birth and contact details sit apart in :class:`PersonalDetails`, which only the roles that
need them can read (see ``candidates.permissions``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud safely


def new_reference(prefix: str = "TB") -> str:
    return prefix + "-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


class CEFR(models.TextChoices):
    """Common European Framework of Reference levels; blank means not assessed."""

    PRE_A1 = "pre-A1", _("below A1")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


CEFR_ORDER = {"": -1, "pre-A1": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


class EvidenceLevel(models.IntegerChoices):
    """How well a skill is documented. Matching weights a skill by it."""

    SELF_REPORTED = 1, _("self-reported")
    ASSESSOR_CHECKED = 2, _("checked by the assessor")
    SHOWN_IN_PRACTICE = 3, _("shown in practice")
    CERTIFIED = 4, _("certified")


class Household(models.Model):
    """People who must be placed in the same municipality (a case, "sag")."""

    class TieKind(models.TextChoices):
        NONE = "", _("no tie")
        JOB_OFFER = "job_offer", _("job offer ≥ 15 h/week, not time-limited")
        IGU = "igu", _("IGU contract")
        FAMILY = "family", _("close family")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="households"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference)
    size = models.PositiveSmallIntegerField(
        _("persons"), default=1, help_text=_("Everyone who moves together, children included.")
    )
    needs = models.TextField(
        _("needs"), blank=True, help_text=_("e.g. accessible housing, school places, medical care")
    )
    tie_kind = models.CharField(
        _("tie"), max_length=12, choices=TieKind.choices, blank=True, default=""
    )
    tie_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tied_households",
        verbose_name=_("tied to municipality"),
    )
    tie_note = models.CharField(_("tie documentation"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_subject_ref(self) -> str:
        return self.reference


class Candidate(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other / not stated")

    class AsylumStatus(models.TextChoices):
        ASYLUM_SEEKER = "asylum_seeker", _("asylum seeker")
        GRANTED = "granted", _("granted residence")
        FAMILY_REUNIFIED = "family_reunified", _("family-reunified")
        REFUSED = "refused", _("refused")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="candidates"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("responsible organisation"),
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference)
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1920), MaxValueValidator(2030)]
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    nationality = models.CharField(
        _("nationality"), max_length=2, help_text=_("ISO 3166-1 alpha-2; XX for stateless")
    )
    asylum_centre = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        limit_choices_to={"kind": "asylum_centre"},
        verbose_name=_("asylum centre"),
    )
    asylum_status = models.CharField(
        _("asylum status"), max_length=20, choices=AsylumStatus.choices
    )
    arrived_on = models.DateField(_("arrived in Denmark"), null=True, blank=True)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    work_allowed_from = models.DateField(_("may work from"), null=True, blank=True)
    language = models.CharField(
        _("own language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language of the self-assessment and of the second column of the competence card."
        ),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("municipality"),
        help_text=_("Where the person lives or is placed."),
    )
    left_on = models.DateField(_("left the programme"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        indexes = [models.Index(fields=["project", "asylum_status"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_subject_ref(self) -> str:
        return self.reference


class PersonalDetails(models.Model):
    """Identifying data, kept apart from the profile and read only by those who need it."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="personal")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    case_number = models.CharField(
        _("immigration case number"),
        max_length=40,
        blank=True,
        help_text=_("Used to find duplicates."),
    )

    class Meta:
        verbose_name = _("personal details")
        verbose_name_plural = _("personal details")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    @property
    def project_id(self) -> int:
        return self.candidate.project_id
