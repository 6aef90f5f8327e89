"""The demand side: employers, their sites and contacts, the consultants' contact history,
what each site lacks (needs, the demand map) and the concrete places they offer (openings).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.candidates.models import CEFR

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def validate_cvr(value: str) -> None:
    """A CVR number has 8 digits, does not start with 0, and passes the modulus-11 check.

    The check: the digits times the weights 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of 11.
    Every message names the field, because it is shown in imports and the API as well as next
    to a form field.
    """
    digits = str(value).strip()
    if len(digits) != 8 or not digits.isdigit():
        raise ValidationError(_("A CVR number has exactly 8 digits."), code="cvr_format")
    if digits[0] == "0":
        raise ValidationError(_("A CVR number does not start with 0."), code="cvr_format")
    if sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11:
        raise ValidationError(
            _("%(value)s is not a valid CVR number (the modulus-11 check fails)."),
            code="cvr_checksum",
            params={"value": digits},
        )


class Employer(models.Model):
    class Size(models.TextChoices):
        MICRO = "1-9", _("1–9 employees")
        SMALL = "10-49", _("10–49 employees")
        MEDIUM = "50-249", _("50–249 employees")
        LARGE = "250+", _("250 or more employees")

    cvr = models.CharField(_("CVR number"), max_length=8, unique=True, validators=[validate_cvr])
    name = models.CharField(_("name"), max_length=200)
    industry_code = models.CharField(
        _("industry (DB07)"),
        max_length=6,
        blank=True,
        help_text=_("DB07/NACE code, e.g. 25.11.00 → 251100"),
    )
    industry_name = models.CharField(_("industry"), max_length=200, blank=True)
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    projects = models.ManyToManyField(
        "accounts.Project", related_name="employers", verbose_name=_("projects")
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("business consultant"),
    )
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer",
        help_text=_("The organisation that the employer's own users belong to."),
    )
    website = models.URLField(_("website"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["employer__name", "name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return f"{self.employer.name} – {self.name}"


class Contact(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class Interaction(models.Model):
    """A consultant's contact with a company: the raw data of the programme's company figures."""

    class Kind(models.TextChoices):
        CONTACTED = "contacted", _("contacted")
        ADVISED = "advised", _("advised")
        EVENT = "event", _("event or network meeting")
        TRAINING = "training", _("training")
        HOSTING = "hosting", _("hosting (recruitment or training course)")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="interactions")
    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="interactions",
        verbose_name=_("business consultant"),
    )
    persons = models.CharField(_("persons"), max_length=300, blank=True)
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="interactions", verbose_name=_("contact persons")
    )
    note = models.TextField(_("note"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["project", "kind", "date"]),
            models.Index(fields=["consultant", "follow_up_done", "follow_up_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} · {self.employer}"

    @property
    def follow_up_due(self) -> bool:
        from django.utils import timezone

        return bool(
            self.follow_up_on
            and not self.follow_up_done
            and self.follow_up_on <= timezone.localdate()
        )


class Need(models.Model):
    """What a site lacks: the business-needs survey, kept current. Feeds the demand map."""

    class Urgency(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="needs", verbose_name=_("site")
    )
    project = models.ForeignKey("accounts.Project", on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(
        _("what is lacking"),
        max_length=200,
        blank=True,
        help_text=_("In the company's own words, e.g. 'CNC operator, night shift'."),
    )
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    skills = models.ManyToManyField(
        "taxonomy.Concept", blank=True, related_name="+", verbose_name=_("skills")
    )
    count = models.PositiveIntegerField(
        _("how many people"), default=1, validators=[MinValueValidator(1)]
    )
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    surveyed_on = models.DateField(
        _("surveyed on"),
        null=True,
        blank=True,
        help_text=_("When the need was recorded or last confirmed with the company."),
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["site", "-urgency"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        what = self.title or (self.occupation.label() if self.occupation_id else _("skills"))
        return f"{self.count} × {what} · {self.site}"


class MunicipalitySurvey(models.Model):
    """The business-needs survey of one municipality in one project.

    The survey is done once per municipality and then kept current: each later review adds
    a row, and the newest row gives the date shown on the demand map.
    """

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.CASCADE, related_name="needs_surveys"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="needs_surveys",
        verbose_name=_("municipality"),
    )
    surveyed_on = models.DateField(_("surveyed on"))
    kind = models.CharField(
        _("kind"),
        max_length=8,
        default="survey",
        choices=[("survey", _("first survey")), ("review", _("review"))],
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("business consultant"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-surveyed_on", "-id"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")
        indexes = [models.Index(fields=["project", "municipality", "-surveyed_on"])]

    def __str__(self) -> str:
        return f"{self.municipality} {self.surveyed_on}"


class Opening(models.Model):
    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("company internship (virksomhedspraktik)")
        IGU = "igu", _("IGU place")
        WAGE_SUBSIDY = "wage_subsidy", _("wage-subsidy job")
        JOB = "job", _("ordinary job")
        EDUCATION = "education", _("education place or apprenticeship")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="openings"
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="openings", verbose_name=_("site")
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("need it fills"),
        help_text=_("The recorded need this opening answers; the demand map then counts it once."),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    capacity = models.PositiveIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1)]
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    danish_min = models.CharField(
        _("minimum Danish"), max_length=6, choices=CEFR.choices, blank=True
    )
    danish_hard = models.BooleanField(_("Danish is a hard requirement"), default=False)
    english_min = models.CharField(
        _("minimum English"), max_length=6, choices=CEFR.choices, blank=True
    )
    english_hard = models.BooleanField(_("English is a hard requirement"), default=False)
    driving_licence = models.CharField(
        _("driving licence required"),
        max_length=4,
        blank=True,
        help_text=_("EU category, e.g. B or C"),
    )
    driving_licence_hard = models.BooleanField(
        _("driving licence is a hard requirement"),
        default=True,
        help_text=_("Unticked: a candidate without it is still ranked, lower."),
    )
    apply_by = models.DateField(_("apply by"), null=True, blank=True)
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("Where the posting was imported from.")
    )
    external_ref = models.CharField(
        _("external reference"),
        max_length=200,
        blank=True,
        help_text=_(
            "The posting's identifier in the source (import key): re-importing updates it."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        indexes = [models.Index(fields=["project", "status", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="opening_unique_external_ref",
            )
        ]

    def __str__(self) -> str:
        return self.title

    # The lifecycle: which status may follow which. "filled" may reopen when a place frees up;
    # "closed" is final (copy the opening to offer it again).
    TRANSITIONS = {
        "draft": ("open", "closed"),
        "open": ("filled", "closed"),
        "filled": ("open", "closed"),
        "closed": (),
    }

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})


class OpeningSkill(models.Model):
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        "taxonomy.Concept", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    essential = models.BooleanField(_("essential"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opening", "skill"], name="openingskill_unique")
        ]
        verbose_name = _("opening skill")
        verbose_name_plural = _("opening skills")

    def __str__(self) -> str:
        return f"{self.skill} ({'essential' if self.essential else 'optional'})"
