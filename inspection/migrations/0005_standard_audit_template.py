"""The published audit template every council starts with (inspection/audit_template.py)."""

from django.db import migrations


def create_standard_template(apps, schema_editor):
    from inspection.audit_template import ensure_standard_template

    ensure_standard_template(apps.get_model("inspection", "AuditTemplate"), apps.get_model("inspection", "AuditDomain"))


class Migration(migrations.Migration):
    dependencies = [("inspection", "0004_case_audits")]

    operations = [migrations.RunPython(create_standard_template, migrations.RunPython.noop)]
