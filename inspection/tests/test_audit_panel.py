"""A child's record shows their audits, to those who may see audits."""

import pytest

from inspection.audits import services
from inspection.models import AuditSample, SampleMember


@pytest.mark.django_db
def test_the_childs_record_lists_their_audits_for_a_practitioner_but_not_an_auditorless_role(
    client, practitioner, auditor, child_a, audit_template
):
    sample = AuditSample.objects.create(name="March", purpose="monthly", size=1, seed=1, drawn_on="2026-03-02", created_by=auditor)
    member = SampleMember.objects.create(sample=sample, child=child_a)
    audit = services.audit_allocate(actor=auditor, member=member, auditor=auditor)
    client.force_login(practitioner)
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert "Case audits" in page and f"/audits/{audit.pk}/" in page and "allocated" in page


@pytest.mark.django_db
def test_a_user_without_the_audit_permission_sees_no_audit_section(client, practitioner, child_a):
    from django.contrib.auth.models import Permission

    practitioner.groups.first().permissions.remove(Permission.objects.get(codename="view_caseaudit"))
    client.force_login(practitioner)
    assert "Case audits" not in client.get(f"/children/{child_a.pk}/").content.decode()
