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


@pytest.mark.django_db
def test_the_panel_shows_each_audits_final_grade_in_one_query_however_many_are_moderated(
    client, practitioner, auditor, senior_manager, child_a, audit_template
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inspection.audits.panels import audits_panel
    from inspection.models import CaseAudit, Moderation

    grades = []
    for month, (given, final) in enumerate([(2, 3), (3, 1), (4, 4)], start=1):
        sample = AuditSample.objects.create(name=f"Month {month}", purpose="monthly", size=1, seed=month,
                                            drawn_on=f"2026-0{month}-02", created_by=auditor)
        audit = services.audit_allocate(actor=auditor, member=SampleMember.objects.create(sample=sample, child=child_a),
                                        auditor=auditor)
        CaseAudit.objects.filter(pk=audit.pk).update(status=CaseAudit.Status.MODERATED, overall_grade=given)
        Moderation.objects.create(audit=audit, moderator=senior_manager, overall_agreed=given == final,
                                  final_overall_grade=final, reason="" if given == final else "Reasons for a different grade.")
        grades.append(final)
    client.force_login(practitioner)
    request = client.get(f"/children/{child_a.pk}/").wsgi_request
    from cases.selectors import child_record_rows
    from inspection.audits.selectors import final_overall_grade

    with CaptureQueriesContext(connection) as queries:
        panel = audits_panel(request, child_a)
        child_record_rows(child=child_a, panels=[panel])  # the audits read with the record's rows
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert [final_overall_grade(audit) for audit in panel.context["audits"]] == grades[::-1]
    assert len(queries) == 0
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert page.count("moderated") >= 3 and "Inadequate" in page and "Outstanding" in page
