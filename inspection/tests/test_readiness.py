"""The readiness checklist worked out from what is recorded."""

from datetime import date

import pytest

from inspection.readiness import DONE, IN_PROGRESS, NOT_STARTED, Facts, checklist, quarter_start

TODAY = date(2026, 11, 29)


def _status(facts, name):
    return next(task for task in checklist(facts) if task.name.startswith(name))


def test_quarters_start_in_january_april_july_and_october():
    assert [quarter_start(date(2026, month, 15)) for month in (1, 4, 6, 11)] == [
        date(2026, 1, 1), date(2026, 4, 1), date(2026, 4, 1), date(2026, 10, 1)
    ]


def test_audits_are_not_started_in_progress_or_done_for_the_quarter():
    assert _status(Facts(TODAY, 0, 0, None), "This quarter").status == NOT_STARTED
    assert "1 October 2026" in _status(Facts(TODAY, 0, 0, None), "This quarter").hint
    assert _status(Facts(TODAY, 10, 4, None), "This quarter").status == IN_PROGRESS
    assert _status(Facts(TODAY, 10, 10, None), "This quarter").status == DONE


def test_a_self_evaluation_counts_only_if_saved_in_the_last_year():
    assert _status(Facts(TODAY, 0, 0, None), "Self-evaluation").status == NOT_STARTED
    assert _status(Facts(TODAY, 0, 0, date(2025, 11, 29)), "Self-evaluation").status == DONE
    stale = _status(Facts(TODAY, 0, 0, date(2025, 11, 28)), "Self-evaluation")
    assert stale.status == IN_PROGRESS and "over a year old" in stale.hint


def test_annex_a_counts_if_produced_in_the_last_month():
    assert _status(Facts(TODAY, 0, 0, None), "Annex A").status == NOT_STARTED
    assert _status(Facts(TODAY, 0, 0, None, annex_a_produced=date(2026, 10, 29)), "Annex A").status == DONE
    old = _status(Facts(TODAY, 0, 0, None, annex_a_produced=date(2026, 10, 28)), "Annex A")
    assert old.status == IN_PROGRESS and "Produce it again" in old.hint


def test_annex_a_data_is_clean_only_with_nothing_to_fix():
    assert _status(Facts(TODAY, 0, 0, None), "Annex A data").status == DONE
    dirty = _status(Facts(TODAY, 0, 0, None, annex_a_problems=3), "Annex A data")
    assert dirty.status == IN_PROGRESS and dirty.hint == "3 records to fix before Annex A."


# --- action plans on track -----------------------------------------------------------------------


def test_action_plans_are_not_started_until_a_plan_is_recorded():
    task = _status(Facts(TODAY, 0, 0, None), "Action plans")
    assert (task.status, task.hint) == (NOT_STARTED, "No action plan has been recorded.")
    assert (task.url_name, task.permission) == ("actionplans:plan_list", "actionplans.view_actionplan")


def test_action_plans_are_on_track_when_none_is_late_and_no_action_is_off_track():
    task = _status(Facts(TODAY, 0, 0, None, action_plans=2), "Action plans")
    assert task.status == DONE
    assert task.hint == "2 plans: every one sent on time or not yet due, and no action off track or overdue."


def test_a_late_plan_or_an_action_off_track_leaves_action_plans_in_progress_with_the_counts():
    late = _status(Facts(TODAY, 0, 0, None, action_plans=3, action_plans_late=1), "Action plans")
    assert (late.status, late.hint) == (IN_PROGRESS, "1 plan past its due date and not yet sent to Ofsted.")
    off = _status(Facts(TODAY, 0, 0, None, action_plans=1, actions_off_track=1), "Action plans")
    assert (off.status, off.hint) == (IN_PROGRESS, "1 action off track or overdue.")
    both = _status(Facts(TODAY, 0, 0, None, action_plans=3, action_plans_late=2, actions_off_track=5), "Action plans")
    assert both.status == IN_PROGRESS
    assert both.hint == "2 plans past their due date and not yet sent to Ofsted; 5 actions off track or overdue."


@pytest.fixture
def plans(senior_manager):
    """Plans in every state, as at TODAY (29 November 2026)."""
    from actionplans.models import Action, ActionPlan, PlanSource, Recommendation
    from actionplans.rules import Status

    def plan(title, published=None, submitted=None, actions=()):
        made = ActionPlan.objects.create(title=title, source=PlanSource.INSPECTION, published_on=published,
                                         submitted_on=submitted, created_by=senior_manager)
        recommendation = Recommendation.objects.create(plan=made, number=1, text="Improve.")
        for status, target in actions:
            Action.objects.create(recommendation=recommendation, description="Do it", target_date=target, status=status,
                                  evidence_of_impact="Better" if status == Status.COMPLETE else "",
                                  created_by=senior_manager)
        return made

    # Due 22 April 2026, never sent, an action still open: late.
    plan("Late", date(2026, 1, 12), actions=[(Status.AT_RISK, date(2027, 1, 29))])
    # Sent on time: not late; its overdue action (reported on track) and off-track action count.
    plan("Sent", date(2026, 1, 12), submitted=date(2026, 4, 20),
         actions=[(Status.ON_TRACK, date(2026, 11, 27)), (Status.OFF_TRACK, date(2027, 3, 1)),
                  (Status.COMPLETE, date(2026, 2, 1))])
    # Never sent but every action complete: closed, not late.
    plan("Closed", date(2025, 1, 13), actions=[(Status.COMPLETE, date(2025, 6, 1))])
    # No actions yet, past its due date: open and late.
    plan("Empty", date(2026, 1, 12))
    # Not yet due (published a week ago), and no publication date at all: not late.
    plan("Recent", date(2026, 11, 20), actions=[(Status.NOT_STARTED, date(2027, 2, 1))])
    plan("Undated")


@pytest.mark.django_db
def test_the_facts_count_plans_late_plans_and_actions_off_track(plans):
    from inspection.inspections.views import readiness_facts

    facts = readiness_facts(TODAY)
    assert (facts.action_plans, facts.action_plans_late, facts.actions_off_track) == (6, 2, 2)
    task = _status(facts, "Action plans")
    assert task.status == IN_PROGRESS
    assert task.hint == "2 plans past their due date and not yet sent to Ofsted; 2 actions off track or overdue."


@pytest.mark.django_db
def test_gathering_the_facts_takes_the_same_queries_for_one_plan_or_many(senior_manager, plans):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actionplans.models import Action, ActionPlan, PlanSource, Recommendation
    from inspection.inspections.views import readiness_facts

    with CaptureQueriesContext(connection) as many:
        readiness_facts(TODAY)
    Action.objects.all().delete()
    ActionPlan.objects.exclude(title="Late").delete()
    assert ActionPlan.objects.count() == 1
    with CaptureQueriesContext(connection) as one:
        readiness_facts(TODAY)
    for number in range(30):
        extra = ActionPlan.objects.create(title=f"Extra {number}", source=PlanSource.AUDIT,
                                          published_on=date(2026, 1, 12), created_by=senior_manager)
        recommendation = Recommendation.objects.create(plan=extra, number=1, text="Improve.")
        Action.objects.create(recommendation=recommendation, description="Do it", target_date=date(2026, 3, 1),
                              created_by=senior_manager)
    with CaptureQueriesContext(connection) as more:
        facts = readiness_facts(TODAY)
    assert facts.action_plans == 31 and facts.action_plans_late == 31 and facts.actions_off_track == 30
    assert len(one.captured_queries) == len(many.captured_queries) == len(more.captured_queries)
