from django.contrib import admin

from .models import AssignmentRun, Course, Match, MatchEvent


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "project",
        "danish_module",
        "danish_level",
        "duration_days",
        "municipality",
        "active",
    )
    list_filter = ("kind", "danish_module", "active")
    search_fields = ("name", "provider")
    autocomplete_fields = ()
    raw_id_fields = ("skills",)


class EventInline(admin.TabularInline):
    model = MatchEvent
    extra = 0
    readonly_fields = ("at", "actor", "actor_label", "from_status", "to_status", "reason")
    can_delete = False


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("candidate", "opening", "status", "score", "status_changed_at")
    list_filter = ("status", "source")
    raw_id_fields = ("candidate", "opening", "run")
    readonly_fields = ("status",)
    inlines = [EventInline]


@admin.register(AssignmentRun)
class AssignmentRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "project", "status", "places", "objective", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("openings",)
