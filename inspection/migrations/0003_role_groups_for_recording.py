"""Bring the role groups in line with inspection/roles.py after the journey and events models."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0002_role_groups"),
        ("cases", "0002_journey_events_flags"),
    ]

    operations = [sync_role_groups_operation()]
