"""Audit writes: drawing samples from live records, changing them by hand, allocating, saving and
completing audits, and moderation by a second auditor."""

from collections import Counter
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from cases.codes import CategoryOfAbuse, PlacementProvider, PlacementType
from cases.models import Episode, Flag, FlagKind, Placement, Stage
from inspection.audits import selectors, services
from inspection.models import AuditTemplate, CaseAudit, DomainGrade, DomainModeration, Finding, Moderation, SampleMember
from inspection.roles import Role
from judgements.grades import Grade

pytestmark = pytest.mark.django_db

START = date(2025, 1, 6)


def open_episode(child, user, stage=Stage.CHILD_PROTECTION, **fields):
    return Episode.objects.create(child=child, stage=stage, start_date=START, initial_category=CategoryOfAbuse.NEGLECT,
                                  recorded_by=user, **fields)


def draw(actor, **overrides):
    arguments = {"name": "Monthly audit", "purpose": "monthly", "size": 10, "seed": 7, "stages": [], "theme": ""}
    arguments.update(overrides)
    return services.sample_draw(actor=actor, **arguments)


def drawn(sample) -> set[int]:
    return set(sample.members.values_list("child_id", flat=True))


def every_domain(audit, grade=None, improvements=None) -> dict:
    """Every domain graded (varying grades unless one is given) with evidence."""
    improvements = improvements or {}
    return {domain.pk: (grade or Grade(1 + domain.order % 4), f"Seen in the notes for {domain.key}",
                        improvements.get(domain.key, "")) for domain in audit.template.domains.all()}


def save(audit, *, actor=None, complete=False, **overrides):
    arguments = {"grades": {}, "overall_grade": None, "overall_rationale": "", "strengths": "", "areas_for_development": ""}
    arguments.update(overrides)
    return services.audit_save(actor=actor or audit.auditor, audit=audit, complete=complete, **arguments)


def complete(audit, **overrides):
    arguments = {"grades": every_domain(audit), "overall_grade": Grade.GOOD, "overall_rationale": "Steady progress."}
    return save(audit, complete=True, **arguments | overrides)


@pytest.fixture
def member(auditor, child_a, practitioner):
    open_episode(child_a, practitioner)
    return draw(auditor, size=1).members.get()


@pytest.fixture
def audit(member, auditor, audit_template):
    return services.audit_allocate(actor=auditor, member=member, auditor=auditor, template=audit_template)


# Drawing a sample

def test_draw_takes_only_children_with_an_open_episode_leaving_out_contacts_and_closed_episodes(
    auditor, practitioner, make_child, team_a
):
    open_plan = make_child(team_a)
    open_episode(open_plan, practitioner)
    open_episode(make_child(team_a), practitioner, stage=Stage.CONTACT)
    open_episode(make_child(team_a), practitioner, stage=Stage.CHILD_IN_NEED, end_date=date(2025, 3, 1))
    make_child(team_a)
    assert drawn(draw(auditor)) == {open_plan.pk}


def test_draw_keeps_to_the_chosen_stages_and_counts_a_child_in_their_most_intensive_stage(
    auditor, practitioner, make_child, team_a
):
    protected, looked_after, in_need = make_child(team_a), make_child(team_a), make_child(team_a)
    for child, stage in [(protected, Stage.CHILD_PROTECTION), (looked_after, Stage.LOOKED_AFTER), (in_need, Stage.CHILD_IN_NEED),
                         (looked_after, Stage.CHILD_IN_NEED)]:
        open_episode(child, practitioner, stage=stage)
    sample = draw(auditor, stages=[Stage.LOOKED_AFTER, Stage.CHILD_IN_NEED])
    assert dict(sample.members.values_list("child_id", "stratum")) == {looked_after.pk: Stage.LOOKED_AFTER,
                                                                       in_need.pk: Stage.CHILD_IN_NEED}


def test_a_theme_takes_only_children_with_that_flag_open(auditor, practitioner, make_child, team_a):
    flagged, flag_ended, other_flag, no_flag = (make_child(team_a) for _ in range(4))
    for child in (flagged, flag_ended, other_flag, no_flag):
        open_episode(child, practitioner)
    Flag.objects.create(child=flagged, kind=FlagKind.MISSING_FROM_HOME, start_date=START, recorded_by=practitioner)
    Flag.objects.create(child=flag_ended, kind=FlagKind.MISSING_FROM_HOME, start_date=START, end_date=date(2025, 2, 1),
                        recorded_by=practitioner)
    Flag.objects.create(child=other_flag, kind=FlagKind.DOMESTIC_ABUSE, start_date=START, recorded_by=practitioner)
    assert drawn(draw(auditor, purpose="thematic", theme=FlagKind.MISSING_FROM_HOME)) == {flagged.pk}


