"""Copy each follow-up's candidate from its step (data migration)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    FollowUp = apps.get_model("pathways", "FollowUp")
    PathwayStep = apps.get_model("pathways", "PathwayStep")
    candidate = PathwayStep.objects.filter(pk=OuterRef("step_id")).values("candidate_id")[:1]
    FollowUp.objects.filter(candidate__isnull=True).update(candidate_id=Subquery(candidate))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0003_followup_candidate")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
