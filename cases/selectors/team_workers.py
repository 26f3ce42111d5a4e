"""A team caseload's table of workers, a page of twenty-five at a time: every worker in the team
(with none if they hold none) and anyone else holding one of its children, the largest caseloads
first (then by number), the children not allocated to a worker last.

The counts are those kept per worker (models.WorkerCaseload), which hold a row only for a worker
holding a child. So the order is: the kept rows, largest first, then the team's workers holding
none, by number, then the unallocated. The largest team has hundreds of workers: the database
reads the page shown and the counts, not every worker (``workers_page_reads``).

Restricted records are left out of the kept counts. A user named on restricted records in the
team sees them counted (``ranked_in_python``): the kept counts of every worker are read and
ranked with those records added, which can change the order.
"""

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from ..models import Team, Worker, WorkerCaseload

WORKERS_PER_PAGE = 25


def page_number(asked) -> int:
    """The page asked for as a number from 1 (anything else is the first), as Django's paginator reads it."""
    try:
        return max(int(asked), 1)
    except (TypeError, ValueError):
        return 1


def workers_page_reads(*, team: Team, number: int, per_page: int = WORKERS_PER_PAGE) -> tuple[QuerySet, ...]:
    """What page ``number`` of the table needs, to be read together: the counts (one row: kept
    workers, team workers holding none, children, late, soon, and the unallocated children's own
    counts) and the kept workers on the page, largest first, named."""
    kept = WorkerCaseload.objects.filter(team=team).order_by()
    holding_none = Worker.objects.filter(team=team).filter(~Exists(kept.filter(worker=OuterRef("pk")))).order_by()
    unallocated = Q(worker__isnull=True)
    offset = (number - 1) * per_page
    return (
        kept.values("team_id").annotate(
            unallocated_children=Sum("children", filter=unallocated), unallocated_late=Sum("late", filter=unallocated),
            unallocated_soon=Sum("soon", filter=unallocated),
            kept_workers=Count("worker_id"), all_children=Sum("children"), all_late=Sum("late"), all_soon=Sum("soon"),
            holding_none=Subquery(holding_none.values("team_id").annotate(n=Count("pk")).values("n")),
        ).values("kept_workers", "all_children", "all_late", "all_soon", "unallocated_children", "unallocated_late",
                 "unallocated_soon", "holding_none"),
        # The names are subqueries, which PostgreSQL works out for the page's rows only, after
        # sorting, rather than joining every worker's login first.
        kept.filter(worker__isnull=False).annotate(**_names(worker="worker_id"))
        .order_by("-children", "worker_id")
        .values_list("first_name", "last_name", "username", "children", "late", "soon")[offset:offset + per_page],
    )


def ranked_page(counts: list[dict], kept_rows: list[tuple], *, team: Team, number: int,
                per_page: int = WORKERS_PER_PAGE) -> tuple[Page, dict]:
    """The page of the table from what ``workers_page_reads`` read, and the team's totals
    (children, late, soon). Workers holding none are read here only when the page reaches them; a
    page past the end shows the last page, as Django's paginator does, and reads it."""
    summary = counts[0] if counts else {}
    kept_workers, holding_none = summary.get("kept_workers") or 0, summary.get("holding_none") or 0
    if not counts:  # no kept rows at all: every worker in the team holds none
        holding_none = Worker.objects.filter(team=team).count()
    unallocated = (summary.get("unallocated_children") or 0) > 0
    total = kept_workers + holding_none + (1 if unallocated else 0)
    shown = Paginator(_Counted(total), per_page).get_page(number)
    if shown.number != number:  # past the end
        kept_rows = list(workers_page_reads(team=team, number=shown.number, per_page=per_page)[1])
    entries = [_entry(_name(first, last, username), children, late, soon)
               for first, last, username, children, late, soon in kept_rows]
    start, end = shown.start_index() - 1, shown.end_index()  # positions in the whole table, from 0
    if end > kept_workers and holding_none:
        first_none, last_none = max(start - kept_workers, 0), min(end - kept_workers, holding_none)
        if last_none > first_none:
            none_held = (Worker.objects.filter(team=team).filter(~Exists(WorkerCaseload.objects.filter(
                team=team, worker=OuterRef("pk")))).order_by("pk").annotate(**_names(pk="user_id"))
                .values_list("first_name", "last_name", "username")[first_none:last_none])
            entries += [_entry(_name(*names), 0, 0, 0) for names in none_held]
    if unallocated and end == total:
        entries.append(_entry(None, summary["unallocated_children"], summary["unallocated_late"] or 0,
                              summary["unallocated_soon"] or 0))
    shown.object_list = entries
    totals = {key: summary.get(f"all_{key}") or 0 for key in ("children", "late", "soon")}
    return shown, totals


def ranked_in_python(tallies: dict[int | None, dict], *, team: Team, number: int,
                     per_page: int = WORKERS_PER_PAGE) -> Page:
    """The page of the table ranked here from every worker's ``tallies`` (by worker pk, None for
    the unallocated), for a user who sees restricted records in the team counted: two queries,
    the team's workers, then the names of those shown."""
    zero = {"children": 0, "late": 0, "soon": 0}
    # In no order (the workers' default order joins their logins to sort by name): ranked below.
    ranked = {pk: tallies.get(pk, zero) for pk in Worker.objects.filter(team=team).order_by().values_list("pk", flat=True)}
    ranked.update((pk, tally) for pk, tally in tallies.items() if pk is not None)
    order = sorted(ranked.items(), key=lambda item: (-item[1]["children"], item[0]))
    if None in tallies:
        order.append((None, tallies[None]))
    shown = Paginator(order, per_page).get_page(number)
    names = {pk: _name(first, last, username) for pk, first, last, username in Worker.objects.filter(
        pk__in=[pk for pk, _ in shown if pk]).values_list("pk", "user__first_name", "user__last_name", "user__username")}
    shown.object_list = [_entry(names.get(pk) if pk else None, tally["children"], tally["late"], tally["soon"])
                         for pk, tally in shown.object_list]
    return shown


def _names(**login: str) -> dict:
    """A worker's names as subqueries of their login, found by ``login`` (a lookup on the login
    and the outer column it equals: ``pk="user_id"`` from a worker, ``worker="worker_id"`` from a
    kept count)."""
    (lookup, column), = login.items()
    users = get_user_model().objects.filter(**{lookup: OuterRef(column)})
    return {name: Subquery(users.values(name)) for name in ("first_name", "last_name", "username")}


def _name(first_name: str, last_name: str, username: str) -> str:
    """A worker's name as ``str(worker)`` says it."""
    return f"{first_name} {last_name}".strip() or username


def _entry(worker: str | None, children: int, late: int, soon: int) -> dict:
    return {"worker": worker, "children": children, "late": late, "soon": soon}


class _Counted(Sequence):
    """The whole table to Django's paginator: its length is known, and only the page shown is
    read (``ranked_page`` puts the page's entries in)."""

    def __init__(self, length: int):
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        return []
