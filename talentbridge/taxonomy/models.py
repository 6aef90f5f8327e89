"""The ESCO taxonomy: occupations, skills, ISCO-08 groups, their relations and labels.

All ESCO concepts live in one table, :class:`Concept`, identified by their ESCO URI; the
proxy models :class:`Occupation`, :class:`Skill`, :class:`IscoGroup` and :class:`SkillGroup`
give each kind its own name for foreign keys and queries. Texts are per language in
:class:`ConceptText`, so importing Danish after English adds labels to the same concepts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    OCCUPATION = "occupation", _("Occupation")
    ISCO_GROUP = "isco-group", _("ISCO-08 group")
    SKILL = "skill", _("Skill")
    SKILL_GROUP = "skill-group", _("Skill group")


class Concept(models.Model):
    uri = models.CharField(_("URI"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    # ESCO code of an occupation ("2654.1.7"), ISCO code of a group ("2654"), skill group code.
    code = models.CharField(_("code"), max_length=40, blank=True, db_index=True)
    # For an occupation: its ISCO-08 unit group (4 digits); for a group: the group itself.
    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, blank=True, db_index=True)
    # Skills: "skill/competence" or "knowledge"; reuse level: transversal, cross-sector, ...
    skill_type = models.CharField(_("skill type"), max_length=30, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=30, blank=True)
    # Collections a skill belongs to: digital, green, language, transversal, ...
    collections = models.JSONField(_("collections"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, verbose_name=_("broader")
    )
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "code", "uri"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        """The preferred label in ``language`` (default: the active one), else English, else any."""
        texts = {t.language: t for t in self._texts()}
        for lang in (language or get_language() or "en", "en", "da"):
            if lang and lang[:2] in texts and texts[lang[:2]].preferred_label:
                return texts[lang[:2]].preferred_label
        return next((t.preferred_label for t in texts.values() if t.preferred_label), self.uri)

    def _texts(self):
        cache = getattr(self, "_prefetched_objects_cache", {})
        return cache["texts"] if "texts" in cache else list(self.texts.all())


class ConceptText(models.Model):
    """The labels and description of a concept in one language."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8)
    preferred_label = models.CharField(_("preferred label"), max_length=500)
    alt_labels = models.JSONField(_("alternative labels"), default=list, blank=True)
    hidden_labels = models.JSONField(_("hidden labels"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    # True when the labels were derived by heuristics (the built-in taxonomy), not read from an
    # official file. An official import replaces derived texts; a derived one never replaces it.
    derived = models.BooleanField(_("derived"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language"], name="concepttext_unique_language"
            )
        ]
        verbose_name = _("concept text")
        verbose_name_plural = _("concept texts")

    def __str__(self) -> str:
        return f"{self.preferred_label} [{self.language}]"


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("essential")
        OPTIONAL = "optional", _("optional")

    occupation = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="skill_relations"
    )
    skill = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="occupation_relations"
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupationskill_unique")
        ]
        verbose_name = _("occupation–skill relation")
        verbose_name_plural = _("occupation–skill relations")

    def __str__(self) -> str:
        return f"{self.occupation} → {self.skill} ({self.relation})"


class SkillRelation(models.Model):
    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="related_skills")
    related = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=10)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "related"], name="skillrelation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.skill} → {self.related} ({self.relation})"


class TaxonomyImport(models.Model):
    """One run of the importer: what was loaded, from where, and what it lacks."""

    at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(_("source"), max_length=300)
    builtin = models.BooleanField(_("built-in"), default=False)
    languages = models.JSONField(default=list)
    counts = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("taxonomy import")
        verbose_name_plural = _("taxonomy imports")

    def __str__(self) -> str:
        return f"{self.source} ({', '.join(self.languages)}) at {self.at:%Y-%m-%d %H:%M}"


class _KindManager(models.Manager):
    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class Occupation(Concept):
    objects = _KindManager(Kind.OCCUPATION)

    class Meta:
        proxy = True
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class Skill(Concept):
    objects = _KindManager(Kind.SKILL)

    class Meta:
        proxy = True
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class IscoGroup(Concept):
    objects = _KindManager(Kind.ISCO_GROUP)

    class Meta:
        proxy = True
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")


class SkillGroup(Concept):
    objects = _KindManager(Kind.SKILL_GROUP)

    class Meta:
        proxy = True
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")


class ConceptEmbedding(models.Model):
    """Multilingual sentence embeddings of concept labels, for the semantic layer of suggest.

    One row per search index (``occupations``: occupations and ISCO-08 groups; ``skills``).
    ``vectors`` holds float16 rows of ``dim`` values; ``owners`` (int32) gives for each row
    the position of its concept in ``uris``; ``texts`` is what was embedded, so a later run
    reuses the vectors of texts that did not change.
    """

    index = models.CharField(max_length=20, db_index=True)
    model = models.CharField(max_length=60)
    dim = models.PositiveIntegerField()
    uris = models.JSONField(default=list)
    texts = models.JSONField(default=list)
    owners = models.BinaryField()
    vectors = models.BinaryField()
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("concept embedding")
        verbose_name_plural = _("concept embeddings")

    def __str__(self) -> str:
        return f"{self.index}: {len(self.texts)} labels ({self.model})"
