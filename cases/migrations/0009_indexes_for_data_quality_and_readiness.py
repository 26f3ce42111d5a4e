# Indexes for the readiness report's speed budget (issue 10): a stage's episodes by start date and a
# child's episodes by date, each carrying the columns its counts need so that they are read without
# the wide table (as key columns: SQLite has no INCLUDE); and one partial index for each
# data-quality check whose problem is in the episode's own columns (inspection/data_quality.py).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0008_retention_review"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(
                fields=["stage", "start_date", "end_date", "child", "worker", "decision_date", "source", "id"],
                name="episode_stage_start",
            ),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(fields=["child", "start_date", "stage", "end_date", "worker"],
                               name="episode_child_start"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(condition=models.Q(("source", ""), ("stage__in", ["contact", "referral"])),
                               fields=["start_date"], name="episode_dq_no_source"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(condition=models.Q(("primary_need", ""), ("stage", "child_in_need")),
                               fields=["start_date", "end_date"], name="episode_dq_no_primary_need"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(condition=models.Q(("initial_category", ""), ("stage", "child_protection")),
                               fields=["start_date", "end_date"], name="episode_dq_no_initial_category"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(condition=models.Q(("category_of_need", ""), ("stage", "looked_after")),
                               fields=["start_date", "end_date"], name="episode_dq_no_need_category"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(condition=models.Q(("eligibility", ""), ("stage", "care_leaver")),
                               fields=["start_date", "end_date"], name="episode_dq_no_eligibility"),
        ),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(
                condition=models.Q(("authorised_date__lt", models.F("start_date")), ("stage", "assessment")),
                fields=["start_date"], name="episode_dq_authorised_early",
            ),
        ),
    ]
