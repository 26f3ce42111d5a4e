"""A team's caseload and the stuck cases read from the rows cases/summaries.py keeps, a page at
a time: a fixed number of queries, and no timescale applied to any child but the fifty shown.

Whether work is late or due soon is decided here against today, from when it is due; why plans
are drifting is as worked out on the day the rows were kept (the page says when).
"""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, Min, OuterRef, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from .. import due
from ..addresses import record_addresses
from ..batched_reads import read_together
from ..rules import person_name
from ..keyset import Segment, keyset_page
from ..models import CaseSummary, Child, DueWork, Episode, Stage, Team, Worker, WorkerCaseload
from ..timescales import Timescale
from ..working_days import add_working_days
from .caseloads import (
    DUE_SOON_WORKING_DAYS, WORKER_NAMES, caseload_children_for_team, caseload_children_for_worker, caseload_row,
)
from .scope import children_visible_to, restricted_children_visible_to, team_ids_for_worker, worker_for_user

ROWS_PER_PAGE = 50
WORKERS_PER_PAGE = 25
CASELOAD_LINE_FIELDS = ["pk", "local_id", "first_name", "last_name", "date_of_birth", "restricted", "team_id", "worker_id"]
NAME_ORDER = ["last_name", "first_name", "local_id"]
STUCK_ORDER = ["case_summary__stuck_since", *NAME_ORDER]


def team_caseload_page(*, user, team: Team, today: date, after: int | None = None, before: int | None = None,
                       per_page: int = ROWS_PER_PAGE, workers_page: int = 1,
                       workers_per_page: int = WORKERS_PER_PAGE) -> dict:
    """One page of a team's caseload, most urgent first, with the counts for the whole team and
    a page of its workers' caseloads, the largest first. The counts are those kept per worker
    (models.WorkerCaseload), with the restricted records this user may see added as they ask: a
    fixed number of round trips, never more as the team grows: the page, then what is due for it
    with the counts and the workers' names together."""
    # What a caseload line shows of the child and their worker's name, and no more: fifty children
    # with every column of the child, team, worker and login made four times the objects.
    children = caseload_children_for_team(user=user, team=team).select_related(None).only(
        *CASELOAD_LINE_FIELDS).annotate(**WORKER_NAMES)
    page = keyset_page(segments=caseload_segments(children), per_page=per_page, after=after, before=before)
    ids = [child.pk for child in page.object_list]
    kept, restricted, team_workers, due_work, open_stages, oldest = read_together(
        WorkerCaseload.objects.filter(team=team).order_by().values_list("worker_id", "children", "late", "soon"),
        _restricted_in_sight(restricted_children_visible_to(user=user).filter(team=team), today=today),
        # The team's workers with their names, in no order (their default order joins their logins
        # to sort by name): ranked below, and the names of those shown need no read of their own.
        Worker.objects.filter(team=team).order_by().values_list("pk", "user__first_name", "user__last_name",
                                                                 "user__username"),
        *_caseload_line_reads(ids),
        _oldest_worked_out(),
    )
    tallies = _tallies_by_worker(kept, [_restricted_counts(row, today=today) for row in restricted])
    workers = _worker_counts(tallies, team_workers=team_workers, page=workers_page, per_page=workers_per_page)
    return {
        "page": page,
        "rows": _caseload_lines(page.object_list, due_work, open_stages, today=today),
        "worker_counts": workers.object_list,
        "workers_page": workers,
        "total": sum(children for children, _, _ in tallies.values()),
        "late_count": sum(late for _, late, _ in tallies.values()),
        "soon_count": sum(soon for _, _, soon in tallies.values()),
        "worked_out_at": oldest[0] if oldest else None,
    }


