"""The children behind a figure: those counted in the latest council-wide figure (kept by the
nightly job as FigureMember rows), only those the user may see, and only the chosen team's.

A team manager opening a figure sees their own team's children, whatever team is asked for in
the address: the list is always cut to cases.selectors.children_visible_to. Every read here is a
fixed number of queries, however many children were counted.

A figure can count tens of thousands of children. Paging by number joined every child counted to
their record and sorted them all by name to show the first 50, then counted them all. The list is
read instead a page at a time as keyset pages (cases/keyset.py: "the 50 children after this one")
in name order from the index on FigureMember's copy of each child's name, and counted no further
than ``COUNT_LIMIT`` ("more than 1,000 children"), as the children list is.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cases.keyset import KeysetPage, count_up_to, keyset_page
from cases.selectors import children_hidden_from, children_visible_to

from ..models import FigureMember, FigureSnapshot
from .measures import PERCENT, Measure

NOT_MET, ALL = "not_met", "all"
SHOW_CHOICES = [(NOT_MET, "Not meeting the standard"), (ALL, "All counted")]
CHILDREN_PER_PAGE = 50
COUNT_LIMIT = 1000
# Those who did not meet the standard first, then by name: the order of the index
# figure_member_name_order (inspection/models/dashboards.py) after the snapshot. The id makes it a
# total order.
LIST_ORDER = ["met", "sort_last_name", "sort_first_name", "id"]
# What the list shows of each child counted (templates/inspection/dashboards/figure.html).
SHOWN = ["met", "detail", "child__first_name", "child__last_name", "child__local_id", "child__team__name",
         "child__worker__user__first_name", "child__worker__user__last_name", "child__worker__user__username"]


def has_children(measure: Measure) -> bool:
    """Caseloads count social workers, not children: there is no list of children behind them."""
    return measure.unit == PERCENT


def latest_snapshot(*, measure: Measure) -> FigureSnapshot | None:
    """The latest council-wide figure for one measure: one query."""
    return FigureSnapshot.objects.filter(measure=measure.key, team__isnull=True).order_by("-as_at").first()


def members_visible_to(*, user, snapshot: FigureSnapshot, team=None, show: str = NOT_MET) -> QuerySet[FigureMember]:
    """The children counted in a figure whom the user may see (in the chosen team, by the child's
    team now), those who did not meet the standard only unless ``show`` is ALL. Unordered: see
    members_page for the list in order."""
    hidden = children_hidden_from(user=user)
    if team is None and hidden is not None:
        # Someone who sees every team, the whole council: every member but the few restricted
        # records closed to them, without joining the members to every child (8 ms to count).
        members = FigureMember.objects.filter(snapshot=snapshot).exclude(child__in=hidden)
    else:
        children = children_visible_to(user=user)
        if team is not None:
            # The team inside the one subquery of children the user may see: PostgreSQL then finds
            # at once that a team manager asking for another team's children may see none of
            # them, instead of checking every child counted.
            children = children.filter(team=team)
        members = FigureMember.objects.filter(snapshot=snapshot, child__in=children)
    if show != ALL:
        members = members.filter(met=False)
    return members


@dataclass
class MembersPage:
    """One page of the children behind a figure and how many the whole list holds, counted up to
    ``limit`` (``more_than_limit`` when it holds more)."""

    page: KeysetPage
    count: int
    more_than_limit: bool
    limit: int = COUNT_LIMIT


def members_page(*, user, snapshot: FigureSnapshot, team=None, show: str = NOT_MET, after: int | None = None,
                 before: int | None = None, per_page: int = CHILDREN_PER_PAGE) -> MembersPage:
    """The page of the children behind a figure after (or before) the member ``after``
    (``before``): those who did not meet the standard first (or only), each group by name. Two
    queries (three past the first page), however many children were counted."""
    members = members_visible_to(user=user, snapshot=snapshot, team=team, show=show)
    listed = members.select_related("child__team", "child__worker__user").only(*SHOWN)
    page = keyset_page(listed, order=LIST_ORDER, per_page=per_page, after=after, before=before)
    counted = count_up_to(members, COUNT_LIMIT)
    return MembersPage(page=page, count=min(counted, COUNT_LIMIT), more_than_limit=counted > COUNT_LIMIT,
                       limit=COUNT_LIMIT)


@dataclass(frozen=True)
class MemberCounts:
    counted: int
    not_met: int


def member_counts(*, user, as_at, team=None) -> dict[str, MemberCounts]:
    """For each measure, how many children the user may see in its council-wide figure on a day,
    and how many of them did not meet the standard: one query for every measure."""
    members = FigureMember.objects.filter(
        snapshot__as_at=as_at, snapshot__team__isnull=True, child__in=children_visible_to(user=user),
    )
    if team is not None:
        members = members.filter(child__team=team)
    return {
        row["snapshot__measure"]: MemberCounts(row["counted"], row["not_met"])
        for row in members.values("snapshot__measure").annotate(
            counted=Count("pk"), not_met=Count("pk", filter=Q(met=False))
        ).order_by()
    }
