"""Evidence selectors on hand-built records: audit grades per judgement area (by the child's stage on
the day of the audit, final grades after moderation, drafts and old audits left out), each
statutory timescale figure with exact counts, the latest grades per source, the national
comparison, and constant query counts at two sizes."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from cases import timescales
from cases.codes import InTouch
from cases.models import Episode, Event, Placement
from cases.working_days import add_working_days
from inspection.models import AuditSample, CaseAudit, DomainGrade, DomainModeration, Moderation, SampleMember
from inspection.judgement_evidence import areas, selectors
from judgements.grades import Grade
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, NationalOutcome, Source

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 16)  # a Monday; the last 12 months run from 17 June 2024
OUTSTANDING, GOOD, RI, INADEQUATE = Grade


# Builders shared with the view tests

def episode(child, stage, start, end=None, *, by, **fields):
    return Episode.objects.create(child=child, stage=stage, start_date=start, end_date=end, recorded_by=by, **fields)


def event(child, kind, on, *, by, episode=None, **fields):
    return Event.objects.create(child=child, kind=kind, date=on, author=by, episode=episode, **fields)


def at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def audit(child, template, auditor, grade, completed_on, *, status=CaseAudit.Status.COMPLETED, oversight=None):
    made = CaseAudit.objects.create(child=child, template=template, auditor=auditor, status=status, overall_grade=grade,
                                    completed_at=at_noon(completed_on) if completed_on else None)
    if oversight:
        DomainGrade.objects.create(audit=made, domain=template.domains.get(key=areas.OVERSIGHT_DOMAIN), grade=oversight)
    return made


def moderate(made, moderator, final, *, oversight=None):
    made.status = CaseAudit.Status.MODERATED
    made.save()
    moderation = Moderation.objects.create(audit=made, moderator=moderator, overall_agreed=final == made.overall_grade,
                                           final_overall_grade=final, reason="Read differently")
    if oversight:
        DomainModeration.objects.create(moderation=moderation, domain=made.template.domains.get(key=areas.OVERSIGHT_DOMAIN),
                                        agreed=False, final_grade=oversight, reason="Oversight missing")
    return made


def evidence(framework: str, area: str) -> areas.AreaEvidence:
    return areas.evidence_for(framework, area)


@pytest.fixture
def audited(make_child, team_a, team_b, auditor, senior_manager, audit_template):
    """Five counted audits, one draft and one too old:
    help: in need (good; oversight RI) and on a plan (RI; oversight inadequate);
    in care: the same child later looked after (good, moderated to inadequate; oversight good
    moderated to RI); care leaver (RI, no oversight grade); closed case in team B (outstanding;
    oversight good)."""
    by = senior_manager
    in_need = make_child(team_a, last_name="Needs")
    episode(in_need, "child_in_need", date(2025, 1, 1), by=by)
    on_plan = make_child(team_a, last_name="Plan")
    episode(on_plan, "child_protection", date(2024, 6, 1), date(2025, 2, 1), by=by)
    episode(on_plan, "looked_after", date(2025, 2, 2), by=by)
    leaver = make_child(team_a, last_name="Leaver")
    episode(leaver, "care_leaver", date(2024, 9, 1), by=by)
    closed = make_child(team_b, last_name="Closed")
    episode(closed, "child_in_need", date(2023, 1, 1), date(2023, 12, 31), by=by)
    made = {
        "in_need": audit(in_need, audit_template, auditor, GOOD, date(2025, 3, 1), oversight=RI),
        "on_plan": audit(on_plan, audit_template, auditor, RI, date(2025, 1, 15), oversight=INADEQUATE),
        "in_care": moderate(audit(on_plan, audit_template, auditor, GOOD, date(2025, 4, 1), oversight=GOOD),
                            senior_manager, INADEQUATE, oversight=RI),
        "leaver": audit(leaver, audit_template, auditor, RI, date(2025, 5, 1)),
        "closed": audit(closed, audit_template, auditor, OUTSTANDING, date(2025, 2, 1), oversight=GOOD),
    }
    audit(in_need, audit_template, auditor, OUTSTANDING, None, status=CaseAudit.Status.DRAFT, oversight=OUTSTANDING)
    audit(in_need, audit_template, auditor, INADEQUATE, date(2024, 6, 16), oversight=INADEQUATE)  # a day too old
    return made


def test_audits_count_in_the_area_of_the_childs_stage_on_the_day_with_final_grades(audited):
    facts = selectors.audit_facts(today=TODAY)
    assert facts.period == selectors.Period(date(2024, 6, 17), TODAY)
    assert len(facts.audits) == 5

    def grades(framework, area):
        return selectors.area_audits(facts, evidence(framework, area)).grades.counts

    assert grades("ilacs_2023", "help_protection") == (0, 1, 1, 0)
    assert grades("ilacs_2023", "in_care") == (0, 0, 0, 1)
    assert grades("ilacs_2023", "care_leavers") == (0, 0, 1, 0)
    assert grades("ilacs_2018", "in_care") == (0, 0, 1, 1)
    assert grades("sif_2013", "looked_after") == (0, 0, 1, 1)
    assert grades("sif_2013", "adoption") == (0, 0, 0, 0)
    assert grades("ilacs_2023", "leaders") == (1, 1, 2, 1)
    assert grades("ilacs_2023", "overall") == (1, 1, 2, 1)


def test_share_good_or_better_and_the_management_oversight_domain_after_moderation(audited):
    facts = selectors.audit_facts(today=TODAY)
    leaders = selectors.area_audits(facts, evidence("ilacs_2023", "leaders"))
    assert (leaders.grades.good_or_better, leaders.grades.total, leaders.grades.good_or_better_percent) == (2, 5, 40)
    # In need RI, on plan inadequate, in care moderated from good to RI, closed good; the care
    # leaver's audit graded no oversight domain.
    assert leaders.oversight.counts == (0, 1, 2, 1)
    help_ = selectors.area_audits(facts, evidence("ilacs_2023", "help_protection"))
    assert help_.oversight is None
    assert help_.grades.good_or_better_percent == 50


def test_worst_graded_audits_first_then_most_recent(audited):
    leaders = selectors.area_audits(selectors.audit_facts(today=TODAY), evidence("ilacs_2023", "leaders"))
    assert [made.pk for made in leaders.worst_first] == [
        audited[key].pk for key in ("in_care", "leaver", "on_plan", "in_need", "closed")
    ]


def test_audits_to_read_are_only_those_the_user_may_open(audited, team_manager, auditor, elected_member):
    leaders = selectors.area_audits(selectors.audit_facts(today=TODAY), evidence("ilacs_2023", "leaders"))
    assert [made.pk for made in selectors.audits_to_read(user=auditor, area=leaders)] == [
        audited[key].pk for key in ("in_care", "leaver", "on_plan", "in_need", "closed")
    ]
    # The team manager sees team A only: the closed case is in team B.
    assert audited["closed"].pk not in [made.pk for made in selectors.audits_to_read(user=team_manager, area=leaders)]
    assert selectors.audits_to_read(user=elected_member, area=leaders) == []


def measures(groups, today=TODAY) -> dict[str, tuple[int, int]]:
    return {
        measure.label: (measure.met, measure.total)
        for group in selectors.timescale_measures(groups=groups, today=today) for measure in group.measures
    }


def test_help_and_protection_timescales(make_child, team_a, senior_manager):
    by = senior_manager
    child = make_child(team_a)
    referral = episode(child, "referral", date(2025, 1, 6), date(2025, 1, 6), by=by)
    due = timescales.assessment_due(date(2025, 1, 6))
    episode(child, "assessment", date(2025, 1, 7), date(2025, 3, 20), by=by, stepped_from=referral, authorised_date=due)
    late_referral = episode(child, "referral", date(2025, 2, 3), date(2025, 2, 3), by=by)
    episode(child, "assessment", date(2025, 2, 4), by=by, stepped_from=late_referral,
            authorised_date=add_working_days(timescales.assessment_due(date(2025, 2, 3)), 1))
    # No referral: 45 working days from its own start.
    episode(child, "assessment", date(2025, 4, 1), by=by, authorised_date=date(2025, 5, 1))
    episode(child, "assessment", date(2024, 3, 1), by=by, authorised_date=date(2024, 5, 1))  # before the period
    episode(child, "assessment", date(2025, 6, 1), by=by)  # not yet authorised
    strategy = date(2025, 3, 3)
    episode(child, "section_47", strategy, by=by, conference_date=timescales.initial_conference_due(strategy))
    episode(child, "section_47", strategy, by=by, conference_date=add_working_days(timescales.initial_conference_due(strategy), 1))
    episode(child, "section_47", strategy, by=by, conference_not_required=True)
    visited = make_child(team_a)
    plan = episode(visited, "child_protection", date(2025, 5, 1), by=by)
    event(visited, "visit", TODAY - timedelta(days=2), by=by, episode=plan, child_seen=True)
    not_visited = make_child(team_a)
    episode(not_visited, "child_protection", date(2024, 1, 1), by=by)
    ended = make_child(team_a)
    episode(ended, "child_protection", date(2024, 1, 1), date(2024, 12, 1), by=by)

    figures = measures(("help_protection",))
    assert figures["Assessments completed within 45 working days"] == (2, 3)
    assert figures["Initial child protection conferences within 15 working days of the strategy discussion"] == (1, 2)
    assert figures["Children on a child protection plan whose visit is not overdue"] == (1, 2)
    # Review due 3 months after the plan began: August 2025 for one, April 2024 for the other.
    assert figures["Children on a child protection plan whose review conference is not overdue"] == (1, 2)


def test_children_in_care_timescales(make_child, team_b, senior_manager):
    by = senior_manager
    new = make_child(team_b, date_of_birth=date(2015, 3, 1))
    episode(new, "looked_after", date(2025, 6, 2), by=by)  # review and health due 30 June; visit was due 9 June
    settled = make_child(team_b, date_of_birth=date(2012, 3, 1))
    care = episode(settled, "looked_after", date(2024, 1, 1), by=by)
    Placement.objects.create(episode=care, start_date=date(2024, 1, 1), placement_type="a) U1: Foster placement with relative or friend",
                             provider="a) PR1: Own provision (by the LA)", recorded_by=by)
    for day in (date(2024, 1, 25), date(2024, 4, 20), date(2025, 3, 1)):
        event(settled, "looked_after_review", day, by=by, episode=care)
    event(settled, "visit", date(2025, 6, 1), by=by, episode=care, child_seen=True)
    event(settled, "health_assessment", date(2024, 3, 1), by=by, episode=care)  # a year on: due 1 March 2025
    event(settled, "personal_education_plan", date(2025, 5, 1), by=by, episode=care)
    left = make_child(team_b)
    episode(left, "looked_after", date(2023, 1, 1), date(2024, 1, 1), by=by)

    figures = measures(("in_care",))
    assert figures["Looked-after reviews not overdue"] == (2, 2)
    assert figures["Looked-after visits not overdue"] == (1, 2)
    assert figures["Health assessments in date"] == (1, 2)
    assert figures["Personal education plans in date (children of school age)"] == (2, 2)


def test_care_leaver_figures(make_child, team_b, senior_manager):
    by = senior_manager
    well = make_child(team_b, date_of_birth=date(2006, 1, 1))
    episode(well, "care_leaver", date(2024, 1, 1), by=by, in_touch=InTouch.YES, accommodation_suitable=True)
    event(well, "pathway_plan", date(2025, 3, 1), by=by)
    lost = make_child(team_b, date_of_birth=date(2006, 1, 1))
    episode(lost, "care_leaver", date(2024, 2, 1), by=by, in_touch=InTouch.NO, accommodation_suitable=False)
    unknown = make_child(team_b, date_of_birth=date(2006, 1, 1))
    episode(unknown, "care_leaver", date(2024, 3, 1), by=by, in_touch=InTouch.YES)
    event(unknown, "pathway_plan", date(2024, 10, 1), by=by)  # review was due 1 April 2025
    closed = make_child(team_b, date_of_birth=date(2004, 1, 1))
    episode(closed, "care_leaver", date(2022, 1, 1), date(2025, 1, 1), by=by, in_touch=InTouch.YES, accommodation_suitable=True)

    figures = measures(("care_leavers",))
    assert figures["Care leavers the council is in touch with"] == (2, 3)
    assert figures["Care leavers in suitable accommodation"] == (1, 3)
    assert figures["Pathway plans reviewed within 6 months"] == (1, 3)


def test_leaders_figures(make_child, team_a, auditor, senior_manager, audit_template):
    by = senior_manager
    this_quarter = AuditSample.objects.create(name="June", purpose="monthly", size=4, seed=1, drawn_on=date(2025, 6, 2), created_by=auditor)
    last_quarter = AuditSample.objects.create(name="March", purpose="monthly", size=1, seed=1, drawn_on=date(2025, 3, 3), created_by=auditor)
    children = [make_child(team_a) for _ in range(5)]
    for number, child in enumerate(children[:4]):
        member = SampleMember.objects.create(sample=this_quarter, child=child,
                                             removed_at=at_noon(date(2025, 6, 3)) if number == 3 else None)
        status = [CaseAudit.Status.COMPLETED, CaseAudit.Status.MODERATED, CaseAudit.Status.ALLOCATED, CaseAudit.Status.COMPLETED][number]
        CaseAudit.objects.create(child=child, member=member, template=audit_template, auditor=auditor, status=status, overall_grade=GOOD)
    old = SampleMember.objects.create(sample=last_quarter, child=children[4])
    CaseAudit.objects.create(child=children[4], member=old, template=audit_template, auditor=auditor, status=CaseAudit.Status.COMPLETED)
    # Open cases: three children; supervision within 3 months for one, 4 months ago for another.
    supervised, lapsed, overseen = children[:3]
    episode(supervised, "child_in_need", date(2025, 1, 1), by=by)
    episode(lapsed, "child_protection", date(2025, 1, 1), by=by)
    episode(overseen, "looked_after", date(2025, 1, 1), by=by)
    episode(children[3], "child_in_need", date(2024, 1, 1), date(2024, 6, 1), by=by)  # closed
    episode(children[4], "early_help", date(2025, 1, 1), by=by)  # not allocated to social care
    event(supervised, "supervision", date(2025, 5, 1), by=by)
    event(lapsed, "supervision", date(2025, 2, 14), by=by)
    event(overseen, "management_oversight", date(2025, 3, 17), by=by)  # the first day of the 3 months
    event(children[4], "supervision", date(2025, 5, 1), by=by)

    figures = measures(("leaders",))
    assert figures["Cases sampled this quarter that have been audited"] == (2, 3)
    assert figures["Open cases with supervision recorded"] == (1, 3)
    assert figures["Open cases with management oversight recorded"] == (1, 3)


def test_no_figures_for_areas_without_timescales():
    assert selectors.timescale_measures(groups=(), today=TODAY) == []


def test_latest_grade_from_each_source_for_an_area(senior_manager):
    framework = Framework.objects.get(code="ilacs_2023")
    help_ = JudgementArea.objects.get(framework=framework, code="help_protection")
    leaders = JudgementArea.objects.get(framework=framework, code="leaders")

    def judged(source, on, grade, area=help_):
        made = JudgementSet.objects.create(framework=framework, source=source, title=f"{source} {on}", judged_on=on,
                                           created_by=senior_manager)
        Judgement.objects.create(judgement_set=made, area=area, grade=grade)
        return made

    judged(Source.SELF_ASSESSMENT, date(2024, 1, 1), RI)
    newer = judged(Source.SELF_ASSESSMENT, date(2025, 1, 1), GOOD)
    mock = judged(Source.MOCK, date(2024, 6, 1), INADEQUATE)
    judged(Source.OFSTED, date(2023, 5, 1), RI, area=leaders)
    latest = selectors.latest_grades(framework=framework, area_ids=[help_.pk, leaders.pk])
    by_source = {entry.source: entry.judgement for entry in latest[help_.pk]}
    assert by_source[Source.SELF_ASSESSMENT].judgement_set == newer
    assert by_source[Source.MOCK].judgement_set == mock
    assert by_source[Source.PEER_REVIEW] is None and by_source[Source.OFSTED] is None
    assert [entry.judgement.grade if entry.judgement else None for entry in latest[leaders.pk]] == [None, None, None, RI]


def test_national_comparison_places_our_latest_ofsted_judgement(senior_manager):
    sif = Framework.objects.get(code="sif_2013")
    overall = JudgementArea.objects.get(framework=sif, code="overall")
    old = JudgementSet.objects.create(framework=sif, source=Source.OFSTED, title="SIF 2014", judged_on=date(2014, 10, 1),
                                      created_by=senior_manager)
    Judgement.objects.create(judgement_set=old, area=overall, grade=INADEQUATE)
    latest = JudgementSet.objects.create(framework=sif, source=Source.OFSTED, title="SIF 2017", judged_on=date(2017, 12, 8),
                                         created_by=senior_manager)
    Judgement.objects.create(judgement_set=latest, area=overall, grade=GOOD)
    mock = JudgementSet.objects.create(framework=sif, source=Source.MOCK, title="Mock", judged_on=date(2018, 1, 1),
                                       created_by=senior_manager)
    Judgement.objects.create(judgement_set=mock, area=overall, grade=OUTSTANDING)

    [(framework, comparisons)] = selectors.national_comparison(with_council=True)
    assert framework == sif
    [comparison] = comparisons
    assert comparison.outcome == NationalOutcome.objects.get(framework=sif, area=overall)
    assert comparison.ours.judgement_set == latest
    # 3 outstanding, 51 good, 68 requires improvement, 30 inadequate of 152.
    assert comparison.sentence == "Our latest Ofsted judgement: good, like 34% of councils; 2% were judged better."
    assert [(bar["count"], bar["percent"]) for bar in comparison.bars] == [(3, 2), (51, 34), (68, 45), (30, 20)]
    [(_, [without])] = selectors.national_comparison(with_council=False)
    assert without.ours is None and without.sentence == ""


def test_the_framework_in_force_on_a_day():
    assert selectors.framework_in_force(today=date(2015, 5, 1)).code == "sif_2013"
    assert selectors.framework_in_force(today=date(2020, 5, 1)).code == "ilacs_2018"
    assert selectors.framework_in_force(today=date(2025, 12, 31)).code == "ilacs_2023"
    assert selectors.framework_in_force(today=date(2026, 1, 1)).code == "ilacs_2026"
    assert selectors.framework_in_force(today=date(2013, 1, 1)) is None


def build_council(how_many: int, *, make_child, teams, by, auditor, template):
    """``how_many`` children at each stage, each with events and a counted audit."""
    sample = AuditSample.objects.create(name="Quarter", purpose="monthly", size=how_many, seed=1, drawn_on=date(2025, 6, 2),
                                        created_by=auditor)
    for number in range(how_many):
        team = teams[number % 2]
        help_ = make_child(team)
        referral = episode(help_, "referral", date(2025, 1, 6), date(2025, 1, 6), by=by)
        episode(help_, "assessment", date(2025, 1, 7), date(2025, 3, 1), by=by, stepped_from=referral, authorised_date=date(2025, 3, 1))
        episode(help_, "section_47", date(2025, 3, 3), by=by, conference_date=date(2025, 3, 20))
        plan = episode(help_, "child_protection", date(2025, 3, 20), by=by)
        event(help_, "visit", date(2025, 6, 10), by=by, episode=plan)
        event(help_, "supervision", date(2025, 6, 1), by=by)
        in_care = make_child(team, date_of_birth=date(2014, 1, 1))
        care = episode(in_care, "looked_after", date(2024, 1, 1), by=by)
        event(in_care, "looked_after_review", date(2025, 3, 1), by=by, episode=care)
        event(in_care, "health_assessment", date(2025, 3, 1), by=by, episode=care)
        leaver = make_child(team, date_of_birth=date(2006, 1, 1))
        episode(leaver, "care_leaver", date(2024, 1, 1), by=by, in_touch=InTouch.YES)
        event(leaver, "pathway_plan", date(2025, 3, 1), by=by)
        for child in (help_, in_care, leaver):
            member = SampleMember.objects.create(sample=sample, child=child)
            made = audit(child, template, auditor, GOOD if number % 2 else RI, date(2025, 5, 1), oversight=RI)
            made.member = member
            made.save()
            if number % 3 == 0:
                moderate(made, by, INADEQUATE, oversight=INADEQUATE)


# Measured: audit facts 4 queries; all timescale figures 15 (assessments, conferences, the children
# open to the three stages, five for what is due to them, care leavers, sampled cases, supervision,
# council settings within what is due); both the same at 2 and 20 of each.
AUDIT_FACT_QUERIES = 4
TIMESCALE_QUERIES = 15


@pytest.mark.parametrize("how_many", [2, 20])
def test_the_figures_take_the_same_number_of_queries_however_many_records(
    how_many, make_child, team_a, team_b, senior_manager, auditor, audit_template, django_assert_max_num_queries,
):
    build_council(how_many, make_child=make_child, teams=(team_a, team_b), by=senior_manager, auditor=auditor,
                  template=audit_template)
    with django_assert_max_num_queries(AUDIT_FACT_QUERIES):
        facts = selectors.audit_facts(today=TODAY)
    assert len(facts.audits) == 3 * how_many
    with django_assert_max_num_queries(TIMESCALE_QUERIES):
        groups = selectors.timescale_measures(groups=areas.FIGURE_GROUPS, today=TODAY)
    figures = {measure.label: (measure.met, measure.total) for group in groups for measure in group.measures}
    assert figures["Assessments completed within 45 working days"] == (how_many, how_many)
    assert figures["Open cases with supervision recorded"] == (how_many, 3 * how_many)
    assert figures["Cases sampled this quarter that have been audited"] == (3 * how_many, 3 * how_many)
