"""Admin for administrators. Changes made here bypass the services' audit events, but the
signals still refresh the cached milestones (see pathways.signals)."""

from django.contrib import admin

from .models import FollowUp, Mentor, MentorMeeting, PathwayStep


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["months", "due_on", "done_on", "outcome", "hours_per_week", "note"]


@admin.register(PathwayStep)
class PathwayStepAdmin(admin.ModelAdmin):
    list_display = ["candidate", "kind", "employer", "starts_on", "ends_on", "ending", "project"]
    list_filter = ["kind", "project", "ending"]
    search_fields = ["candidate__reference", "employer__name", "provider"]
    raw_id_fields = ["candidate", "employer", "opening", "mentor", "municipality"]
    inlines = [FollowUpInline]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "employer", "project", "active"]
    list_filter = ["kind", "project", "active"]
    search_fields = ["name"]
    raw_id_fields = ["employer", "candidates"]


@admin.register(MentorMeeting)
class MentorMeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "mentor", "candidate"]
    raw_id_fields = ["mentor", "candidate"]
