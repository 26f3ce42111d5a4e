"""Bring the role groups in line with inspection/roles.py after the journey and events models."""

from django.db import migrations


def sync_groups(apps, schema_editor):
    from inspection.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0002_role_groups"),
        ("cases", "0002_journey_events_flags"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
