"""Keyset pagination for long lists: a page is "the rows after (or before) this row in this
order", found from the index, not by counting past every row before it as page numbers do. A
team's caseload of thousands of children reads page 80 as quickly as page 1, and a child whose
record changes between pages is neither skipped nor shown twice on the next page.

The cursor is the primary key of the row the page follows (``after``) or precedes (``before``);
the list's own query reads that row's sort values, so the cursor holds nothing a user could
tamper with beyond a row they may see.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q, QuerySet


@dataclass
class KeysetPage:
    """One page of a list in a fixed order, with the cursors for the pages either side."""

    object_list: list
    has_previous: bool = False
    has_next: bool = False
    previous_cursor: int | None = None
    next_cursor: int | None = None
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def beyond(values: list[tuple[str, object]], *, forwards: bool = True) -> Q:
    """Rows after (``forwards``) or before the row with these sort values, for a list ordered on
    these fields in turn (ascending, or descending where the name starts with "-"); the last field
    must be unique (the primary key)."""
    conditions = []
    for position, (name, value) in enumerate(values):
        field = name.removeprefix("-")
        lookup = "gt" if forwards != name.startswith("-") else "lt"
        equal = {earlier.removeprefix("-"): earlier_value for earlier, earlier_value in values[:position]}
        conditions.append(Q(**equal, **{f"{field}__{lookup}": value}))
    # The same rows bounded on the first field too, which the OR above says only in parts: an
    # index on that field is then read from the cursor on, not from its start.
    first, first_value = values[0]
    bound = "gte" if forwards != first.startswith("-") else "lte"
    return Q(**{f"{first.removeprefix('-')}__{bound}": first_value}) & reduce(operator.or_, conditions)


def reversed_order(order: list[str]) -> list[str]:
    """The same order run backwards: each field's direction turned round."""
    return [name.removeprefix("-") if name.startswith("-") else f"-{name}" for name in order]


def count_up_to(queryset: QuerySet, limit: int) -> int:
    """How many rows the list has, counting no further than ``limit + 1``: a list of a hundred
    thousand children says "more than 1,000" from the first 1,001 rows of an index instead of
    reading every row to count them."""
    return queryset.order_by()[: limit + 1].count()


@dataclass(frozen=True)
class Segment:
    """One run of a list in its own order: a list may be one segment after another (children with
    work due by when it is due, then those with nothing due by name), each read from its own index."""

    queryset: QuerySet
    order: list[str]  # each field ascending, or descending as "-field"; the last field unique


def keyset_page(queryset: QuerySet | None = None, *, order: list[str] | None = None, per_page: int,
                after: int | None = None, before: int | None = None,
                segments: list[Segment] | None = None) -> KeysetPage:
    """The page of a list (``queryset`` in ``order``, or ``segments`` one after another) that
    follows the row ``after`` or precedes the row ``before``; the first page with neither.

    One query per segment read (a page inside one segment reads one; a page running on into the
    next reads two) and, past the first page, one per segment looked at to find the cursor row's
    sort values: never more as the list grows."""
    segments = segments or [Segment(queryset, order)]
    cursor = after if after is not None else before
    found = None
    if cursor is not None:
        for index, segment in enumerate(segments):
            fields = [name.removeprefix("-") for name in segment.order]
            values = segment.queryset.filter(pk=cursor).values(*fields).first()
            if values is not None:
                found = (index, beyond([(name, values[name.removeprefix("-")]) for name in segment.order],
                                       forwards=before is None))
                break
    if found is None:  # no cursor, or one no longer in this list: the first page
        rows = _read(segments, per_page=per_page)
        return _page(rows[:per_page], has_previous=False, has_next=len(rows) > per_page)
    index, condition = found
    if before is None:
        rows = _read(segments[index:], per_page=per_page, condition=condition)
        return _page(rows[:per_page], has_previous=True, has_next=len(rows) > per_page)
    rows = _read(list(reversed(segments[: index + 1])), per_page=per_page, condition=condition, backwards=True)
    if not rows:  # nothing before it: the first page
        return keyset_page(segments=segments, per_page=per_page)
    return _page(list(reversed(rows[:per_page])), has_previous=len(rows) > per_page, has_next=True)


def _read(segments: list[Segment], *, per_page: int, condition: Q | None = None, backwards: bool = False) -> list:
    """Up to ``per_page + 1`` rows from the segments in turn (the first one after ``condition``).
    A segment is read only if those before it did not fill the page: one query for a page inside
    a segment, one more for a page that runs on into the next, however long the list."""
    rows: list = []
    for number, segment in enumerate(segments):
        if len(rows) > per_page:
            break
        queryset = segment.queryset.filter(condition) if number == 0 and condition is not None else segment.queryset
        order = reversed_order(segment.order) if backwards else segment.order
        rows += list(queryset.order_by(*order)[: per_page + 1 - len(rows)])
    return rows[: per_page + 1]


def _page(rows: list, *, has_previous: bool, has_next: bool) -> KeysetPage:
    return KeysetPage(
        object_list=rows,
        has_previous=has_previous and bool(rows),
        has_next=has_next and bool(rows),
        previous_cursor=rows[0].pk if rows else None,
        next_cursor=rows[-1].pk if rows else None,
    )
