"""Bring the role groups in line with inspection/roles.py: action plans."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0015_inspection_judgement_set"), ("actionplans", "0001_action_plans")]

    operations = [sync_role_groups_operation()]
