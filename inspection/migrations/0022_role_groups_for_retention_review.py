"""Bring the role groups in line with inspection/roles.py: senior managers see
closed records due for retention review and record the decision (cases 0008)."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0021_role_groups_for_unlocking_accounts"), ("cases", "0008_retention_review")]

    operations = [sync_role_groups_operation()]