def worker_caseload_page(*, user, worker: Worker, today: date, after: int | None = None, before: int | None = None,
                         per_page: int = ROWS_PER_PAGE) -> dict:
    """One page of a worker's own caseload, most urgent first, with their counts: the same kept
    rows and counts as their team's caseload, so the two always agree. Two round trips: the page,
    then what is due for it with the counts together."""
    children = caseload_children_for_worker(user=user, worker=worker).select_related(None).only(
        *CASELOAD_LINE_FIELDS).annotate(**WORKER_NAMES)
    page = keyset_page(segments=[worker_caseload_segment(children)], per_page=per_page, after=after, before=before)
    kept = WorkerCaseload.objects.filter(worker=worker)
    if not user.has_perm("cases.view_all_children"):
        kept = kept.filter(team_id__in=team_ids_for_worker(worker_for_user(user)))
    totals, restricted, due_work, open_stages, oldest = read_together(
        kept.order_by().values("worker_id").annotate(children=Sum("children"), late=Sum("late"), soon=Sum("soon"))
        .values_list("children", "late", "soon"),
        _restricted_in_sight(restricted_children_visible_to(user=user).filter(worker=worker), today=today),
        *_caseload_line_reads([child.pk for child in page.object_list]),
        _oldest_worked_out(),
    )
    children_kept, late_kept, soon_kept = totals[0] if totals else (0, 0, 0)
    restricted = [_restricted_counts(row, today=today) for row in restricted]
    return {
        "page": page,
        "rows": _caseload_lines(page.object_list, due_work, open_stages, today=today),
        "total": children_kept + len(restricted),
        "late_count": late_kept + sum(child["late"] for child in restricted),
        "soon_count": soon_kept + sum(child["soon"] for child in restricted),
        "worked_out_at": oldest[0] if oldest else None,
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


def worker_caseload_segment(children: QuerySet[Child]) -> Segment:
    """One worker's caseload in the order of ``caseload_segments``, as one run: a worker holds tens
    of children, not thousands, so one query sorts them all (children with nothing due last)."""
    ordered = children.annotate(
        nothing_due=Case(When(case_summary__next_due__isnull=True, then=Value(1)), default=Value(0)),
        due_key=Coalesce("case_summary__next_due", Value(date.max)),
    )
    return Segment(ordered, ["nothing_due", "due_key", *NAME_ORDER])


def _caseload_line_reads(ids: list[int]) -> tuple[QuerySet, QuerySet]:
    """What caseload lines need beyond the child, for these children: the kept deadlines, soonest
    first, and the stages open (contacts aside)."""
    return (
        DueWork.objects.filter(child_id__in=ids).order_by("child_id", "due", "what")
        .values_list("child_id", "what", "stage", "episode_id", "due", "rule"),
        Episode.objects.filter(child_id__in=ids, end_date__isnull=True).exclude(stage=Stage.CONTACT)
        .order_by().values_list("child_id", "stage"),
    )


def _caseload_lines(children: list[Child], due_work: list[tuple], open_stages: list[tuple], *, today: date) -> list[dict]:
    """Caseload lines for these children, in their order, from the rows ``_caseload_line_reads`` read."""
    items: dict[int, list] = {}
    for child_id, what, stage, episode_id, when, rule in due_work:
        items.setdefault(child_id, []).append(due.Due(
            what=what, stage=stage, episode_pk=episode_id, timescale=Timescale(due=when, done=None), rule=rule))
    stages: dict[int, list[str]] = {}
    labels = dict(Stage.choices)
    for child_id, stage in open_stages:
        stages.setdefault(child_id, []).append(labels.get(stage, stage))
    address = record_addresses()
    return [caseload_row(child, items.get(child.pk, []), stages.get(child.pk, []), today=today, address=address)
            for child in children]


def _tallies_by_worker(kept: list[tuple], restricted: list[dict]) -> dict[int | None, tuple[int, int, int]]:
    """Per allocated worker (None for no worker): (children, with late work, with work due soon),
    for the team's children this user may see: the kept counts (``kept``: worker, children, late,
    soon; one row per worker, restricted records left out), and the restricted records in the
    team this user may see."""
    tallies = {worker_id: (children, late, soon) for worker_id, children, late, soon in kept}
    for child in restricted:
        children, late, soon = tallies.get(child["worker_id"], (0, 0, 0))
        tallies[child["worker_id"]] = (children + 1, late + child["late"], soon + child["soon"])
    return tallies


def _restricted_in_sight(children: QuerySet[Child], *, today: date) -> QuerySet:
    """For the restricted ``children`` (those the user is named on): each one's worker, soonest
    deadline, whether plans are drifting and whether work is due soon, as the kept counts would
    have them (``_restricted_counts``). A handful of rows at most, and for most users none."""
    if children.query.is_empty():  # named on no restricted record: nothing to send
        return children.values()
    due_soon = DueWork.objects.filter(
        child_id=OuterRef("pk"), due__gte=today, due__lte=add_working_days(today, DUE_SOON_WORKING_DAYS))
    return (children.order_by()
            .annotate(next_due=F("case_summary__next_due"), stuck_since=F("case_summary__stuck_since"),
                      due_soon=Exists(due_soon))
            .values("worker_id", "next_due", "stuck_since", "due_soon"))


def _restricted_counts(row: dict, *, today: date) -> dict:
    return {"worker_id": row["worker_id"], "late": int(row["next_due"] is not None and row["next_due"] < today),
            "soon": int(row["due_soon"]), "stuck": int(row["stuck_since"] is not None)}


def _worker_counts(tallies: dict[int | None, tuple[int, int, int]], *, team_workers: list[tuple], page: int,
                   per_page: int):
    """Caseload per worker, a page at a time: every worker in the team (with none if they hold
    none) and anyone else holding one of its children, the largest caseloads first, children not
    allocated to a worker last. ``team_workers`` are the team's (pk, first name, last name,
    username); a worker from another team holding one of its children is named with one query."""
    names = {pk: person_name(first_name, last_name, username) for pk, first_name, last_name, username in team_workers}
    ranked = dict.fromkeys(names, (0, 0, 0))
    ranked.update((pk, tally) for pk, tally in tallies.items() if pk is not None)
    order = sorted(ranked.items(), key=lambda item: (-item[1][0], item[0]))
    if None in tallies:
        order.append((None, tallies[None]))
    shown = Paginator(order, per_page).get_page(page)
    elsewhere = [pk for pk, _ in shown if pk and pk not in names]
    if elsewhere:
        names.update(
            (pk, person_name(first_name, last_name, username))
            for pk, first_name, last_name, username in Worker.objects.filter(pk__in=elsewhere)
            .values_list("pk", "user__first_name", "user__last_name", "user__username")
        )
    shown.object_list = [{"worker": names.get(pk) if pk else None, "children": children, "late": late, "soon": soon}
                         for pk, (children, late, soon) in shown.object_list]
    return shown


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
    return {"page": page, "rows": rows, "total": _stuck_count(user=user), "worked_out_at": summaries_worked_out_at()}


def _stuck_count(*, user) -> int:
    """How many children the user may see have drifting plans: the kept counts for the teams they
    see, and the restricted records among them they are named on. Two queries."""
    kept = WorkerCaseload.objects.all()
    if not user.has_perm("cases.view_all_children"):
        worker = worker_for_user(user)
        kept = kept.filter(team_id__in=team_ids_for_worker(worker)) if worker else kept.none()
    restricted = restricted_children_visible_to(user=user).filter(case_summary__stuck_since__isnull=False)
    return (kept.aggregate(stuck=Sum("stuck"))["stuck"] or 0) + restricted.count()


def summaries_worked_out_at():
    """When the oldest kept row was worked out (every row is at least this fresh), or None if
    none has been. One query, read from an index."""
    return CaseSummary.objects.aggregate(oldest=Min("worked_out_at"))["oldest"]


def _oldest_worked_out() -> QuerySet:
    """``summaries_worked_out_at`` as a list of at most one, to be read with a page's other rows."""
    return CaseSummary.objects.order_by("worked_out_at").values_list("worked_out_at", flat=True)[:1]
