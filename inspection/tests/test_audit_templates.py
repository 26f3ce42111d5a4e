"""Audit templates are versioned: published versions are never edited; QA staff change a draft
and publish it. Also the swap page and the reviewers' board on a sample."""

import pytest

from cases.codes import CategoryOfAbuse
from cases.models import Episode
from inspection.audits import services
from inspection.models import AuditSample, AuditTemplate, SampleMember

pytestmark = pytest.mark.django_db


def test_anonymous_and_wrong_roles_cannot_reach_the_template_pages(client, practitioner, senior_manager, audit_template):
    url = f"/audits/templates/{audit_template.pk}/"
    assert client.get(url).status_code == 302
    for user in (practitioner, senior_manager):  # senior managers audit but do not keep the templates
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(f"/audits/templates/{audit_template.pk}/new-version/").status_code == 403


def test_a_published_template_is_changed_only_through_a_new_draft_version(client, auditor, audit_template):
    client.force_login(auditor)
    assert client.get("/audits/templates/").status_code == 200
    assert client.get(f"/audits/templates/{audit_template.pk}/domains/{audit_template.domains.first().pk}/").status_code == 404
    response = client.post(f"/audits/templates/{audit_template.pk}/new-version/")
    draft = AuditTemplate.objects.get(version=2)
    assert response.status_code == 302 and draft.status == "draft" and draft.domains.count() == 8

    impact = draft.domains.get(key="impact")
    client.post(f"/audits/templates/{draft.pk}/domains/{impact.pk}/", {"title": "Impact for the child", "key": "impact",
                                                                      "questions": "Is the child safer?\nIs the child happier?"})
    client.post(f"/audits/templates/{draft.pk}/domains/new/", {"title": "Identity", "key": "identity", "questions": "Is identity understood?"})
    client.post(f"/audits/templates/{draft.pk}/domains/{draft.domains.get(key='drift').pk}/remove/")
    client.post(f"/audits/templates/{draft.pk}/publish/")

    draft.refresh_from_db()
    audit_template.refresh_from_db()
    assert (draft.status, audit_template.status) == ("published", "retired")
    assert list(draft.domains.values_list("key", flat=True))[-1] == "identity"
    assert not draft.domains.filter(key="drift").exists()
    assert draft.domains.get(key="impact").question_list == ["Is the child safer?", "Is the child happier?"]
    assert audit_template.domains.get(key="impact").title == "Impact: the difference made for the child"


def test_a_domain_without_a_title_is_refused_on_the_form(client, auditor, audit_template):
    draft = services.template_new_version(actor=auditor, template=audit_template)
    client.force_login(auditor)
    response = client.post(f"/audits/templates/{draft.pk}/domains/new/", {"title": "", "key": "x", "questions": "Q?"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert draft.domains.count() == 8


def test_swapping_a_case_keeps_the_reason_and_the_reviewers_board_counts_each_reviewers_cases(
    client, auditor, senior_manager, practitioner, make_child, team_a, audit_template
):
    children = [make_child(team_a) for _ in range(3)]
    for child in children:
        Episode.objects.create(child=child, stage="child_protection", start_date="2026-01-05",
                               initial_category=CategoryOfAbuse.NEGLECT, recorded_by=practitioner)
    sample = AuditSample.objects.create(name="Mock", purpose="council_audit", size=2, seed=1, drawn_on="2026-03-02", created_by=auditor)
    first, second = (SampleMember.objects.create(sample=sample, child=child) for child in children[:2])
    services.audit_allocate(actor=auditor, member=second, auditor=senior_manager)
    client.force_login(auditor)
    response = client.post(f"/audits/samples/{sample.pk}/members/{first.pk}/swap/",
                           {"child_id": children[2].local_id, "reason": "Inspectors asked for this child"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.removed_at is not None and "Inspectors asked" in first.removed_reason
    assert sample.members.filter(child=children[2], removed_at__isnull=True, added_by_hand=True).exists()
    page = client.get(f"/audits/samples/{sample.pk}/").content.decode()
    assert "Reviewers" in page and "Senior Tester" in page


@pytest.mark.parametrize("path", ["templates/", "templates/{t}/", "templates/{t}/domains/new/", "samples/{s}/members/{m}/swap/"])
def test_the_newer_audit_pages_turn_away_the_signed_out_and_the_wrong_roles(
    client, path, auditor, practitioner, elected_member, administrator, child_a, audit_template
):
    sample = AuditSample.objects.create(name="Mock", purpose="monthly", size=1, seed=1, drawn_on="2026-03-02", created_by=auditor)
    member = SampleMember.objects.create(sample=sample, child=child_a)
    draft = services.template_new_version(actor=auditor, template=audit_template)
    url = "/audits/" + path.format(t=draft.pk, s=sample.pk, m=member.pk)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    for user in (practitioner, elected_member, administrator):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(auditor)
    assert client.get(url).status_code == 200
