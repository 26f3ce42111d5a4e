"""Closed children's records due for retention review (cases/retention.py says when), for the
senior managers and administrators who review them.

Retention review is council-wide: a reviewer sees every team's closed records, but a restricted
record only if they are one of its named workers. Whether a record is due is worked out in the
database (the rule gives the limits: ``retention.due_by``), so a page of 50 is two queries however
many children the council holds.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from .. import retention
from ..models import Child, Episode, RetentionReview, Stage, Team
from .scope import worker_for_user

ROWS_PER_PAGE = 50


def retention_periods() -> retention.RetentionPeriods:
    return retention.RetentionPeriods.from_settings(settings)


def retention_children_for(*, user) -> QuerySet[Child]:
    """The children whose records this user may review for retention: none without the
    permission; otherwise every team's, restricted records only for their named workers."""
    if not user.is_authenticated or not user.has_perm("cases.view_retentionreview"):
        return Child.objects.none()
    worker = worker_for_user(user)
    if worker is None:
        return Child.objects.filter(restricted=False)
    named = Child.named_workers.through.objects.filter(child_id=OuterRef("pk"), worker_id=worker.pk)
    return Child.objects.filter(Q(restricted=False) | Q(Exists(named)))


def _with_closure(children: QuerySet[Child]) -> QuerySet[Child]:
    """Each child with what the rule needs: whether anything is open, when the record closed (the
    latest episode end), the stage last held, whether they were ever looked after, and the date of
    any adoption order."""
    episodes = Episode.objects.filter(child=OuterRef("pk"))
    latest = episodes.order_by(F("end_date").desc(nulls_last=True), "-start_date", "-pk")
    adoption_orders = episodes.filter(stage=Stage.ADOPTION, adoption_order_date__isnull=False)
    return children.annotate(
        has_episodes=Exists(episodes),
        has_open_episode=Exists(episodes.filter(end_date__isnull=True)),
        closed_on=Subquery(latest.values("end_date")[:1]),
        last_stage=Subquery(latest.values("stage")[:1]),
        looked_after=Exists(episodes.filter(stage__in=retention.LOOKED_AFTER_STAGES)),
        adoption_order_on=Subquery(adoption_orders.order_by("-adoption_order_date").values("adoption_order_date")[:1]),
    )


def _review_due(child: Child, periods: retention.RetentionPeriods) -> retention.ReviewDue:
    return retention.review_due(date_of_birth=child.date_of_birth, closed_on=child.closed_on,
                                looked_after=child.looked_after, adoption_order_on=child.adoption_order_on,
                                periods=periods)


@dataclass(frozen=True)
class RetentionRow:
    child: Child
    closed_on: date
    last_stage: str
    due: retention.ReviewDue


def children_due_for_retention_review(*, user, today: date, team: Team | None = None,
                                      periods: retention.RetentionPeriods | None = None) -> QuerySet[Child]:
    """Closed children past their retention period whom nobody has reviewed since (a record kept
    for a further period comes back on its next review date; one marked for destruction or
    archiving does not), longest closed first."""
    periods = periods or retention_periods()
    due = retention.due_by(today, periods)
    children = retention_children_for(user=user)
    if team is not None:
        children = children.filter(team=team)
    awaiting_next_review = RetentionReview.objects.filter(child=OuterRef("pk")).filter(
        Q(next_review_on__isnull=True) | Q(next_review_on__gt=today))
    return (
        _with_closure(children)
        .filter(has_episodes=True, has_open_episode=False, closed_on__lte=due.closed_on)
        .filter(Q(looked_after=False, date_of_birth__lte=due.born)
                | Q(looked_after=True, date_of_birth__lte=due.born_looked_after))
        .filter(Q(adoption_order_on__isnull=True) | Q(adoption_order_on__lte=due.adoption_order_on))
        .exclude(Exists(awaiting_next_review))
        .select_related("team")
        .order_by("closed_on", "pk")
    )


def retention_review_page(*, user, today: date, team: Team | None = None, page_number=None) -> Page:
    """One page (50) of the children due for review, each row with when its review fell due and
    why. Two queries: the count and the page."""
    periods = retention_periods()
    children = children_due_for_retention_review(user=user, today=today, team=team, periods=periods)
    page = Paginator(children, ROWS_PER_PAGE).get_page(page_number)
    page.object_list = [
        RetentionRow(child=child, closed_on=child.closed_on, last_stage=Stage(child.last_stage).label,
                     due=_review_due(child, periods))
        for child in page.object_list
    ]
    return page


@dataclass(frozen=True)
class RetentionPosition:
    """Where one child's record stands: open (no review yet), closed and due (or not yet due),
    with the decisions made about it before, newest first."""

    has_episodes: bool
    open: bool
    closed_on: date | None
    last_stage: str | None
    due: retention.ReviewDue | None
    reviews: list[RetentionReview]

    @property
    def closed(self) -> bool:
        return self.has_episodes and not self.open


def retention_position(*, child: Child, today: date) -> RetentionPosition:
    annotated = _with_closure(Child.objects.filter(pk=child.pk)).get()
    closed = annotated.has_episodes and not annotated.has_open_episode
    reviews = list(child.retention_reviews.select_related("decided_by")[:10])
    return RetentionPosition(
        has_episodes=annotated.has_episodes, open=annotated.has_open_episode,
        closed_on=annotated.closed_on if closed else None,
        last_stage=Stage(annotated.last_stage).label if annotated.last_stage else None,
        due=_review_due(annotated, retention_periods()) if closed else None,
        reviews=reviews,
    )
