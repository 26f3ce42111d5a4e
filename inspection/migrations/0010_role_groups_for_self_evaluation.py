"""Bring the role groups in line with inspection/roles.py: self-evaluation."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0009_self_evaluation")]

    operations = [sync_role_groups_operation()]