def test_out_of_area_homes_takes_looked_after_children_in_an_open_out_of_area_k1_or_k2_placement_only(
    auditor, practitioner, make_child, team_a
):
    def placed(placement_type, out_of_area=True, end_date=None, stage=Stage.LOOKED_AFTER, episode_end=None):
        child = make_child(team_a)
        episode = open_episode(child, practitioner, stage=stage, end_date=episode_end)
        Placement.objects.create(episode=episode, start_date=START, end_date=end_date, placement_type=placement_type,
                                 provider=PlacementProvider.PR1, out_of_area=out_of_area, recorded_by=practitioner)
        return child

    home, secure_home = placed(PlacementType.K2), placed(PlacementType.K1)
    placed(PlacementType.K2, out_of_area=False)
    placed(PlacementType.U4)
    placed(PlacementType.K2, end_date=date(2025, 2, 1))
    placed(PlacementType.K2, episode_end=date(2025, 3, 1))
    placed(PlacementType.K2, stage=Stage.CHILD_PROTECTION)
    open_episode(make_child(team_a), practitioner, stage=Stage.LOOKED_AFTER)
    assert drawn(draw(auditor, purpose="out_of_area_homes")) == {home.pk, secure_home.pk}


@pytest.fixture
def population(practitioner, make_child, team_a, team_b):
    """40 children with open episodes: 18 on child protection plans, 13 looked after, 9 in need."""
    stages = [Stage.CHILD_PROTECTION] * 18 + [Stage.LOOKED_AFTER] * 13 + [Stage.CHILD_IN_NEED] * 9
    for number, stage in enumerate(stages):
        child = make_child(team_a if number % 2 else team_b, date_of_birth=date(2008 + number % 15, 5, 1))
        open_episode(child, practitioner, stage=stage)
    return Counter(stages)


def test_the_same_seed_and_the_same_records_give_the_same_children(auditor, population):
    first = draw(auditor, seed=42)
    again = draw(auditor, seed=42)
    other = draw(auditor, seed=43)
    assert len(drawn(first)) == 10
    assert drawn(first) == drawn(again)
    assert drawn(first) != drawn(other)


def test_each_stage_gets_within_one_case_of_its_share_of_the_sample(auditor, population):
    sample = draw(auditor, size=10, seed=5)
    got = Counter(sample.members.values_list("stratum", flat=True))
    assert sum(got.values()) == 10
    for stage, count in population.items():
        assert abs(got[stage] - 10 * count / 40) < 1, (stage, got)


def test_candidates_are_only_children_the_user_can_see(auditor, team_manager, practitioner, make_child, team_a, team_b):
    own, other = make_child(team_a), make_child(team_b)
    hidden = make_child(team_a, restricted=True)
    for child in (own, other, hidden):
        open_episode(child, practitioner)

    def candidates(user):
        found = selectors.candidates_for_sample(user=user, stages=[], theme="", out_of_area_homes=False, on=date(2025, 6, 1))
        return {candidate.child_id for candidate in found}

    assert candidates(team_manager) == {own.pk}
    assert candidates(auditor) == {own.pk, other.pk}
    assert drawn(draw(team_manager)) == {own.pk}


# Changing a sample by hand

def test_adding_a_child_by_hand_records_the_reason_and_adding_one_already_in_is_refused(auditor, member, child_b):
    added = services.sample_add_child(actor=auditor, sample=member.sample, child=child_b, reason="Inspectors asked")
    assert (added.added_by_hand, added.added_reason, added.stratum, added.is_in) == (True, "Inspectors asked", "", True)
    with pytest.raises(ValidationError, match="already in this sample"):
        services.sample_add_child(actor=auditor, sample=member.sample, child=member.child, reason="Again")
    assert member.sample.members.count() == 2


def test_dropping_a_case_keeps_the_reason_and_adding_it_again_restores_it(auditor, member):
    services.sample_drop_member(actor=auditor, member=member, reason="Case closed last week")
    member.refresh_from_db()
    assert member.removed_at is not None and member.removed_reason == "Case closed last week"
    assert selectors.sample_members(sample=member.sample) == []

    restored = services.sample_add_child(actor=auditor, sample=member.sample, child=member.child, reason="Reopened")
    assert restored.pk == member.pk
    assert (restored.removed_at, restored.removed_reason, restored.added_reason) == (None, "", "Reopened")
    assert selectors.sample_members(sample=member.sample) == [restored]


