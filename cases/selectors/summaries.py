"""A team's caseload and the stuck cases read from the rows cases/summaries.py keeps, a page at
a time: a fixed number of queries, and no timescale applied to any child but the fifty shown.

Whether work is late or due soon is decided here against today, from when it is due; why plans
are drifting is as worked out on the day the rows were kept (the page says when).
"""

from datetime import date

from django.db.models import Count, Min, Q, QuerySet

from .. import due
from ..keyset import Segment, keyset_page
from ..models import CaseSummary, Child, DueWork, Episode, Stage, Team, Worker
from ..timescales import Timescale
from ..working_days import add_working_days
from .caseloads import DUE_SOON_WORKING_DAYS, caseload_children_for_team, caseload_row
from .scope import children_visible_to

ROWS_PER_PAGE = 50
NAME_ORDER = ["last_name", "first_name", "local_id"]
STUCK_ORDER = ["case_summary__stuck_since", *NAME_ORDER]


def team_caseload_page(*, user, team: Team, today: date, after: int | None = None, before: int | None = None,
                       per_page: int = ROWS_PER_PAGE) -> dict:
    """One page of a team's caseload, most urgent first, with the counts for the whole team and
    per worker. Eight queries for a team with a page of children with work due (nine for a team
with fewer), never more as the team grows."""
    children = caseload_children_for_team(user=user, team=team)
    page = keyset_page(segments=caseload_segments(children), per_page=per_page, after=after, before=before)
    tallies = _tallies_by_worker(children, today=today)
    return {
        "page": page,
        "rows": kept_caseload_rows(page.object_list, today=today),
        "worker_counts": _worker_counts(tallies, team=team),
        "total": sum(tally["children"] for tally in tallies),
        "late_count": sum(tally["late"] for tally in tallies),
        "soon_count": sum(tally["soon"] for tally in tallies),
        "worked_out_at": summaries_worked_out_at(),
    }


def caseload_segments(children: QuerySet[Child]) -> list[Segment]:
    """A caseload in order, most urgent first: children with work due by their soonest deadline
    (late work first, the longest late first: the earliest deadline is the one most late, so this
    is the same order as "most working days late, then soonest"), then by name; then the children
    with nothing due, by name. Each part is read from its own index, so a page of a team of
    20,000 children reads about fifty rows, not twenty thousand."""
    due = children.filter(case_summary__next_due__isnull=False)
    nothing_due = children.filter(case_summary__next_due__isnull=True)  # no kept row, or nothing due in it
    return [Segment(due, ["case_summary__next_due", *NAME_ORDER]), Segment(nothing_due, NAME_ORDER)]


def kept_caseload_rows(children: list[Child], *, today: date) -> list[dict]:
    """Caseload lines for these children (already in order) from the kept deadlines: two queries."""
    ids = [child.pk for child in children]
    items: dict[int, list] = {}
    for work in DueWork.objects.filter(child_id__in=ids).order_by("child_id", "due", "what"):
        items.setdefault(work.child_id, []).append(due.Due(
            what=work.what, stage=work.stage, episode_pk=work.episode_id,
            timescale=Timescale(due=work.due, done=None), rule=work.rule,
        ))
    stages: dict[int, list[str]] = {}
    for child_id, stage in (
        Episode.objects.filter(child_id__in=ids, end_date__isnull=True).exclude(stage=Stage.CONTACT)
        .order_by().values_list("child_id", "stage")
    ):
        stages.setdefault(child_id, []).append(Stage(stage).label)
    return [caseload_row(child, items.get(child.pk, []), stages.get(child.pk, []), today=today) for child in children]


def _tallies_by_worker(children: QuerySet[Child], *, today: date) -> list[dict]:
    """Per allocated worker (None for no worker): children, those with late work and those with
    work due soon. Three queries, each read from an index: the children, the children whose
    soonest deadline has passed, the deadlines falling due in the next ten working days."""
    def per_worker(queryset, *, distinct: bool = False) -> dict:
        return dict(queryset.order_by().values("worker_id").annotate(n=Count("pk", distinct=distinct))
                    .values_list("worker_id", "n"))

    late = per_worker(children.filter(case_summary__next_due__lt=today))
    soon = per_worker(children.filter(
        due_work__due__gte=today, due_work__due__lte=add_working_days(today, DUE_SOON_WORKING_DAYS)), distinct=True)
    return [{"worker_id": worker_id, "children": count, "late": late.get(worker_id, 0), "soon": soon.get(worker_id, 0)}
            for worker_id, count in per_worker(children).items()]


def _worker_counts(tallies: list[dict], *, team: Team) -> list[dict]:
    """Caseload per worker: every worker in the team (with none if they hold none) and anyone
    else holding one of its children, the largest caseloads first. One query."""
    by_worker = {tally["worker_id"]: tally for tally in tallies}
    holding = [worker_id for worker_id in by_worker if worker_id is not None]
    workers = Worker.objects.filter(Q(team=team) | Q(pk__in=holding)).select_related("user")
    counts = []
    for worker in workers:
        tally = by_worker.get(worker.pk, {})
        counts.append({"worker": worker, "children": tally.get("children", 0), "late": tally.get("late", 0),
                       "soon": tally.get("soon", 0)})
    if None in by_worker:
        tally = by_worker[None]
        counts.append({"worker": None, "children": tally["children"], "late": tally["late"], "soon": tally["soon"]})
    return sorted(counts, key=lambda entry: (entry["worker"] is None, -entry["children"]))


def stuck_cases_page(*, user, after: int | None = None, before: int | None = None,
                     per_page: int = ROWS_PER_PAGE) -> dict:
    """One page of the children whose plans are drifting, the longest stuck first, as last
    worked out; with how many there are. Three queries (four past the first page)."""
    stuck = children_visible_to(user=user).filter(case_summary__stuck_since__isnull=False)
    page = keyset_page(stuck.select_related("team", "worker__user", "case_summary"), order=STUCK_ORDER,
                       per_page=per_page, after=after, before=before)
    rows = [
        {"child": child, "reasons": child.case_summary.stuck_reasons, "since": child.case_summary.stuck_since,
         "last_panel": child.case_summary.last_panel}
        for child in page.object_list
    ]
    return {"page": page, "rows": rows, "total": stuck.count(), "worked_out_at": summaries_worked_out_at()}


def summaries_worked_out_at():
    """When the oldest kept row was worked out (every row is at least this fresh), or None if
    none has been. One query, read from an index."""
    return CaseSummary.objects.aggregate(oldest=Min("worked_out_at"))["oldest"]
