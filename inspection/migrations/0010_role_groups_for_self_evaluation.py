"""Bring the role groups in line with inspection/roles.py: self-evaluation."""

from django.db import migrations


def sync_groups(apps, schema_editor):
    from inspection.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("inspection", "0009_self_evaluation")]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