def test_a_case_with_a_completed_audit_cannot_be_dropped(auditor, member, audit):
    complete(audit)
    with pytest.raises(ValidationError, match="completed audit"):
        services.sample_drop_member(actor=auditor, member=member, reason="Too late")
    member.refresh_from_db()
    assert member.removed_at is None and member.removed_reason == ""


def test_swapping_takes_one_case_out_and_puts_the_other_in_with_the_reason(auditor, member, child_b):
    new = services.sample_swap_member(actor=auditor, member=member, child=child_b, reason="Worker on leave")
    member.refresh_from_db()
    assert member.removed_reason == f"Swapped for {child_b.local_id}: Worker on leave"
    assert new.child == child_b and new.added_by_hand
    assert new.added_reason == f"Swapped in for {member.child.local_id}: Worker on leave"
    assert [m.child for m in selectors.sample_members(sample=member.sample)] == [child_b]


def test_a_refused_swap_leaves_the_original_case_in_the_sample(auditor, member, child_b):
    services.sample_add_child(actor=auditor, sample=member.sample, child=child_b, reason="Inspectors asked")
    with pytest.raises(ValidationError):
        services.sample_swap_member(actor=auditor, member=member, child=child_b, reason="Duplicate")
    assert SampleMember.objects.get(pk=member.pk).removed_at is None


# Allocating

def test_allocating_makes_one_blank_grade_for_each_domain_of_the_template(audit, audit_template, member):
    assert (audit.status, audit.child, audit.template) == (CaseAudit.Status.ALLOCATED, member.child, audit_template)
    grades = audit.domain_grades.all()
    assert sorted(grade.domain_id for grade in grades) == sorted(audit_template.domains.values_list("pk", flat=True))
    assert len(grades) == 8 and {grade.grade for grade in grades} == {None}


@pytest.mark.parametrize("progress", ["allocated", "draft", "completed"])
def test_a_case_is_audited_once_per_sample(auditor, senior_manager, member, audit, progress):
    if progress == "draft":
        save(audit, grades=every_domain(audit))
    elif progress == "completed":
        complete(audit)
    with pytest.raises(ValidationError, match="already has an audit in this sample"):
        services.audit_allocate(actor=auditor, member=member, auditor=senior_manager)
    assert member.audits.count() == 1


@pytest.mark.parametrize("extra", [[], ["inspection.change_caseaudit"], ["cases.view_all_children"]])
def test_allocating_to_someone_who_cannot_audit_every_case_is_refused(auditor, make_user, team_a, member, extra):
    user = make_user("someone", Role.PRACTITIONER, team_a)
    for dotted in extra:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    with pytest.raises(ValidationError, match="cannot carry out case audits"):
        services.audit_allocate(actor=auditor, member=member, auditor=user)
    assert not CaseAudit.objects.exists()


def test_allocating_without_a_published_template_is_refused(auditor, member, audit_template):
    AuditTemplate.objects.update(status=AuditTemplate.Status.RETIRED)
    with pytest.raises(ValidationError, match="no published audit template"):
        services.audit_allocate(actor=auditor, member=member, auditor=auditor)
    assert not CaseAudit.objects.exists()


# Saving and completing

def test_a_draft_keeps_partial_grades_and_never_counts(audit):
    first, second = list(audit.template.domains.all())[:2]
    save(audit, grades={first.pk: (Grade.GOOD, "Seen weekly", ""), second.pk: (None, "Half written", "")})
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.DRAFT and not audit.counts_in_statistics
    saved = {grade.domain_id: (grade.grade, grade.evidence) for grade in audit.domain_grades.all()}
    assert saved[first.pk] == (Grade.GOOD, "Seen weekly") and saved[second.pk] == (None, "Half written")
    programme = selectors.programme(sample=audit.member.sample)
    assert programme["audits"] == [] and programme["domains"] == []
    assert all(count == 0 for _, count in programme["overall"])


def test_completing_an_unfinished_audit_lists_every_problem_and_changes_nothing(audit):
    domains = list(audit.template.domains.all())
    save(audit, grades={domains[0].pk: (Grade.GOOD, "Draft evidence", "")})
    attempt = {domains[0].pk: (Grade.INADEQUATE, "Changed my mind", "Plans late"), domains[1].pk: (Grade.GOOD, "  ", "")}
    with pytest.raises(ValidationError) as refused:
        save(audit, complete=True, grades=attempt)
    assert refused.value.messages == [f"Grade '{domain.title}' and give the evidence" for domain in domains[1:]] + [
        "Choose an overall grade", "Say why you chose the overall grade",
    ]
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.DRAFT and audit.completed_at is None
    assert DomainGrade.objects.get(audit=audit, domain=domains[0]).evidence == "Draft evidence"
    assert DomainGrade.objects.get(audit=audit, domain=domains[0]).grade == Grade.GOOD
    assert not Finding.objects.exists()


