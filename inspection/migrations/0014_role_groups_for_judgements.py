"""Bring the role groups in line with inspection/roles.py: judgements and the self-assessment tool."""

from django.db import migrations

from inspection.roles import sync_role_groups_operation


class Migration(migrations.Migration):
    dependencies = [("inspection", "0013_role_groups_for_annex_a_imports"), ("judgements", "0004_national_outcomes")]

    operations = [sync_role_groups_operation()]
