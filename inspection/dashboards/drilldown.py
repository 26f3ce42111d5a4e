"""The children behind a figure: those counted in the latest council-wide figure (kept by the
nightly job as FigureMember rows), only those the user may see, and only the chosen team's.

A team manager opening a figure sees their own team's children, whatever team is asked for in
the address: the list is always cut to cases.selectors.children_visible_to. Every read here is a
fixed number of queries, however many children were counted.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cases.selectors import children_visible_to

from ..models import FigureMember, FigureSnapshot
from .measures import PERCENT, Measure

NOT_MET, ALL = "not_met", "all"
SHOW_CHOICES = [(NOT_MET, "Not meeting the standard"), (ALL, "All counted")]


def has_children(measure: Measure) -> bool:
    """Caseloads count social workers, not children: there is no list of children behind them."""
    return measure.unit == PERCENT


def latest_snapshot(*, measure: Measure) -> FigureSnapshot | None:
    """The latest council-wide figure for one measure: one query."""
    return FigureSnapshot.objects.filter(measure=measure.key, team__isnull=True).order_by("-as_at").first()


def members_visible_to(*, user, snapshot: FigureSnapshot, team=None, show: str = NOT_MET) -> QuerySet[FigureMember]:
    """The children counted in a figure whom the user may see: those who did not meet the
    standard first (or only), then by name."""
    members = (
        FigureMember.objects.filter(snapshot=snapshot, child__in=children_visible_to(user=user))
        .select_related("child__team", "child__worker__user")
        .order_by("met", "child__last_name", "child__first_name", "pk")
    )
    if team is not None:
        members = members.filter(child__team=team)
    if show != ALL:
        members = members.filter(met=False)
    return members


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
