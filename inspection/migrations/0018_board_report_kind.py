from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspection', '0017_action_plan_report_kind'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reportjob',
            name='kind',
            field=models.CharField(choices=[('children_list', 'List of children'), ('annex_a', 'Annex A'), ('action_plan', 'Action plan'), ('board_report', 'Board report')], max_length=40),
        ),
    ]