def test_completing_turns_each_improvement_line_into_a_finding(audit):
    plans = audit.template.domains.get(key="plans")
    complete(audit, grades=every_domain(audit, improvements={"plans": "No outcomes\n\n  Reviews late  "}),
             areas_for_development="Supervision too brief\nNo chronology")
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.COMPLETED and audit.completed_at is not None
    assert [(finding.domain_id, finding.text) for finding in audit.findings.all()] == [
        (plans.pk, "No outcomes"), (plans.pk, "Reviews late"), (None, "Supervision too brief"), (None, "No chronology"),
    ]
    assert selectors.programme(sample=audit.member.sample)["audits"] == [audit]


def test_only_the_allocated_auditor_may_save_an_audit(audit, senior_manager):
    with pytest.raises(PermissionDenied):
        complete(audit, actor=senior_manager)
    audit.refresh_from_db()
    assert audit.status == CaseAudit.Status.ALLOCATED


def test_a_completed_audit_cannot_be_saved_again(audit):
    complete(audit, areas_for_development="One finding")
    with pytest.raises(ValidationError, match="completed"):
        save(CaseAudit.objects.get(pk=audit.pk), grades=every_domain(audit))
    assert Finding.objects.count() == 1
    assert CaseAudit.objects.get(pk=audit.pk).status == CaseAudit.Status.COMPLETED


# Moderation

@pytest.fixture
def completed(audit):
    return complete(audit)


def moderate(audit, actor, domains=None, overall_agreed=True, final_overall_grade=None, reason=""):
    return services.audit_moderate(actor=actor, audit=audit, domains=domains or {}, overall_agreed=overall_agreed,
                                   final_overall_grade=final_overall_grade, reason=reason)


def test_the_auditor_cannot_moderate_their_own_audit(completed, auditor):
    with pytest.raises(ValidationError, match="A second auditor must moderate"):
        moderate(completed, auditor)
    assert not Moderation.objects.exists()


@pytest.mark.parametrize("domain_answer, overall", [
    ((False, None, "Not seen alone"), (True, None, "")),
    ((False, Grade.INADEQUATE, " "), (True, None, "")),
    ((True, None, ""), (False, None, "Worse than that")),
    ((True, None, ""), (False, Grade.INADEQUATE, "")),
])
def test_a_disagreement_without_a_final_grade_and_reason_is_refused(completed, senior_manager, domain_answer, overall):
    first = completed.template.domains.first()
    with pytest.raises(ValidationError):
        moderate(completed, senior_manager, {first.pk: domain_answer}, *overall)
    assert not Moderation.objects.exists() and not DomainModeration.objects.exists()
    assert CaseAudit.objects.get(pk=completed.pk).status == CaseAudit.Status.COMPLETED


def test_agreeing_copies_the_auditors_grades_as_the_final_grades(completed, senior_manager):
    moderation = moderate(completed, senior_manager)
    given = {grade.domain_id: grade.grade for grade in completed.domain_grades.all()}
    assert {row.domain_id: row.final_grade for row in moderation.domains.all()} == given
    assert all(row.agreed for row in moderation.domains.all())
    assert moderation.final_overall_grade == completed.overall_grade == Grade.GOOD
    assert CaseAudit.objects.get(pk=completed.pk).status == CaseAudit.Status.MODERATED


def test_a_disagreement_records_the_final_grade_and_reason(completed, senior_manager):
    impact = completed.template.domains.get(key="impact")
    moderation = moderate(completed, senior_manager, {impact.pk: (False, Grade.INADEQUATE, "No evidence of change")},
                          False, Grade.REQUIRES_IMPROVEMENT, "Impact is weak")
    rows = {row.domain_id: row for row in DomainModeration.objects.filter(moderation=moderation)}
    assert len(rows) == 8
    assert (rows[impact.pk].agreed, rows[impact.pk].final_grade, rows[impact.pk].reason) == (
        False, Grade.INADEQUATE, "No evidence of change")
    assert (moderation.overall_agreed, moderation.final_overall_grade) == (False, Grade.REQUIRES_IMPROVEMENT)


def test_only_a_completed_unmoderated_audit_can_be_moderated(audit, senior_manager, make_user):
    with pytest.raises(ValidationError, match="Only a completed audit"):
        moderate(audit, senior_manager)
    complete(audit)
    moderate(audit, senior_manager)
    with pytest.raises(ValidationError, match="Only a completed audit"):
        moderate(audit, make_user("second", Role.AUDITOR))
    assert Moderation.objects.count() == 1
