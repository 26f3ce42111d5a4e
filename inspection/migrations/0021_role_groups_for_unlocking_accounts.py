"""Bring the role groups in line with inspection/roles.py: administrators may see and clear the
failed sign-in attempts that lock an account (django-axes)."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0020_role_groups_for_dashboards"), ("axes", "0010_accessattemptexpiration")]

    operations = [sync_role_groups_operation()]
