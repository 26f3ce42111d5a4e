"""Audit reads: the programme view's counts (completed and moderated audits only, final grades
after moderation), themes, the worst-graded cases, agreement rates, progress, scoping and the
programme page's query count."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import Disability, Ethnicity, Gender
from cases.models import Child
from inspection.audits import selectors, services
from inspection.models import AuditSample, CaseAudit, DomainGrade, DomainModeration, Finding, Moderation, SampleMember
from inspection.roles import Role
from judgements.grades import Grade

pytestmark = pytest.mark.django_db

# Measured: 8 queries for the programme page (session, user, two for permissions, the sample, then
# its progress, audits and agreement read together, then the audits' grades, findings and the
# children the user may see together, the user's role for the navigation), whatever the number of
# audits.
PROGRAMME_MAX_QUERIES = 9  # one more where the user's worker is read to scope their teams
OUTSTANDING, GOOD, RI, INADEQUATE = Grade


@pytest.fixture
def sample(auditor):
    return AuditSample.objects.create(name="Mock inspection", purpose="council_audit", size=20, seed=1,
                                      drawn_on=date(2025, 6, 1), created_by=auditor)


@pytest.fixture
def second_auditor(make_user):
    return make_user("auditor2", Role.AUDITOR)


def allocated(sample, child, auditor):
    member = SampleMember.objects.create(sample=sample, child=child, stratum="child_protection")
    return services.audit_allocate(actor=auditor, member=member, auditor=auditor)


def completed(sample, child, auditor, grade, improvements=None, areas=""):
    audit = allocated(sample, child, auditor)
    improvements = improvements or {}
    grades = {domain.pk: (grade, "Evidence", improvements.get(domain.key, "")) for domain in audit.template.domains.all()}
    return services.audit_save(actor=auditor, audit=audit, grades=grades, overall_grade=grade, overall_rationale="Why",
                               strengths="", areas_for_development=areas, complete=True)


def moderated(audit, moderator, disagree=None, final_overall=None):
    """Agree with every domain except those in ``disagree`` (domain key -> final grade)."""
    disagree = disagree or {}
    domains = {domain.pk: (False, disagree[domain.key], "Not what I read") for domain in audit.template.domains.all()
               if domain.key in disagree}
    return services.audit_moderate(actor=moderator, audit=audit, domains=domains, overall_agreed=final_overall is None,
                                   final_overall_grade=final_overall, reason="" if final_overall is None else "Worse")


def counts(programme, title) -> dict:
    rows = {row["title"]: dict(row["grades"]) for row in programme["domains"]}
    return rows[title]


@pytest.fixture
def programme_audits(sample, auditor, senior_manager, make_child, team_a, audit_template):
    """An audit requiring improvement; one graded good that a moderator made inadequate (impact and
    overall); one outstanding; a draft graded outstanding; a completed audit in another sample."""
    weak = completed(sample, make_child(team_a, last_name="Zed"), auditor, RI,
                     improvements={"plans": "Plans lack outcomes"}, areas="Chronology missing")
    good = completed(sample, make_child(team_a, last_name="Able"), auditor, GOOD,
                     improvements={"plans": "Reviews late", "impact": "No change for the child"})
    moderated(good, senior_manager, disagree={"impact": INADEQUATE}, final_overall=INADEQUATE)
    best = completed(sample, make_child(team_a, last_name="Best"), auditor, OUTSTANDING)
    draft = allocated(sample, make_child(team_a), auditor)
    grades = {domain.pk: (OUTSTANDING, "x", "Draft finding") for domain in audit_template.domains.all()}
    services.audit_save(actor=auditor, audit=draft, grades=grades, overall_grade=OUTSTANDING, overall_rationale="",
                        strengths="", areas_for_development="Draft finding", complete=False)
    other = AuditSample.objects.create(name="Other", purpose="monthly", size=1, seed=1, drawn_on=date(2025, 6, 1),
                                       created_by=auditor)
    completed(other, make_child(team_a), auditor, INADEQUATE, areas="Elsewhere")
    return weak, good, best


def test_programme_counts_completed_audits_and_the_final_grades_of_moderated_ones(sample, programme_audits):
    weak, good, best = programme_audits
    programme = selectors.programme(sample=sample)
    assert {audit.pk for audit in programme["audits"]} == {weak.pk, good.pk, best.pk}
    assert programme["overall"] == [(OUTSTANDING, 1), (GOOD, 0), (RI, 1), (INADEQUATE, 1)]
    assert counts(programme, "The child seen and seen alone") == {OUTSTANDING: 1, GOOD: 1, RI: 1, INADEQUATE: 0}
    assert counts(programme, "Impact: the difference made for the child") == {OUTSTANDING: 1, GOOD: 0, RI: 1,
                                                                              INADEQUATE: 1}
    assert [row["title"] for row in programme["domains"]] == list(weak.template.domains.values_list("title", flat=True))


def test_programme_groups_findings_by_domain_with_other_for_the_rest(sample, programme_audits):
    assert selectors.programme(sample=sample)["themes"] == [
        ("Plans with clear actions, timescales and outcomes", ["Plans lack outcomes", "Reviews late"]),
        ("Impact: the difference made for the child", ["No change for the child"]),
        ("Other", ["Chronology missing"]),
    ]


def test_programme_lists_the_worst_final_grade_first(sample, programme_audits):
    weak, good, best = programme_audits
    # By the auditors' grades 'weak' would come first; the moderator's final grade puts 'good' first.
    assert selectors.programme(sample=sample)["worst"] == [good, weak, best]


def test_agreement_rates_per_auditor_and_per_domain(sample, auditor, second_auditor, senior_manager, make_child,
                                                    team_a, audit_template):
    first = completed(sample, make_child(team_a), auditor, GOOD)
    moderated(first, senior_manager)
    second = completed(sample, make_child(team_a), auditor, GOOD)
    moderated(second, second_auditor, disagree={"impact": RI, "drift": RI}, final_overall=RI)
    theirs = completed(sample, make_child(team_a), second_auditor, GOOD)
    moderated(theirs, auditor, disagree={"impact": INADEQUATE})
    completed(sample, make_child(team_a), second_auditor, GOOD)  # not moderated: not counted

    rates = selectors.agreement_rates(audits=CaseAudit.objects.filter(member__sample=sample))
    assert rates["auditors"] == [("Auditor Tester", 1, 2), ("Auditor2 Tester", 1, 1)]
    domains = {title: (agreed, total) for title, agreed, total in rates["domains"]}
    assert domains["Impact: the difference made for the child"] == (1, 3)
    assert domains["Drift and delay"] == (2, 3)
    assert domains["Multi-agency working"] == (3, 3)
    assert len(domains) == 8
    assert selectors.agreement_rates(audits=CaseAudit.objects.exclude(member__sample=sample)) == {"auditors": [], "domains": []}


def test_progress_counts_each_case_by_its_audit_and_leaves_out_dropped_cases(sample, auditor, senior_manager,
                                                                            make_child, team_a, audit_template):
    SampleMember.objects.create(sample=sample, child=make_child(team_a))
    allocated(sample, make_child(team_a), auditor)
    draft = allocated(sample, make_child(team_a), auditor)
    services.audit_save(actor=auditor, audit=draft, grades={}, overall_grade=None, overall_rationale="", strengths="",
                        areas_for_development="", complete=False)
    completed(sample, make_child(team_a), auditor, GOOD)
    moderated(completed(sample, make_child(team_a), auditor, GOOD), senior_manager)
    dropped = allocated(sample, make_child(team_a), auditor).member
    services.sample_drop_member(actor=auditor, member=dropped, reason="Closed")
    empty = AuditSample.objects.create(name="Empty", purpose="monthly", size=1, seed=1, drawn_on=date(2025, 6, 1),
                                       created_by=auditor)

    expected = selectors.SampleProgress(members=5, allocated=1, in_progress=1, completed=1, moderated=1)
    assert selectors.sample_progress(selectors.sample_members(sample=sample)) == expected
    assert selectors.progress_by_sample(samples=[sample, empty]) == {sample.pk: expected}
    assert selectors.sample_progress(selectors.sample_members(sample=empty)) == selectors.SampleProgress(0, 0, 0, 0, 0)


def test_audits_are_visible_only_to_those_who_may_see_the_child(
    auditor, practitioner, practitioner_b, elected_member, administrator, child_a, child_b, sample, audit_template
):
    audit_a, audit_b = allocated(sample, child_a, auditor), allocated(sample, child_b, auditor)
    assert list(selectors.audits_visible_to(user=practitioner)) == [audit_a]
    assert list(selectors.audits_visible_to(user=practitioner_b)) == [audit_b]
    assert set(selectors.audits_visible_to(user=auditor)) == {audit_a, audit_b}
    assert not selectors.audits_visible_to(user=elected_member).exists()
    assert not selectors.audits_visible_to(user=administrator).exists()


def add_audits(sample, auditor, moderator, template, start, how_many):
    """``how_many`` completed audits in bulk, every third one moderated, every fourth with a finding."""
    children = Child.objects.bulk_create(
        Child(local_id=f"Q{n:05d}", first_name="Bulk", last_name=f"Child{n:05d}", date_of_birth=date(2012, 1, 1),
              gender=Gender.MALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO)
        for n in range(start, start + how_many)
    )
    members = SampleMember.objects.bulk_create(SampleMember(sample=sample, child=child) for child in children)
    now = timezone.now()
    audits = CaseAudit.objects.bulk_create(
        CaseAudit(child=member.child, member=member, template=template, auditor=auditor, completed_at=now,
                  status=CaseAudit.Status.MODERATED if n % 3 == 0 else CaseAudit.Status.COMPLETED,
                  overall_grade=Grade(1 + n % 4), overall_rationale="Why")
        for n, member in enumerate(members, start=start)
    )
    domains = list(template.domains.all())
    DomainGrade.objects.bulk_create(
        DomainGrade(audit=audit, domain=domain, grade=1 + (audit.pk + domain.order) % 4, evidence="Seen")
        for audit in audits for domain in domains
    )
    Finding.objects.bulk_create(Finding(audit=audit, domain=domains[audit.pk % 8], text="Plans late")
                                for audit in audits[::4])
    moderations = Moderation.objects.bulk_create(
        Moderation(audit=audit, moderator=moderator, overall_agreed=audit.pk % 2 == 0, final_overall_grade=Grade.INADEQUATE,
                   reason="" if audit.pk % 2 == 0 else "Worse")
        for audit in audits if audit.status == CaseAudit.Status.MODERATED
    )
    DomainModeration.objects.bulk_create(
        DomainModeration(moderation=moderation, domain=domain, agreed=True, final_grade=Grade.GOOD)
        for moderation in moderations for domain in domains
    )


def test_the_programme_page_makes_the_same_queries_for_20_audits_as_for_500(
    client, sample, auditor, senior_manager, audit_template, django_assert_max_num_queries
):
    url = f"/audits/samples/{sample.pk}/programme/"
    client.force_login(auditor)
    add_audits(sample, auditor, senior_manager, audit_template, 0, 20)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert len(response.context["programme"]["audits"]) == 20

    add_audits(sample, auditor, senior_manager, audit_template, 20, 480)
    with django_assert_max_num_queries(PROGRAMME_MAX_QUERIES):
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
    assert response.status_code == 200
    programme = response.context["programme"]
    assert len(programme["audits"]) == 500 and len(programme["worst"]) == 10
    assert sum(count for _, count in programme["overall"]) == 500
    assert response.context["progress"].moderated == 167
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


@pytest.mark.django_db
def test_an_audit_of_a_restricted_child_is_hidden_from_auditors_who_are_not_named(auditor, make_child, team_a, audit_template):
    child = make_child(team_a, restricted=True)
    sample = AuditSample.objects.create(name="March", purpose="monthly", size=1, seed=1, drawn_on="2026-03-02", created_by=auditor)
    member = SampleMember.objects.create(sample=sample, child=child)
    CaseAudit.objects.create(child=child, member=member, template=audit_template, auditor=auditor)
    assert not selectors.audits_visible_to(user=auditor).exists()


@pytest.mark.django_db
def test_a_case_taken_out_of_the_sample_no_longer_counts_in_the_programme(auditor, child_a, audit_template):
    sample = AuditSample.objects.create(name="March", purpose="monthly", size=1, seed=1, drawn_on="2026-03-02", created_by=auditor)
    member = SampleMember.objects.create(sample=sample, child=child_a, removed_at=timezone.now(), removed_reason="Swapped")
    CaseAudit.objects.create(child=child_a, member=member, template=audit_template, auditor=auditor,
                             status=CaseAudit.Status.COMPLETED, overall_grade=2)
    assert selectors.programme(sample=sample)["audits"] == []


@pytest.mark.django_db
def test_the_programme_page_names_a_restricted_case_only_to_its_named_workers(
    client, auditor, second_auditor, sample, make_child, team_a, audit_template
):
    secret = make_child(team_a, first_name="Quentin", last_name="Restricto", restricted=True)
    secret.named_workers.add(second_auditor.worker)
    completed(sample, secret, auditor, INADEQUATE)
    completed(sample, make_child(team_a, last_name="Open"), auditor, GOOD)
    url = reverse("audits:sample_programme", args=[sample.pk])
    client.force_login(auditor)
    page = client.get(url).content.decode()
    assert "Restricto" not in page and "A restricted record" in page and "Open" in page
    client.force_login(second_auditor)
    page = client.get(url).content.decode()
    assert "Restricto, Quentin" in page and "A restricted record" not in page
