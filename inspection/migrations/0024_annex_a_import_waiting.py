"""An Annex A upload made while the background service (Redis) was away waits for it, saying so."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("inspection", "0023_figure_member_sort_name")]

    operations = [
        migrations.AlterField(
            model_name="annexaimport",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Waiting to start"), ("waiting", "Waiting for the background service"),
                    ("running", "Importing"), ("imported", "Imported"), ("checked", "Checked, nothing kept"),
                    ("rejected", "Rejected, nothing imported"), ("failed", "Failed"),
                ],
                db_index=True, default="queued", max_length=10,
            ),
        ),
    ]
