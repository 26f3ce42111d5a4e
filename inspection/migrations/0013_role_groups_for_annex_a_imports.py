"""Bring the role groups in line with inspection/roles.py: senior managers import Annex A."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0012_annex_a_imports")]

    operations = [sync_role_groups_operation()]
