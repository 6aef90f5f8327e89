"""Write imported records: company (by CVR), site, opening (by reference), skills.

Runs inside the import's transaction; each record in its own savepoint, so that one bad
record is reported and the next ones are still checked. The caller rolls everything back
when there was any error, or on a dry run.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from talentbridge.accounts.access import has_role
from talentbridge.accounts.models import Project, Role

from .. import access
from ..models import Employer, Opening, OpeningSkill, Site
from ..services import suggest
from ..services.common import Action, apply_fields, plain, record
from ..services.concepts import resolve_occupation, resolve_skills
from ..services.register import check_cvr, normalise_industry
from .records import Change, ImportReport, PostingRecord, Problem, RecordError

EMPLOYER_FIELDS = ("name", "industry_code", "industry_name", "size", "website")
SITE_FIELDS = ("address", "postal_code", "municipality")
OPENING_FIELDS = (
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
    "source_url",
    "external_ref",
)


class Importer:
    def __init__(self, user, report: ImportReport, project: str | None, language: str = "da"):
        self.user = user
        self.report = report
        self.project_code = project or ""
        self.language = language
        self.staff = access.is_all_seeing(user) or access.staff_projects(user, edit=True).exists()

    def run(self, records: list[PostingRecord]) -> None:
        for rec in records:
            self.changes: list[Change] = []
            try:
                with transaction.atomic():
                    self.apply(rec)
            except RecordError as exc:
                self.report.errors.append(Problem(rec.origin, exc.field, exc.message))
                continue
            except ValidationError as exc:
                for field, messages in _messages(exc):
                    self.report.errors.append(
                        Problem(rec.origin, rec.source(field), " ".join(messages))
                    )
                continue
            except Http404:
                self.report.errors.append(
                    Problem(rec.origin, rec.source("project"), "no such project of yours")
                )
                continue
            self.report.changes.extend(self.changes)
            self.report.warnings.extend(Problem(rec.origin, "", w) for w in rec.warnings)

    def apply(self, rec: PostingRecord) -> None:
        employer = self.employer(rec)
        project = self.project(rec, employer)
        site = self.site(rec, employer)
        self.opening(rec, project, site)

    # Company ---------------------------------------------------------------------------------

    def employer(self, rec: PostingRecord) -> Employer:
        data = dict(rec.employer)
        if "industry_code" in data:
            data["industry_code"] = normalise_industry(data["industry_code"])
        if data.get("cvr"):
            data["cvr"] = check_cvr(data["cvr"])
            existing = Employer.objects.filter(cvr=data["cvr"]).first()
        else:
            # Found by its name: the name in the file is not news (and may differ in case).
            existing = self._by_name(rec, data.pop("name", ""))
        if existing is None:
            return self._create_employer(rec, data)
        if access.can_edit_employer(self.user, existing):
            changes = apply_fields(existing, data, EMPLOYER_FIELDS)
            if changes:
                existing.full_clean()
                existing.save()
                record(self.user, Action.UPDATE, existing, changes=changes, through="import")
            self._change(rec, "employer", existing, changes)
        elif access.is_own_employer(self.user, existing) or self.staff:
            # Employer users do not change the register; a consultant from another project
            # finds the company here and adds it to their project (see ``project``).
            self._change(rec, "employer", existing, {})
        else:
            raise RecordError(rec.source("cvr"), "not your company")
        return existing

    def _by_name(self, rec: PostingRecord, name: str) -> Employer | None:
        wanted = name.casefold()
        found = (
            [e for e in access.employers_for(self.user, edit=True) if e.name.casefold() == wanted]
            if wanted
            else []
        )
        if len(found) == 1:
            return found[0]
        raise RecordError(
            rec.source("cvr"),
            "no CVR number given, and no single company of this name in your register",
        )

    def _create_employer(self, rec: PostingRecord, data: dict) -> Employer:
        if not self.staff:
            raise RecordError(rec.source("cvr"), "not your company")
        if not data.get("name"):
            raise RecordError(rec.source("name"), "required for a company not yet registered")
        project = access.project_for_write(self.user, rec.project or self.project_code)
        employer = Employer(cvr=data["cvr"])
        apply_fields(employer, data, EMPLOYER_FIELDS)
        if getattr(self.user, "pk", None) and has_role(
            self.user, Role.BUSINESS_CONSULTANT, project=project
        ):
            employer.consultant = self.user
        employer.full_clean()
        employer.save()
        employer.projects.add(project)
        record(self.user, Action.CREATE, employer, projects=[project.code], through="import")
        self._change(rec, "employer", employer, {}, created=True)
        return employer

    def project(self, rec: PostingRecord, employer: Employer) -> Project:
        code = rec.project or self.project_code
        if self.staff:
            project = access.project_for_write(self.user, code)
            if not employer.projects.filter(pk=project.pk).exists():
                employer.projects.add(project)
                record(
                    self.user,
                    Action.UPDATE,
                    employer,
                    joined_projects=[project.code],
                    through="import",
                )
                self._change(rec, "employer", employer, {"projects": [None, project.code]})
            return project
        return access.project_for_write(self.user, code, employer)

    # Site ------------------------------------------------------------------------------------

    def site(self, rec: PostingRecord, employer: Employer) -> Site:
        data = {k: v for k, v in rec.site.items() if v not in (None, "")}
        municipality = data.get("municipality")
        sites = list(employer.sites.select_related("municipality"))
        site = None
        if data.get("name"):
            site = next((s for s in sites if s.name.casefold() == data["name"].casefold()), None)
        elif municipality is not None:
            here = [s for s in sites if s.municipality_id == municipality.pk]
            site = next(
                (
                    s
                    for s in here
                    if data.get("postal_code") and s.postal_code == data["postal_code"]
                ),
                None,
            )
            site = site or (here[0] if here else None)
        elif len(sites) == 1:
            site = sites[0]
        if site is None:
            if municipality is None:
                raise RecordError(
                    rec.source("municipality"),
                    "required: where is the job (municipality, postal code or town)?",
                )
            site = Site(
                employer=employer,
                name=data.get("name") or data.get("locality") or municipality.name,
            )
            apply_fields(site, data, SITE_FIELDS)
            site.full_clean()
            site.save()
            record(self.user, Action.CREATE, site, employer=employer.pk, through="import")
            self._change(rec, "site", site, {}, created=True)
            return site
        changes = apply_fields(site, data, SITE_FIELDS)
        if changes:
            if not access.employers_for(self.user, edit=True).filter(pk=employer.pk).exists():
                raise RecordError(rec.source("site"), "you may not change this company's sites")
            site.full_clean()
            site.save()
            record(self.user, Action.UPDATE, site, changes=changes, through="import")
        self._change(rec, "site", site, changes)
        return site

    # Opening ---------------------------------------------------------------------------------

    def opening(self, rec: PostingRecord, project: Project, site: Site) -> Opening:
        data = dict(rec.opening)
        kind_default = data.pop("kind_default", False)
        occupation = data.pop("occupation", None)
        status = data.pop("status", None)
        opening = self._existing_opening(rec, project, site, data, kind_default)
        created = opening is None
        concept, suggested = self._occupation(rec, occupation, opening)
        if (
            suggested
            and status == Opening.Status.OPEN
            and (created or opening.status != Opening.Status.OPEN)
        ):
            # An occupation picked by suggest, not given by the record, is not confirmed: the
            # opening stays a draft until a consultant confirms the occupation and opens it.
            rec.warnings.append(
                "status open not applied: the occupation was not given (only suggested), so "
                "the opening stays a draft until the occupation is confirmed; give the "
                "occupation column to open it on import"
            )
            status = None
        if created:
            opening = Opening(
                project=project,
                site=site,
                created_by=self.user if getattr(self.user, "pk", None) else None,
            )
            opening.status = status or Opening.Status.DRAFT
        else:
            if kind_default:
                data.pop("kind", None)
            if status and status != opening.status:
                if not opening.can_move_to(status):
                    raise RecordError(
                        rec.source("status"),
                        f"an opening cannot move from {opening.status} to {status}",
                    )
        changes = apply_fields(opening, data, OPENING_FIELDS)
        if not created and site.pk != opening.site_id:
            changes["site"] = (opening.site_id, site.pk)
            opening.site = site
        if not created and status and status != opening.status:
            changes["status"] = (opening.status, status)
            opening.status = status
        if concept is not None and concept.pk != opening.occupation_id:
            changes["occupation"] = (plain(opening.occupation_id), concept.pk)
            opening.occupation = concept
        opening.full_clean()
        skills = self._skills(rec)
        if created or changes:
            opening.save()
        skill_changes = _set_skills(opening, skills)
        changes.update(skill_changes)
        if created:
            record(
                self.user, Action.CREATE, opening, through="import", reference=opening.external_ref
            )
        elif changes:
            record(self.user, Action.UPDATE, opening, changes=changes, through="import")
        self._change(rec, "opening", opening, {} if created else changes, created=created)
        return opening

    def _existing_opening(self, rec, project, site, data, kind_default) -> Opening | None:
        ref = data.get("external_ref")
        if ref:
            found = (
                Opening.objects.filter(project=project, external_ref=ref)
                .select_related("site")
                .first()
            )
            if found is None:
                return None
            if (
                found.site.employer_id != site.employer_id
                or not access.openings_for(self.user, edit=True).filter(pk=found.pk).exists()
            ):
                raise RecordError(
                    rec.source("external_ref"),
                    "this reference belongs to another company's opening",
                )
            return found
        title = data["title"].casefold()
        candidates = site.openings.filter(project=project).exclude(status=Opening.Status.CLOSED)
        if not kind_default:
            candidates = candidates.filter(kind=data["kind"])
        return next((o for o in candidates.order_by("pk") if o.title.casefold() == title), None)

    def _occupation(self, rec: PostingRecord, given, opening: Opening | None):
        """The occupation to set (None: leave it) and whether suggest picked it (it was not
        given by the record)."""
        if given:
            return resolve_occupation(given, field="occupation"), False
        if opening is not None and opening.occupation_id:
            return None, False
        text = rec.occupation_text or rec.opening.get("title", "")
        best = suggest.best(suggest.OCCUPATIONS, text, language=self.language)
        if best is None:
            rec.warnings.append(f"no occupation found for {text!r}: choose one in the opening")
            return None, True
        rec.warnings.append(
            f"occupation suggested from {text!r}: {best.label} — confirm it in the opening"
        )
        return best.concept(), True

    def _skills(self, rec: PostingRecord) -> dict[bool, list] | None:
        if rec.essential_skills is None and rec.optional_skills is None:
            return None
        result = {}
        for essential, values, field in (
            (True, rec.essential_skills, "essential_skills"),
            (False, rec.optional_skills, "optional_skills"),
        ):
            if values is None:
                continue
            uris = []
            for value in values:
                if value.startswith("http"):
                    uris.append(value)
                    continue
                best = suggest.best(suggest.SKILLS, value, language=self.language)
                if best is None:
                    rec.warnings.append(f"no skill found for {value!r}")
                else:
                    rec.warnings.append(f"skill suggested for {value!r}: {best.label}")
                    uris.append(best.uri)
            result[essential] = resolve_skills(uris, field=rec.source(field))
        return result

    def _change(self, rec, model: str, obj, changes: dict, created: bool = False) -> None:
        action = "created" if created else "updated" if changes else "unchanged"
        self.changes.append(
            Change(
                rec.origin,
                model,
                action,
                _label(obj),
                obj.pk,
                {k: list(v) for k, v in changes.items()},
            )
        )


def _set_skills(opening: Opening, skills: dict[bool, list] | None) -> dict:
    """Replace the essential and/or optional skills given; returns the changes."""
    if skills is None:
        return {}
    changes = {}
    # Optional first: a skill given as both ends up essential.
    for essential, concepts in sorted(skills.items()):
        name = "essential_skills" if essential else "optional_skills"
        current = OpeningSkill.objects.filter(opening=opening, essential=essential)
        before = sorted(current.values_list("skill__uri", flat=True))
        after = sorted(c.uri for c in concepts)
        if before == after:
            continue
        current.delete()
        OpeningSkill.objects.filter(opening=opening, skill__in=concepts).delete()
        OpeningSkill.objects.bulk_create(
            OpeningSkill(opening=opening, skill=c, essential=essential) for c in concepts
        )
        changes[name] = (before, after)
    return changes


def _label(obj) -> str:
    if isinstance(obj, Employer):
        return f"{obj.name} ({obj.cvr})"
    if isinstance(obj, Site):
        return f"{obj.name}, {obj.municipality.name}"
    return str(obj)


def _messages(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        return exc.message_dict.items()
    return [("", exc.messages)]
