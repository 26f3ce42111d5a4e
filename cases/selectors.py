"""Reads of children and teams, always scoped to the user asking."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import AccessLogEntry, Child, Team, Worker


def worker_for_user(user) -> Worker | None:
    try:
        return user.worker
    except (Worker.DoesNotExist, AttributeError):
        return None


def team_ids_for_worker(worker: Worker) -> set[int]:
    """The worker's own team and every team they manage."""
    ids = set(worker.managed_teams.values_list("pk", flat=True))
    if worker.team_id:
        ids.add(worker.team_id)
    return ids


def children_visible_to(*, user) -> QuerySet[Child]:
    """Every child the user may see.

    Practitioners and team managers see their own team's children and those of the teams they
    manage; holders of ``view_all_children`` (auditors, senior managers) see every team. A
    restricted record is visible only to its named workers, whoever else the user is.
    """
    if not user.is_authenticated or not user.has_perm("cases.view_child"):
        return Child.objects.none()
    worker = worker_for_user(user)
    children = Child.objects.all()
    if not user.has_perm("cases.view_all_children"):
        if worker is None:
            return Child.objects.none()
        children = children.filter(team_id__in=team_ids_for_worker(worker))
    if worker is None:
        return children.filter(restricted=False)
    named = Child.named_workers.through.objects.filter(child_id=OuterRef("pk"), worker_id=worker.pk)
    return children.filter(Q(restricted=False) | Q(Exists(named)))


def child_for_user(*, user, pk: int) -> Child:
    """One child the user may see, or 404 (a record out of scope is not acknowledged)."""
    return get_object_or_404(children_visible_to(user=user).select_related("team", "worker__user"), pk=pk)


def teams_visible_to(*, user) -> QuerySet[Team]:
    if user.has_perm("cases.view_all_children"):
        return Team.objects.all()
    worker = worker_for_user(user)
    if worker is None or not user.has_perm("cases.view_child"):
        return Team.objects.none()
    return Team.objects.filter(pk__in=team_ids_for_worker(worker))


def workers_visible_to(*, user) -> QuerySet[Worker]:
    return Worker.objects.filter(team__in=teams_visible_to(user=user)).select_related("user")


def access_log_for_child(*, child: Child, limit: int = 20) -> QuerySet[AccessLogEntry]:
    return child.access_log_entries.select_related("user")[:limit]
