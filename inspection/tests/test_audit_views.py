"""The audit pages: who may open each one, scoping, and drawing, changing, allocating, carrying
out and moderating audits through the forms."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from cases.codes import CategoryOfAbuse
from cases.models import Episode, Stage
from inspection.audits import services
from inspection.models import AuditSample, CaseAudit, DomainModeration, Moderation, SampleMember
from inspection.roles import Role
from judgements.grades import Grade

pytestmark = pytest.mark.django_db

SAMPLE_PAGES = ["sample_list", "sample_create", "sample_detail", "sample_programme", "sample_add_child", "member_drop",
                "member_allocate"]
AUDIT_WORK_PAGES = ["audit_edit", "audit_moderate"]
ALL_PAGES = ["my_audits", "audit_detail", *SAMPLE_PAGES, *AUDIT_WORK_PAGES]


@pytest.fixture
def sample(auditor):
    return AuditSample.objects.create(name="Mock inspection", purpose="council_audit", size=20, seed=1,
                                      drawn_on=date(2025, 6, 1), created_by=auditor)


@pytest.fixture
def audit(sample, child_a, auditor, audit_template):
    member = SampleMember.objects.create(sample=sample, child=child_a, stratum=Stage.CHILD_PROTECTION)
    return services.audit_allocate(actor=auditor, member=member, auditor=auditor)


def url(name: str, audit) -> str:
    if name in ("my_audits", "sample_list", "sample_create"):
        return reverse(f"audits:{name}")
    if name in ("member_drop", "member_allocate"):
        return reverse(f"audits:{name}", args=[audit.member.sample_id, audit.member_id])
    if name.startswith("sample_"):
        return reverse(f"audits:{name}", args=[audit.member.sample_id])
    return reverse(f"audits:{name}", args=[audit.pk])


def every_answer(audit, grade=Grade.GOOD) -> dict:
    data = {"overall_grade": grade, "overall_rationale": "Visits on time, plans weak.", "strengths": "Good direct work",
            "areas_for_development": "Supervision too brief", "complete": "1"}
    for domain in audit.template.domains.all():
        data |= {f"grade_{domain.pk}": grade, f"evidence_{domain.pk}": f"Evidence on {domain.key}",
                 f"improvement_{domain.pk}": "Plans need outcomes" if domain.key == "plans" else ""}
    return data


@pytest.fixture
def completed(audit):
    return services.audit_save(actor=audit.auditor, audit=audit, grades={
        domain.pk: (Grade.GOOD, "Evidence", "") for domain in audit.template.domains.all()
    }, overall_grade=Grade.GOOD, overall_rationale="Why", strengths="", areas_for_development="", complete=True)


# --- who gets in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PAGES)
def test_signed_out_visitor_is_sent_to_sign_in_from_every_audit_page(client, audit, name):
    address = url(name, audit)
    response = client.get(address)
    assert response.status_code == 302 and response["Location"] == f"/account/sign-in/?next={address}"


@pytest.mark.parametrize("role", ["elected_member", "administrator"])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_members_and_administrators_are_refused_every_audit_page(client, request, audit, role, name):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(name, audit)).status_code == 403


@pytest.mark.parametrize("role", ["practitioner", "team_manager"])
@pytest.mark.parametrize("name", SAMPLE_PAGES + AUDIT_WORK_PAGES)
def test_practitioners_and_managers_are_refused_samples_and_audit_work(client, request, audit, role, name):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(name, audit)).status_code == 403
    assert client.post(url(name, audit), {"reason": "x", "auditor": audit.auditor_id}).status_code == 403
    assert SampleMember.objects.filter(removed_at__isnull=True).count() == 1 and CaseAudit.objects.count() == 1


@pytest.mark.parametrize("role", ["practitioner", "team_manager"])
def test_practitioners_and_managers_can_read_audits_of_children_in_their_team(client, request, audit, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url("my_audits", audit)).status_code == 200
    assert client.get(url("audit_detail", audit)).status_code == 200


def test_a_practitioner_gets_not_found_for_the_audit_of_a_child_in_another_team(client, practitioner, auditor, sample,
                                                                                 child_b, audit_template):
    other = services.audit_allocate(
        actor=auditor, member=SampleMember.objects.create(sample=sample, child=child_b), auditor=auditor)
    client.force_login(practitioner)
    assert client.get(url("audit_detail", other)).status_code == 404


def test_a_sample_that_does_not_exist_is_not_found(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("audits:sample_detail", args=[987654])).status_code == 404
    assert client.get(reverse("audits:sample_programme", args=[987654])).status_code == 404


def test_a_senior_manager_can_run_samples_and_do_and_moderate_audits(client, senior_manager, auditor, completed, sample,
                                                                     child_b):
    mine = services.audit_allocate(
        actor=auditor, member=SampleMember.objects.create(sample=sample, child=child_b), auditor=senior_manager)
    client.force_login(senior_manager)
    for name in ["sample_list", "sample_create", "sample_detail", "sample_programme", "audit_moderate"]:
        assert client.get(url(name, completed)).status_code == 200, name
    assert client.get(url("audit_edit", mine)).status_code == 200


# --- samples --------------------------------------------------------------------------------------


def test_an_auditor_draws_a_sample_through_the_form_and_sees_its_cases(client, auditor, practitioner, make_child,
                                                                       team_a):
    for number in range(5):
        Episode.objects.create(child=make_child(team_a, last_name=f"Open{number}"), stage=Stage.CHILD_PROTECTION,
                               start_date=date(2025, 1, 6), initial_category=CategoryOfAbuse.NEGLECT,
                               recorded_by=practitioner)
    client.force_login(auditor)
    response = client.post(reverse("audits:sample_create"),
                           {"name": "March audit", "purpose": "monthly", "size": "3", "seed": "42"})
    sample = AuditSample.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("audits:sample_detail", args=[sample.pk])
    assert (sample.seed, sample.size, sample.stages, sample.created_by) == (42, 3, [], auditor)
    page = client.get(response["Location"])
    assert len(page.context["members"]) == 3
    assert "3 cases drawn for March audit." in page.content.decode()
    for member in page.context["members"]:
        assert member.child.local_id in page.content.decode()


def test_a_thematic_sample_without_a_theme_is_shown_back_and_nothing_is_drawn(client, auditor):
    client.force_login(auditor)
    response = client.post(reverse("audits:sample_create"), {"name": "Theme", "purpose": "thematic", "size": "5"})
    assert response.status_code == 200
    assert "Choose the flag the thematic audit is about" in response.content.decode()
    assert not AuditSample.objects.exists()


def test_adding_a_child_by_their_id(client, auditor, audit, child_b):
    client.force_login(auditor)
    address = url("sample_add_child", audit)
    response = client.post(address, {"child_id": child_b.local_id, "reason": "Inspectors asked"})
    assert response.status_code == 302
    added = SampleMember.objects.get(child=child_b)
    assert added.added_by_hand and added.added_reason == "Inspectors asked"

    response = client.post(address, {"child_id": "NOPE999", "reason": "Typo"})
    assert response.status_code == 200 and "No child with this ID" in response.content.decode()
    assert SampleMember.objects.count() == 2


def test_taking_a_case_out_of_the_sample_with_a_reason(client, auditor, audit):
    client.force_login(auditor)
    response = client.post(url("member_drop", audit), {"reason": "Closed last week"})
    assert response.status_code == 302
    member = SampleMember.objects.get(pk=audit.member_id)
    assert member.removed_at is not None and member.removed_reason == "Closed last week"
    assert "Closed last week" in client.get(response["Location"]).content.decode()


def test_allocating_a_case_to_another_auditor(client, auditor, senior_manager, sample, child_b, audit_template):
    member = SampleMember.objects.create(sample=sample, child=child_b)
    client.force_login(auditor)
    response = client.post(reverse("audits:member_allocate", args=[sample.pk, member.pk]), {"auditor": senior_manager.pk})
    assert response.status_code == 302 and response["Location"] == reverse("audits:sample_detail", args=[sample.pk])
    assert CaseAudit.objects.get(member=member).auditor == senior_manager


# --- carrying out an audit ------------------------------------------------------------------------


def test_the_audit_form_shows_every_domain(client, auditor, audit):
    client.force_login(auditor)
    content = client.get(url("audit_edit", audit)).content.decode()
    for title in audit.template.domains.values_list("title", flat=True):
        assert escape(title) in content or title in content, title


def test_saving_some_grades_as_a_draft(client, auditor, audit):
    first = audit.template.domains.first()
    client.force_login(auditor)
    response = client.post(url("audit_edit", audit), {f"grade_{first.pk}": "3", f"evidence_{first.pk}": "Late", "draft": "1"})
    assert response.status_code == 302 and response["Location"] == url("audit_edit", audit)
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.DRAFT
    assert audit.domain_grades.get(domain=first).grade == Grade.REQUIRES_IMPROVEMENT


def test_completing_an_unfinished_audit_shows_the_problems_and_keeps_the_draft(client, auditor, audit):
    client.force_login(auditor)
    data = every_answer(audit)
    missing = audit.template.domains.last()
    del data[f"grade_{missing.pk}"], data["overall_rationale"]
    response = client.post(url("audit_edit", audit), data)
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert escape(f"Grade '{missing.title}' and give the evidence") in content
    assert "Say why you chose the overall grade" in content
    assert CaseAudit.objects.get(pk=audit.pk).status == CaseAudit.Status.ALLOCATED


def test_completing_an_audit_shows_its_grades_and_findings(client, auditor, audit):
    client.force_login(auditor)
    response = client.post(url("audit_edit", audit), every_answer(audit, Grade.REQUIRES_IMPROVEMENT))
    assert response.status_code == 302 and response["Location"] == url("audit_detail", audit)
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.COMPLETED and audit.overall_grade == Grade.REQUIRES_IMPROVEMENT
    content = client.get(response["Location"]).content.decode()
    assert content.count("Requires improvement") == 9
    for text in ("Plans need outcomes", "Supervision too brief", "Good direct work"):
        assert text in content
    assert client.get(url("audit_edit", audit))["Location"] == url("audit_detail", audit)


def test_only_the_allocated_auditor_can_open_the_audit_form(client, make_user, audit):
    client.force_login(make_user("other.auditor", Role.AUDITOR))
    assert client.get(url("audit_edit", audit)).status_code == 403
    assert client.post(url("audit_edit", audit), every_answer(audit)).status_code == 403
    assert CaseAudit.objects.get(pk=audit.pk).status == CaseAudit.Status.ALLOCATED


# --- moderation and my audits ---------------------------------------------------------------------


def moderation_answers(audit, disagree_with) -> dict:
    data = {"overall_agree": "no", "final_overall": "4", "reason": "Impact is inadequate"}
    for domain in audit.template.domains.all():
        data[f"agree_{domain.pk}"] = "no" if domain == disagree_with else "yes"
    return data | {f"final_{disagree_with.pk}": "4", f"reason_{disagree_with.pk}": "Not safer"}


def test_a_second_auditor_records_a_moderation(client, senior_manager, completed):
    impact = completed.template.domains.get(key="impact")
    client.force_login(senior_manager)
    response = client.post(url("audit_moderate", completed), moderation_answers(completed, impact))
    assert response.status_code == 302 and response["Location"] == url("audit_detail", completed)
    moderation = Moderation.objects.get(audit=completed)
    assert (moderation.moderator, moderation.overall_agreed, moderation.final_overall_grade) == (senior_manager, False, 4)
    assert DomainModeration.objects.get(moderation=moderation, domain=impact).reason == "Not safer"
    assert CaseAudit.objects.get(pk=completed.pk).status == CaseAudit.Status.MODERATED


def test_the_auditor_cannot_moderate_their_own_audit_through_the_form(client, auditor, completed):
    client.force_login(auditor)
    response = client.post(url("audit_moderate", completed),
                           moderation_answers(completed, completed.template.domains.first()))
    assert response.status_code == 200 and "A second auditor must moderate" in response.content.decode()
    assert not Moderation.objects.exists()


def test_my_audits_lists_mine_and_those_waiting_for_moderation(client, auditor, senior_manager, completed, sample, child_b):
    mine = services.audit_allocate(
        actor=auditor, member=SampleMember.objects.create(sample=sample, child=child_b), auditor=senior_manager)
    client.force_login(senior_manager)
    response = client.get(reverse("audits:my_audits"))
    assert response.context["mine"] == [mine] and response.context["to_moderate"] == [completed]
    assert f"Moderate the audit of {completed.child.full_name}" in response.content.decode()
    client.force_login(auditor)
    response = client.get(reverse("audits:my_audits"))
    assert response.context["mine"] == [completed] and response.context["to_moderate"] == []


def test_a_restricted_record_in_a_sample_is_counted_but_not_named_to_those_it_is_closed_to(
    client, auditor, sample, make_child, team_a,
):
    hidden = make_child(team_a, first_name="Quentin", last_name="Restricto", local_id="R-0001", restricted=True)
    member = SampleMember.objects.create(sample=sample, child=hidden, stratum=Stage.CHILD_PROTECTION)
    client.force_login(auditor)
    page = client.get(reverse("audits:sample_detail", args=[sample.pk])).content.decode()
    assert "A restricted record: only its named workers can see it" in page
    assert "Restricto" not in page and "R-0001" not in page
    for name in ("audits:member_drop", "audits:member_swap"):  # nor taken out or swapped by them
        assert client.get(reverse(name, args=[sample.pk, member.pk])).status_code == 404
    assert client.post(reverse("audits:member_allocate", args=[sample.pk, member.pk]),
                       {"auditor": auditor.pk}).status_code == 404
    assert not member.audits.exists()
