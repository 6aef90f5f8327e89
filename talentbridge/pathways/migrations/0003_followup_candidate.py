import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("pathways", "0002_steps_from_matches_mentor_log_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="candidate",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="follow_ups",
                to="candidates.candidate",
            ),
        ),
    ]
