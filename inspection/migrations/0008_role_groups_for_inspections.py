"""Bring the role groups in line with inspection/roles.py: inspection records."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0007_inspections")]

    operations = [sync_role_groups_operation()]
