from django.contrib import admin

from .models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["project", "figure", "value", "of_figure", "due_on"]
    list_filter = ["project", "figure"]
