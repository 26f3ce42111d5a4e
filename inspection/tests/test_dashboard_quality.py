"""The quality evidence beside each area on the managers' dashboard: audit grades by the child's
stage on the day of the audit, the child's voice domain (the moderator's grade where moderated),
management oversight for caseloads, a team's children only when a team is chosen, and at most three
recent passages about the child's voice from audits the user may open, headed without the child's
name. A fixed number of queries for 3 audits and 30."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspection.dashboards import quality
from inspection.dashboards.measures import CARE_LEAVERS, HELP_PROTECTION, IN_CARE, LEADERS
from inspection.judgement_evidence.selectors import area_audits, audit_facts
from inspection.models import DomainGrade, DomainModeration
from judgements.grades import Grade

from .test_evidence_selectors import audit, episode, moderate

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)
OUTSTANDING, GOOD, RI, INADEQUATE = Grade


def voice(made, grade, evidence=""):
    return DomainGrade.objects.create(audit=made, domain=made.template.domains.get(key=quality.VOICE_DOMAIN),
                                      grade=grade, evidence=evidence)


@pytest.fixture
def audited(make_child, team_a, team_b, auditor, senior_manager, audit_template):
    """In team A: a child on a plan (good, voice good), a looked-after child (RI, voice
    inadequate moderated to RI), a care leaver (good, no voice grade). In team B: a child in need
    (outstanding, voice outstanding)."""
    by = senior_manager
    on_plan = make_child(team_a, first_name="Perdita", last_name="Plan")
    episode(on_plan, "child_protection", date(2026, 1, 1), by=by)
    in_care = make_child(team_a, first_name="Cato", last_name="Care")
    episode(in_care, "looked_after", date(2025, 6, 1), by=by)
    leaver = make_child(team_a, first_name="Lev", last_name="Leaver")
    episode(leaver, "care_leaver", date(2025, 6, 1), by=by)
    in_need = make_child(team_b, first_name="Nell", last_name="Need")
    episode(in_need, "child_in_need", date(2026, 2, 1), by=by)
    plan_audit = audit(on_plan, audit_template, auditor, GOOD, date(2026, 10, 1))
    voice(plan_audit, GOOD, "The child's drawings of home are on file and the plan changed because of them.")
    care_audit = audit(in_care, audit_template, auditor, RI, date(2026, 9, 1))
    voice(care_audit, INADEQUATE, "Wishes and feelings not recorded since the placement began.")
    moderate(care_audit, senior_manager, RI)
    DomainModeration.objects.create(moderation=care_audit.moderation,
                                    domain=audit_template.domains.get(key=quality.VOICE_DOMAIN),
                                    agreed=False, final_grade=RI, reason="Some views recorded")
    audit(leaver, audit_template, auditor, GOOD, date(2026, 8, 1))
    need_audit = audit(in_need, audit_template, auditor, OUTSTANDING, date(2026, 7, 1), oversight=GOOD)
    voice(need_audit, OUTSTANDING, "The young person chaired part of their own meeting.")
    return {"plan": plan_audit, "care": care_audit, "need": need_audit}


def test_grades_and_the_childs_voice_by_area(audited, senior_manager):
    evidence = quality.quality_evidence(user=senior_manager, today=TODAY)
    help_ = evidence[HELP_PROTECTION]
    assert help_.grades.counts == (1, 1, 0, 0)
    assert help_.voice.counts == (1, 1, 0, 0)
    assert help_.oversight is None
    care = evidence[IN_CARE]
    assert care.grades.counts == (0, 0, 1, 0)
    assert care.voice.counts == (0, 0, 1, 0)  # the moderator's requires improvement, not the auditor's inadequate
    leavers = evidence[CARE_LEAVERS]
    assert leavers.grades.counts == (0, 1, 0, 0) and leavers.voice.total == 0
    leaders = evidence[LEADERS]
    assert leaders.grades.total == 4 and leaders.voice is None
    assert leaders.oversight.counts == (0, 1, 0, 0) and leaders.excerpts == []


def test_a_team_chosen_counts_only_that_teams_children(audited, senior_manager, team_a):
    evidence = quality.quality_evidence(user=senior_manager, today=TODAY, team=team_a)
    assert evidence[HELP_PROTECTION].grades.counts == (0, 1, 0, 0)
    assert evidence[LEADERS].grades.total == 3


def test_the_same_grades_as_the_evidence_pages_a_moderated_audit_with_the_moderators(
        audited, senior_manager, auditor, make_child, team_a, audit_template):
    """The dashboard reads the grades in one query of its own; they agree with the evidence pages'
    (judgement_evidence.selectors.audit_facts), moderated oversight included."""
    child = make_child(team_a)
    episode(child, "looked_after", date(2025, 3, 1), by=senior_manager)
    moderate(audit(child, audit_template, auditor, GOOD, date(2026, 6, 1), oversight=GOOD), senior_manager,
             INADEQUATE, oversight=RI)
    evidence = quality.quality_evidence(user=senior_manager, today=TODAY)
    assert evidence[LEADERS].oversight.counts == (0, 1, 1, 0)  # the moderator's RI, not the auditor's good
    assert evidence[IN_CARE].grades.counts == (0, 0, 1, 1)
    facts = audit_facts(today=TODAY)
    for key, area in quality.AREA_EVIDENCE.items():
        pages = area_audits(facts, area)
        assert (evidence[key].grades, evidence[key].period) == (pages.grades, pages.period), key
        if area.oversight_domain:
            assert evidence[key].oversight == pages.oversight


def test_excerpts_newest_first_headed_by_audit_and_date_never_the_childs_name(audited, senior_manager):
    evidence = quality.quality_evidence(user=senior_manager, today=TODAY)
    help_excerpts = evidence[HELP_PROTECTION].excerpts
    assert [excerpt.audit_pk for excerpt in help_excerpts] == [audited["plan"].pk, audited["need"].pk]
    first = help_excerpts[0]
    assert first.heading == f"Audit {audited['plan'].pk}, completed 1 October 2026"
    assert first.text.startswith("The child's drawings") and first.grade == GOOD
    assert evidence[IN_CARE].excerpts[0].grade == RI
    for area in evidence.values():
        for excerpt in area.excerpts:
            assert not any(name in excerpt.heading for name in ("Perdita", "Plan", "Cato", "Care", "Nell", "Need"))


def test_excerpts_come_only_from_audits_the_user_may_open(audited, team_manager, elected_member):
    """The team manager manages team A: the team B audit's passage is left out, though its grade
    still counts in the council-wide aggregate."""
    evidence = quality.quality_evidence(user=team_manager, today=TODAY)
    assert [excerpt.audit_pk for excerpt in evidence[HELP_PROTECTION].excerpts] == [audited["plan"].pk]
    assert evidence[HELP_PROTECTION].grades.total == 2
    assert all(not area.excerpts for area in quality.quality_evidence(user=elected_member, today=TODAY).values())


def test_at_most_three_passages_each_shortened_at_a_word(make_child, team_a, auditor, senior_manager, audit_template):
    child = make_child(team_a)
    episode(child, "looked_after", date(2025, 1, 1), by=senior_manager)
    for day in range(5):
        voice(audit(child, audit_template, auditor, GOOD, date(2026, 6, 1) + timedelta(days=day)), GOOD,
              f"Visit {day}. " + "The child said they liked their foster carer's dog " * 20)
    excerpts = quality.quality_evidence(user=senior_manager, today=TODAY)[IN_CARE].excerpts
    assert [excerpt.completed_on.day for excerpt in excerpts] == [5, 4, 3]
    assert all(excerpt.shortened and excerpt.text.endswith("…") for excerpt in excerpts)
    assert all(len(excerpt.text) <= quality.EXCERPT_LENGTH + 1 for excerpt in excerpts)


def test_shorten_keeps_a_short_passage_whole_and_tidies_its_spaces():
    assert quality.shorten("Said  she\nwas happy.") == ("Said she was happy.", False)
    assert quality.shorten("one two three four", length=10) == ("one two…", True)


def _audits(count, make_child, team, auditor, by, template):
    for n in range(count):
        child = make_child(team)
        episode(child, ["child_protection", "looked_after", "care_leaver"][n % 3], date(2025, 1, 1), by=by)
        made = audit(child, template, auditor, GOOD, date(2026, 5, 1) + timedelta(days=n), oversight=RI)
        voice(made, GOOD, f"Voice recorded in audit {n}.")


@pytest.mark.parametrize("user_fixture", ["senior_manager", "team_manager"])
def test_the_same_queries_for_three_audits_and_thirty(request, user_fixture, make_child, team_a, auditor, senior_manager,
                                                      audit_template):
    user = request.getfixturevalue(user_fixture)
    _audits(3, make_child, team_a, auditor, senior_manager, audit_template)
    user = type(user).objects.get(pk=user.pk)  # as a request has it: nothing cached
    with CaptureQueriesContext(connection) as few:
        quality.quality_evidence(user=user, today=TODAY, team=team_a)
    _audits(27, make_child, team_a, auditor, senior_manager, audit_template)
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as many:
        quality.quality_evidence(user=user, today=TODAY, team=team_a)
    assert len(few) == len(many)
    assert len(many) <= 6  # two of its own; the rest read the user's permissions and worker, once a request
