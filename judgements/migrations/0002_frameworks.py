"""Ofsted's frameworks and their judgement areas, from judgements/frameworks.py (kept in step:
rows are updated by code, never duplicated)."""

from datetime import date

from django.db import migrations


def write_frameworks(apps, schema_editor):
    from judgements.frameworks import FRAMEWORKS

    Framework = apps.get_model("judgements", "Framework")
    JudgementArea = apps.get_model("judgements", "JudgementArea")
    for spec in FRAMEWORKS.values():
        framework, _ = Framework.objects.update_or_create(code=spec.code, defaults={
            "name": spec.name, "short_name": spec.short_name, "in_force_from": date.fromisoformat(spec.in_force_from),
            "in_force_to": date.fromisoformat(spec.in_force_to) if spec.in_force_to else None,
        })
        for order, area in enumerate(spec.areas):
            JudgementArea.objects.update_or_create(framework=framework, code=area.code, defaults={
                "name": area.name, "kind": area.kind, "order": order,
                "parent": JudgementArea.objects.get(framework=framework, code=area.parent) if area.parent else None,
            })


class Migration(migrations.Migration):
    dependencies = [("judgements", "0001_judgements")]

    operations = [migrations.RunPython(write_frameworks, migrations.RunPython.noop)]
