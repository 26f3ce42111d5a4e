"""Retention review decisions (cases/models/retention.py), and the access-log action for viewing a list of children."""


import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_worker_caseloads'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslogentry',
            name='action',
            field=models.CharField(choices=[('viewed_child', "Viewed a child's record"), ('exported', "Exported children's data"), ('downloaded', 'Downloaded a report'), ('broke_glass', 'Opened a restricted record in an emergency'), ('viewed_list', 'Viewed a list of children')], max_length=20),
        ),
        migrations.CreateModel(
            name='RetentionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decision', models.CharField(choices=[('keep', 'Keep it for a further period'), ('destroy', 'Mark it for destruction by the records team'), ('archive', 'Mark it for archiving by the records team')], max_length=10)),
                ('reason', models.TextField()),
                ('keep_years', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Kept for a further (years)')),
                ('next_review_on', models.DateField(blank=True, help_text='When a record kept for a further period comes back for review; blank once marked for destruction or archiving.', null=True, verbose_name='Next review')),
                ('decided_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='retention_reviews', to='cases.child')),
                ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-decided_at', '-pk'],
                'indexes': [models.Index(fields=['child', 'next_review_on'], name='cases_retention_child_next')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('decision', 'keep'), ('keep_years__gte', 1), ('next_review_on__isnull', False)), models.Q(models.Q(('decision', 'keep'), _negated=True), ('keep_years__isnull', True), ('next_review_on__isnull', True)), _connector='OR'), name='retention_keep_has_a_next_review', violation_error_message='A record kept for a further period needs the years and its next review date.')],
            },
        ),
    ]
