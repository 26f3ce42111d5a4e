"""The children list a page at a time, in the order the user chose.

A council of 100,000 children cannot be counted and paged by number on every request: counting
every child the user may see read the whole table, and page 1,900 read 95,000 rows to skip them.
The list is read instead as keyset pages ("the 50 children after this one", see cases/keyset.py)
from the index for each order, and counted no further than ``COUNT_LIMIT``: beyond that the page
says "more than 1,000 children" and the filters narrow it.
"""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from ..addresses import record_addresses
from ..keyset import KeysetPage, Segment, count_up_to, keyset_page, reversed_order
from ..models import Child

CHILDREN_PER_PAGE = 50
COUNT_LIMIT = 1000
NAME_ORDER = ["last_name", "first_name", "local_id"]  # the child ID is unique: a total order

DEFAULT_SORT = "name"


def _by_name(children: QuerySet[Child]) -> list[Segment]:
    return [Segment(children, NAME_ORDER)]


def _by_team(children: QuerySet[Child]) -> list[Segment]:
    # Children with no team come last, by name, either way round.
    return [
        Segment(children.filter(team__isnull=False), ["team__name", *NAME_ORDER]),
        Segment(children.filter(team__isnull=True), NAME_ORDER),
    ]


def _reversed(segments: list[Segment]) -> list[Segment]:
    allocated, *unallocated = segments
    return [Segment(allocated.queryset, [f"-{allocated.order[0]}", *allocated.order[1:]]), *unallocated]


SORTS = {
    "name": _by_name,
    "-name": lambda children: [Segment(children, reversed_order(NAME_ORDER))],
    "id": lambda children: [Segment(children, ["local_id"])],
    "-id": lambda children: [Segment(children, ["-local_id"])],
    "dob": lambda children: [Segment(children, ["date_of_birth", *NAME_ORDER])],
    "-dob": lambda children: [Segment(children, ["-date_of_birth", *NAME_ORDER])],
    "team": _by_team,
    "-team": lambda children: _reversed(_by_team(children)),
}


@dataclass
class ChildrenListPage:
    """One page of the children list and how many children the whole list holds, counted up to
    ``COUNT_LIMIT`` (``more_than_limit`` when it holds more); ``rows`` are the page's lines."""

    page: KeysetPage
    count: int
    more_than_limit: bool
    limit: int = COUNT_LIMIT
    rows: list = field(default_factory=list)


@dataclass(frozen=True)
class ListedChild:
    """One line of the children list, its words made once (fifty lines a page)."""

    url: str
    name: str  # "Ahmed, Ava"
    restricted: bool
    local_id: str
    born: str  # "5 Mar 2015"
    age: int
    gender: str
    ethnicity: str
    team: str  # the team's name, or "Unallocated"
    worker: str  # the worker's name, or "Unallocated"


# What a line shows of the child, their team and their worker, and no more.
LINE_FIELDS = ["pk", "local_id", "first_name", "last_name", "date_of_birth", "gender", "ethnicity", "restricted",
               "team_id", "worker_id"]


def children_list_page(children: QuerySet[Child], *, sort: str = DEFAULT_SORT, after: int | None = None,
                       before: int | None = None, per_page: int | None = None, today=None) -> ChildrenListPage:
    """The page of ``children`` (already scoped to the user and filtered) after or before the child
    ``after``/``before`` in the chosen order: two queries (three past the first page), however
    many children there are."""
    from django.utils import timezone

    from .caseloads import WORKER_NAMES

    lines = children.select_related(None).only(*LINE_FIELDS).annotate(team_name=F("team__name"), **WORKER_NAMES)
    segments = SORTS.get(sort, SORTS[DEFAULT_SORT])(lines)
    page = keyset_page(segments=segments, per_page=per_page or CHILDREN_PER_PAGE, after=after, before=before)
    counted = count_up_to(children, COUNT_LIMIT)
    today = today or timezone.localdate()
    address = record_addresses()
    return ChildrenListPage(page=page, count=min(counted, COUNT_LIMIT), more_than_limit=counted > COUNT_LIMIT,
                            limit=COUNT_LIMIT, rows=[_line(child, today, address) for child in page.object_list])


def _line(child: Child, today, address) -> ListedChild:
    from ..rules import age_on, person_name

    worker = ""
    if child.worker_id:
        worker = person_name(child.worker_first_name, child.worker_last_name, child.worker_username)
    return ListedChild(
        url=address(child.pk), name=f"{child.last_name}, {child.first_name}", restricted=child.restricted,
        local_id=child.local_id, born=f"{child.date_of_birth.day} {child.date_of_birth:%b %Y}",
        age=age_on(child.date_of_birth, today), gender=child.get_gender_display(),
        ethnicity=child.get_ethnicity_display(), team=child.team_name or "Unallocated", worker=worker or "Unallocated",
    )
