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


# --- the safeguarding board's annual report

BOARD = {"board_recorded": True, "annual_report_year": "2025 to 2026", "annual_report_year_end": date(2026, 3, 31),
         "annual_report_due": date(2026, 9, 30)}


@pytest.mark.parametrize(("facts", "status", "hint"), [
    ({}, NOT_STARTED, "No safeguarding board is recorded."),
    ({"board_recorded": True}, NOT_STARTED, "No annual report is recorded."),
    ({**BOARD, "annual_report_published": date(2026, 9, 1)}, DONE,
     "The 2025 to 2026 report was published on 1 September 2026, on time."),
    ({**BOARD, "annual_report_published": date(2026, 10, 12)}, DONE,
     "The 2025 to 2026 report was published on 12 October 2026, late (due by 30 September 2026)."),
    ({**BOARD}, IN_PROGRESS, "The 2025 to 2026 report is overdue: it was due by 30 September 2026."),
    ({**BOARD, "annual_report_year": "2024 to 2025", "annual_report_year_end": date(2025, 3, 31),
      "annual_report_due": date(2025, 9, 30), "annual_report_published": date(2025, 9, 1)}, IN_PROGRESS,
     "The 2024 to 2025 report is the latest recorded; the next year's was due by 30 September 2026."),
])
def test_the_board_annual_report_task(facts, status, hint):
    task = _status(Facts(TODAY, 0, 0, None, **facts), "Safeguarding board annual report")
    assert (task.status, task.hint) == (status, hint)


def test_an_annual_report_not_yet_due_is_in_progress():
    task = _status(Facts(date(2026, 6, 1), 0, 0, None, **BOARD), "Safeguarding board annual report")
    assert (task.status, task.hint) == (IN_PROGRESS, "The 2025 to 2026 report is due by 30 September 2026.")


@pytest.mark.django_db
def test_the_facts_read_the_latest_annual_report(senior_manager):
    from inspection.inspections.views import readiness_facts
    from lscb.models import AnnualReport, Board

    board = Board.objects.create(name="Demo Safeguarding Children Board", chair="A Chair", annual_report_months=6)
    AnnualReport.objects.create(board=board, year="2024 to 2025", year_end=date(2025, 3, 31),
                                published_on=date(2025, 9, 1), created_by=senior_manager)
    AnnualReport.objects.create(board=board, year="2025 to 2026", year_end=date(2026, 3, 31), created_by=senior_manager)
    facts = readiness_facts(TODAY)
    assert facts.board_recorded
    assert (facts.annual_report_year, facts.annual_report_due, facts.annual_report_published) == (
        "2025 to 2026", date(2026, 9, 30), None)
