"""Bring the role groups in line with inspection/roles.py: case audit permissions."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0005_standard_audit_template")]

    operations = [sync_role_groups_operation()]
