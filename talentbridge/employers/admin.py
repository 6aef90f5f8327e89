"""Django admin for administrators. Day-to-day work goes through the employers pages, which
check scope and write the audit log; the admin is for repairs."""

from django.contrib import admin

from .models import (
    Contact,
    Employer,
    Interaction,
    MunicipalitySurvey,
    Need,
    Opening,
    OpeningSkill,
    Site,
)


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "cvr", "industry_code", "size", "consultant"]
    list_filter = ["projects", "size"]
    search_fields = ["name", "cvr"]
    inlines = [SiteInline, ContactInline]
    raw_id_fields = ["consultant", "organisation"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "employer",
        "kind",
        "project",
        "consultant",
        "follow_up_on",
        "follow_up_done",
    ]
    list_filter = ["kind", "project", "follow_up_done"]
    search_fields = ["employer__name", "note"]
    raw_id_fields = ["employer", "consultant"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = [
        "site",
        "title",
        "occupation",
        "count",
        "needed_by",
        "urgency",
        "surveyed_on",
        "active",
    ]
    list_filter = ["project", "active", "urgency"]
    raw_id_fields = ["site", "occupation", "skills", "created_by"]


class OpeningSkillInline(admin.TabularInline):
    model = OpeningSkill
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "kind", "status", "capacity", "starts_on", "project"]
    list_filter = ["project", "kind", "status"]
    search_fields = ["title", "site__employer__name", "external_ref"]
    raw_id_fields = ["site", "occupation", "need", "created_by"]
    inlines = [OpeningSkillInline]


@admin.register(MunicipalitySurvey)
class MunicipalitySurveyAdmin(admin.ModelAdmin):
    list_display = ["municipality", "project", "surveyed_on", "kind", "consultant"]
    list_filter = ["project", "kind"]
