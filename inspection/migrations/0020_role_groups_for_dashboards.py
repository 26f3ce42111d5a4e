"""Bring the role groups in line with inspection/roles.py: the managers' and members' dashboards,
figure targets and committee reports. After lscb 0002, the latest role migration."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0019_dashboards_and_committee_reports"), ("lscb", "0002_role_groups")]

    operations = [sync_role_groups_operation()]
