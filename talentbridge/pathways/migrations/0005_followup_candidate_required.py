import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pathways", "0004_fill_followup_candidate")]

    operations = [
        migrations.AlterField(
            model_name="followup",
            name="candidate",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="follow_ups",
                to="candidates.candidate",
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=models.Q(("outcome__in", ["employed", "in_education"])),
                fields=["candidate", "outcome", "done_on"],
                name="followup_work_or_education",
            ),
        ),
    ]
