"""Is the council ready for inspection? A checklist worked out from what is recorded. Pure:
the facts come in, the checklist goes out (``readiness_facts`` in inspection/inspections/views.py
gathers them)."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

DONE, IN_PROGRESS, NOT_STARTED = "Completed", "In progress", "Not yet started"


@dataclass(frozen=True)
class Task:
    name: str
    status: str
    hint: str
    url_name: str
    permission: str


@dataclass(frozen=True)
class Facts:
    today: date
    audits_due_this_quarter: int  # cases in samples drawn this quarter
    audits_done_this_quarter: int  # of those, completed or moderated
    self_evaluation_saved: date | None
    annex_a_produced: date | None = None
    annex_a_problems: int = 0
    action_plans: int = 0  # plans recorded
    action_plans_late: int = 0  # open plans not yet sent to Ofsted and past their final due date
    actions_off_track: int = 0  # actions not complete that are off track or past their target date
    board_recorded: bool = False  # a safeguarding board is recorded
    annual_report_year: str | None = None  # the latest annual report recorded: the year it covers,
    annual_report_year_end: date | None = None  # the last day of that year,
    annual_report_due: date | None = None  # when it should be published (the board's target),
    annual_report_published: date | None = None  # and when it was


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


ANNEX_A_FRESH_DAYS = 31


def checklist(facts: Facts) -> list[Task]:
    tasks = []
    if facts.annex_a_produced is None:
        tasks.append(Task("Annex A produced in the last month", NOT_STARTED, "Annex A has not been produced yet.",
                          "report_list", "cases.view_all_children"))
    else:
        fresh = (facts.today - facts.annex_a_produced).days <= ANNEX_A_FRESH_DAYS
        tasks.append(Task("Annex A produced in the last month", DONE if fresh else IN_PROGRESS,
                          f"Last produced on {facts.annex_a_produced:%-d %B %Y}." + ("" if fresh else " Produce it again."),
                          "report_list", "cases.view_all_children"))
    if facts.annex_a_problems:
        tasks.append(Task("Annex A data is clean", IN_PROGRESS,
                          f"{facts.annex_a_problems} record{'s' if facts.annex_a_problems != 1 else ''} to fix before Annex A.",
                          "inspections:data_quality", "cases.view_all_children"))
    else:
        tasks.append(Task("Annex A data is clean", DONE, "No missing values, impossible dates or contradictory lists.",
                          "inspections:data_quality", "cases.view_all_children"))
    if facts.audits_due_this_quarter == 0:
        hint = f"No audit sample has been drawn since {quarter_start(facts.today):%-d %B %Y}."
        tasks.append(Task("This quarter's case audits", NOT_STARTED, hint, "audits:sample_list", "inspection.view_auditsample"))
    else:
        done = facts.audits_done_this_quarter == facts.audits_due_this_quarter
        tasks.append(Task("This quarter's case audits", DONE if done else IN_PROGRESS,
                          f"{facts.audits_done_this_quarter} of {facts.audits_due_this_quarter} cases audited this quarter.",
                          "audits:sample_list", "inspection.view_auditsample"))
    if facts.self_evaluation_saved is None:
        tasks.append(Task("Self-evaluation updated in the last 12 months", NOT_STARTED, "No self-evaluation has been written.",
                          "self_evaluation:list", "inspection.view_selfevaluation"))
    else:
        fresh = facts.self_evaluation_saved >= facts.today - relativedelta(years=1)
        tasks.append(Task("Self-evaluation updated in the last 12 months", DONE if fresh else IN_PROGRESS,
                          f"Last saved on {facts.self_evaluation_saved:%-d %B %Y}." + ("" if fresh else " Update it: it is over a year old."),
                          "self_evaluation:list", "inspection.view_selfevaluation"))
    tasks.append(_action_plans_task(facts))
    tasks.append(_annual_report_task(facts))
    return tasks


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _action_plans_task(facts: Facts) -> Task:
    name, url_name, permission = "Action plans on track", "actionplans:plan_list", "actionplans.view_actionplan"
    if facts.action_plans == 0:
        return Task(name, NOT_STARTED, "No action plan has been recorded.", url_name, permission)
    problems = []
    if facts.action_plans_late:
        problems.append(_count(facts.action_plans_late, "plan past its due date and not yet sent to Ofsted",
                               "plans past their due date and not yet sent to Ofsted"))
    if facts.actions_off_track:
        problems.append(_count(facts.actions_off_track, "action off track or overdue", "actions off track or overdue"))
    if problems:
        return Task(name, IN_PROGRESS, "; ".join(problems) + ".", url_name, permission)
    return Task(name, DONE, f"{_count(facts.action_plans, 'plan', 'plans')}: every one sent on time or not yet due, "
                "and no action off track or overdue.", url_name, permission)


def _annual_report_task(facts: Facts) -> Task:
    """The safeguarding board's latest annual report published, and on time; a year's report
    missing once the next one is due counts as not done."""
    name, url_name, permission = "Safeguarding board annual report published", "lscb:annual_report_list", "lscb.view_annualreport"
    if not facts.board_recorded:
        return Task(name, NOT_STARTED, "No safeguarding board is recorded.", "lscb:dashboard", "lscb.view_board")
    if facts.annual_report_year_end is None:
        return Task(name, NOT_STARTED, "No annual report is recorded.", url_name, permission)
    year, due, published = facts.annual_report_year, facts.annual_report_due, facts.annual_report_published
    next_due = due + relativedelta(years=1)
    if facts.today > next_due:
        return Task(name, IN_PROGRESS, f"The {year} report is the latest recorded; the next year's was due by "
                    f"{next_due:%-d %B %Y}.", url_name, permission)
    if published is None:
        overdue = facts.today > due
        return Task(name, IN_PROGRESS, f"The {year} report is {'overdue: it was due' if overdue else 'due'} by "
                    f"{due:%-d %B %Y}.", url_name, permission)
    timing = "on time" if published <= due else f"late (due by {due:%-d %B %Y})"
    return Task(name, DONE, f"The {year} report was published on {published:%-d %B %Y}, {timing}.", url_name, permission)
