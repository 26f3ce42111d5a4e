"""Who may see which children, teams and access-log entries."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from ..batched_reads import read_together
from ..models import AccessLogEntry, Child, Team, Worker


def _named_on_restricted_sql() -> RawSQL:
    """Whether any restricted record names the worker, as SQL written out once: the same question
    as an ``Exists`` of the ORM cost twice the rest of the worker's read to compile, on every page."""
    named, child, worker = (connection.ops.quote_name(model._meta.db_table)
                            for model in (Child.named_workers.through, Child, Worker))
    return RawSQL(f"EXISTS (SELECT 1 FROM {named} JOIN {child} ON {child}.id = {named}.child_id "
                  f"WHERE {named}.worker_id = {worker}.id AND {child}.restricted)", [], output_field=BooleanField())


_NAMED_ON_RESTRICTED = _named_on_restricted_sql()


def worker_for_user(user) -> Worker | None:
    """The user's worker, read once for the user object (made afresh for each request), with
    whether any restricted record names them (``named_on_restricted``): most workers are named on
    none, and then the lists they see need not look at the names at all."""
    if getattr(user, "pk", None) is None:
        return None
    if not get_user_model().worker.is_cached(user):
        _keep_worker(user, list(_worker_read(user)))
    try:
        return user.worker
    except (Worker.DoesNotExist, AttributeError):
        return None


def team_ids_for_worker(worker: Worker) -> set[int]:
    """The worker's own team and every team they manage: read once for the worker object (the
    signed-in user's, made afresh for each request), however many lists on a page are scoped."""
    return {team.pk for team in teams_of_worker(worker)}


def teams_of_worker(worker: Worker) -> list[Team]:
    """The worker's own team and the teams they manage, by name: one query for the worker object,
    shared by every scoped list on the page and by the caseloads' navigation."""
    teams = getattr(worker, "_teams", None)
    if teams is None:
        mine = Q(managers=worker) | Q(pk=worker.team_id) if worker.team_id else Q(managers=worker)
        teams = list(Team.objects.filter(mine).distinct().order_by("name"))
        worker._teams = teams
    return list(teams)


def children_visible_to(*, user, few: bool = False) -> QuerySet[Child]:
    """Every child the user may see.

    Practitioners and team managers see their own team's children and those of the teams they
    manage; holders of ``view_all_children`` (auditors, senior managers) see every team. A
    restricted record is visible only to its named workers, whoever else the user is.

    ``few``: the list will be read for a few children picked by number (one record, a sample's
    cases), so someone who sees every team needs no read of their worker first (``_named_on``).
    """
    if not user.is_authenticated or not user.has_perm("cases.view_child"):
        return Child.objects.none()
    children = Child.objects.all()
    if not user.has_perm("cases.view_all_children"):
        worker = worker_for_user(user)
        if worker is None:
            return Child.objects.none()
        children = children.filter(team_id__in=team_ids_for_worker(worker))
    # "Or among the children this user is named on": read once as a small set (a hashed subplan
    # in PostgreSQL), not looked up again for each of a hundred thousand children.
    return children.filter(Q(restricted=False) | Q(pk__in=_named_on(user, by_login=few)))


def children_hidden_from(*, user) -> QuerySet[Child] | None:
    """For someone who sees every team: the children they may not see (restricted records that do
    not name them), a handful read from their own index; a council-wide list of something about
    children (a figure's members) leaves these out instead of joining every child it holds. None
    for anyone else: their lists are scoped by team (``children_visible_to``)."""
    if not user.is_authenticated or not user.has_perm("cases.view_child") or not user.has_perm("cases.view_all_children"):
        return None
    return Child.objects.filter(restricted=True).exclude(pk__in=_named_on(user)).values("pk")


def _named_on(user, *, by_login: bool = False) -> QuerySet | list:
    """The children whose restricted records name this user's worker (none if they have no
    worker), to filter on as a subquery. By the worker's number, read once for the request: a
    join to the workers here, or the number as a subquery of its own, cost the planner's estimate
    enough to turn a team's caseload from an index walk into a sort of its twenty thousand
    children (0.8 ms to 37 ms). For a few children read by number there is no plan to turn, so
    ``by_login`` names them through the worker's login, in the same query, unless the worker has
    been read already."""
    if by_login and not get_user_model().worker.is_cached(user):
        return Child.named_workers.through.objects.filter(worker__user_id=user.pk).values("child_id")
    worker = worker_for_user(user)
    if worker is None or getattr(worker, "named_on_restricted", True) is False:
        return []  # named on no restricted record: "not restricted" says it all
    return Child.named_workers.through.objects.filter(worker_id=worker.pk).values("child_id")


