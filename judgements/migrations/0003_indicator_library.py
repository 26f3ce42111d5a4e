"""The starting library of indicators of good (judgements/indicator_library.py)."""

from django.db import migrations


def write(apps, schema_editor):
    from judgements.indicator_library import write_library

    write_library(apps)


class Migration(migrations.Migration):
    dependencies = [("judgements", "0002_frameworks")]

    operations = [migrations.RunPython(write, migrations.RunPython.noop)]
