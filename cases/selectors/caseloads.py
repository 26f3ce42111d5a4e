"""Caseloads and stuck cases: many children at once, in a fixed number of queries."""

from django.db.models import QuerySet

from ..models import Child, Team, Worker
from .record import due_for_children
from .scope import children_visible_to


def caseload_rows(*, children, today) -> list[dict]:
    """Each child with what is due for them, the most urgent first: late work, then work due
    soonest. A fixed number of queries for any number of children."""
    from ..models import Episode, Stage

    children = list(children)
    due_by_child = due_for_children(children=children, today=today)
    open_stages: dict[int, list[str]] = {}
    for child_id, stage in (
        Episode.objects.filter(child__in=[child.pk for child in children], end_date__isnull=True)
        .exclude(stage=Stage.CONTACT)
        .values_list("child_id", "stage")
    ):
        open_stages.setdefault(child_id, []).append(Stage(stage).label)
    rows = []
    for child in children:
        items = due_by_child.get(child.pk, [])
        late = [item for item in items if item.timescale.is_late(today)]
        rows.append({
            "child": child,
            "stages": sorted(open_stages.get(child.pk, [])),
            "late": late,
            "soon": [item for item in items if item.timescale.due_within(today, 10)],
            "next": items[0] if items else None,
            "worst_overdue": max((item.timescale.days_overdue(today) for item in late), default=0),
        })
    rows.sort(key=lambda row: (-row["worst_overdue"], row["next"].due if row["next"] else today.replace(year=9999), row["child"].last_name))
    return rows


def caseload_children_for_worker(*, user, worker: Worker) -> QuerySet[Child]:
    return children_visible_to(user=user).filter(worker=worker).select_related("team", "worker__user")


def caseload_children_for_team(*, user, team: Team) -> QuerySet[Child]:
    return children_visible_to(user=user).filter(team=team).select_related("team", "worker__user")


def worker_counts_for_team(*, rows: list[dict], team: Team) -> list[dict]:
    """Caseload per worker in the team, with late and due-soon counts, from caseload rows."""
    counts: dict[int | None, dict] = {}
    for worker in team.workers.select_related("user"):
        counts[worker.pk] = {"worker": worker, "children": 0, "late": 0, "soon": 0}
    for row in rows:
        worker = row["child"].worker
        entry = counts.setdefault(worker.pk if worker else None, {"worker": worker, "children": 0, "late": 0, "soon": 0})
        entry["children"] += 1
        entry["late"] += bool(row["late"])
        entry["soon"] += bool(row["soon"])
    return sorted(counts.values(), key=lambda entry: (entry["worker"] is None, -entry["children"]))


def stuck_cases(*, user, today) -> list[dict]:
    """Children whose open plans are drifting, for the panel: the longest stuck first.

    A fixed number of queries: open plans, last progress per plan, visits due (five), last panel.
    """
    from django.db.models import Max

    from .. import drift
    from ..models import CouncilSettings, Episode, Event, EventKind, Stage

    episodes = list(
        Episode.objects.filter(
            child__in=children_visible_to(user=user), end_date__isnull=True, stage__in=drift.PLAN_STAGES
        ).select_related("child__team", "child__worker__user")
    )
    if not episodes:
        return []
    last_progress = dict(
        Event.objects.filter(episode__in=[episode.pk for episode in episodes], kind__in=drift.PROGRESS_KINDS)
        .values("episode_id")
        .annotate(last=Max("date"))
        .values_list("episode_id", "last")
    )
    children = {episode.child_id: episode.child for episode in episodes}
    visits_late: dict[int, int] = {}
    for child_id, items in due_for_children(children=children.values(), today=today).items():
        for item in items:
            if item.what.endswith("visit"):
                visits_late[item.episode_pk] = item.timescale.days_overdue(today)
    last_panel = dict(
        Event.objects.filter(child_id__in=children, kind=EventKind.PANEL_DECISION)
        .values("child_id")
        .annotate(last=Max("date"))
        .values_list("child_id", "last")
    )
    drift_weeks = CouncilSettings.current().drift_weeks
    by_child: dict[int, dict] = {}
    for episode in episodes:
        facts = drift.PlanFacts(
            stage=episode.stage,
            stage_label=Stage(episode.stage).label,
            start_date=episode.start_date,
            last_progress=last_progress.get(episode.pk),
            visit_days_overdue=visits_late.get(episode.pk, 0),
        )
        reasons = drift.drift_reasons(facts, today=today, drift_weeks=drift_weeks)
        if not reasons:
            continue
        row = by_child.setdefault(episode.child_id, {
            "child": episode.child, "reasons": [], "since": today, "last_panel": last_panel.get(episode.child_id),
        })
        row["reasons"] += reasons
        row["since"] = min(row["since"], facts.last_progress or facts.start_date)
    return sorted(by_child.values(), key=lambda row: (row["since"], row["child"].last_name))
