"""Bring the role groups in line with inspection/roles.py: the safeguarding board, and the board
member role. Runs after the inspection app's own role migrations, so every permission exists."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("lscb", "0001_safeguarding_board"), ("inspection", "0016_role_groups_for_action_plans")]

    operations = [sync_role_groups_operation()]