def restricted_children_visible_to(*, user) -> QuerySet[Child]:
    """The restricted records among the children the user may see: those they are named on, in
    their teams. Read from the names (a handful), not by looking through every child."""
    if not user.is_authenticated or not user.has_perm("cases.view_child"):
        return Child.objects.none()
    named_on = _named_on(user)
    if isinstance(named_on, list):  # named on no restricted record
        return Child.objects.none()
    named = Child.objects.filter(restricted=True, pk__in=named_on)
    if not user.has_perm("cases.view_all_children"):
        worker = worker_for_user(user)
        if worker is None:
            return Child.objects.none()
        named = named.filter(team_id__in=team_ids_for_worker(worker))
    return named


def child_for_user(*, user, pk: int, glass_broken: frozenset[int] = frozenset()) -> Child:
    """One child the user may see, or 404 (a record out of scope is not acknowledged).

    ``glass_broken`` holds restricted records this user opened in an emergency (see
    restricted_child_behind_glass); they stay open to them for the rest of that session window.
    """
    visible = children_visible_to(user=user, few=True)
    if pk in glass_broken and user.has_perm("cases.break_glass"):
        visible = visible | _restricted_in_scope(user)
    return get_object_or_404(visible.select_related("team", "worker__user"), pk=pk)


def _restricted_in_scope(user) -> QuerySet[Child]:
    """Restricted children in the teams the user could otherwise see."""
    restricted = Child.objects.filter(restricted=True)
    if user.has_perm("cases.view_all_children"):
        return restricted
    worker = worker_for_user(user)
    return restricted.filter(team_id__in=team_ids_for_worker(worker)) if worker else Child.objects.none()


def restricted_child_behind_glass(*, user, pk: int) -> Child | None:
    """A restricted child this user may open by breaking the glass (a manager, in scope), or None."""
    if not user.has_perm("cases.break_glass"):
        return None
    return _restricted_in_scope(user).filter(pk=pk).first()


def _worker_read(user) -> QuerySet[Worker]:
    return Worker.objects.filter(user_id=user.pk).annotate(named_on_restricted=_NAMED_ON_RESTRICTED).order_by()[:1]


def _keep_worker(user, found: list[Worker]) -> None:
    """Keep the worker read for the user object, as ``user.worker`` would have (None for none)."""
    get_user_model().worker.related.set_cached_value(user, found[0] if found else None)


def teams_in_sight(*, user) -> list[Team]:
    """``teams_visible_to`` as a list by name, for navigation: a practitioner's or team manager's
    teams come from the read that scopes their lists (``teams_of_worker``), not a query of their own.
    For someone who sees every team, the teams are read with their worker (which scopes the lists
    that follow), in one round trip."""
    if user.has_perm("cases.view_all_children"):
        if getattr(user, "pk", None) is None or get_user_model().worker.is_cached(user):
            return list(Team.objects.all())
        teams, found = read_together(Team.objects.all(), _worker_read(user))
        _keep_worker(user, found)
        return teams
    worker = worker_for_user(user)
    if worker is None or not user.has_perm("cases.view_child"):
        return []
    return teams_of_worker(worker)


def teams_visible_to(*, user) -> QuerySet[Team]:
    if user.has_perm("cases.view_all_children"):
        return Team.objects.all()
    worker = worker_for_user(user)
    if worker is None or not user.has_perm("cases.view_child"):
        return Team.objects.none()
    return Team.objects.filter(pk__in=team_ids_for_worker(worker))


def workers_visible_to(*, user) -> QuerySet[Worker]:
    return Worker.objects.filter(team__in=teams_visible_to(user=user)).select_related("user")


def access_log_for_child(*, child: Child, limit: int = 20) -> QuerySet:
    """The newest views of a child's record, as the record's "Who has looked at this record" list
    shows them and no more: when, what and who (first name, last name, username)."""
    return (child.access_log_entries.order_by("-at", "-pk")
            .values_list("at", "action", "user__first_name", "user__last_name", "user__username")[:limit])


def open_episode_exists(*, child: Child, stage: str, exclude_pk: int | None = None) -> bool:
    """Is there already an open episode of this kind, for stages where only one may be open?"""
    from ..models import ONE_OPEN_AT_A_TIME

    if stage not in ONE_OPEN_AT_A_TIME:
        return False
    return child.episodes.filter(stage=stage, end_date__isnull=True).exclude(pk=exclude_pk).exists()


def access_log_visible_to(*, user) -> QuerySet[AccessLogEntry]:
    """Access-log entries a manager may search: every entry for holders of view_all_children;
    otherwise entries about children in their teams and their team members' exports."""
    if not user.has_perm("cases.view_accesslogentry"):
        return AccessLogEntry.objects.none()
    entries = AccessLogEntry.objects.select_related("user", "child").order_by("-at", "-pk")
    if user.has_perm("cases.view_all_children"):
        return entries
    worker = worker_for_user(user)
    if worker is None:
        return AccessLogEntry.objects.none()
    teams = team_ids_for_worker(worker)
    return entries.filter(Q(child__team_id__in=teams) | Q(child__isnull=True, user__worker__team_id__in=teams))
