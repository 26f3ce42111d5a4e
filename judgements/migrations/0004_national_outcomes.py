"""National inspection outcomes with their sources (judgements/national_outcomes.py)."""

from django.db import migrations


def write(apps, schema_editor):
    from judgements.national_outcomes import write_outcomes

    write_outcomes(apps)


class Migration(migrations.Migration):
    dependencies = [("judgements", "0003_indicator_library")]

    operations = [migrations.RunPython(write, migrations.RunPython.noop)]
