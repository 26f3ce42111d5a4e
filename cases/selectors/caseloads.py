"""Caseloads and stuck cases: many children at once, in a fixed number of queries."""

from html import escape

from django.db.models import F, QuerySet
from django.utils.safestring import mark_safe

from .. import rules
from ..addresses import record_address, record_addresses
from ..due import late_by
from ..models import Child, Team, Worker
from .record import due_for_children
from .scope import children_visible_to

DUE_SOON_WORKING_DAYS = 10  # work due within this many working days is "due soon"


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
    address = record_addresses()
    rows = [caseload_row(child, due_by_child.get(child.pk, []), open_stages.get(child.pk, []), today=today,
                         address=address) for child in children]
    rows.sort(key=lambda row: (-row["worst_overdue"], row["next"].due if row["next"] else today.replace(year=9999), row["child"].last_name))
    return rows


def caseload_row(child, items: list, stages: list[str], *, today, address=None) -> dict:
    """One child's line in a caseload: what is open, what is late, what is due soon and next.
    ``items`` is what is due for them, soonest first. The line's words are made here, once: a
    caseload page shows fifty lines and a hundred or more late items, and a template works each
    value out again (looking it up, localising it, escaping it) for every cell it fills.
    ``address`` gives a record's address (``addresses.record_addresses()``, made once a list)."""
    from .. import rules
    from ..due import late_by

    late = [item for item in items if item.timescale.is_late(today)]
    overdue = [item.timescale.days_overdue(today) for item in late]
    age = rules.age_on(child.date_of_birth, today)
    stages = sorted(stages)
    late_labels = [f"{item.what}: {late_by(days).lower()}" for item, days in zip(late, overdue, strict=True)]
    return {
        "child": child,
        "age": age,
        "stages": stages,
        "late": late,
        "late_labels": late_labels,
        # The late column's tags, escaped here: a template loop per line cost more than the rest of the line.
        "late_html": mark_safe("".join(f'<strong class="govuk-tag govuk-tag--red los-tag-block">{escape(label)}</strong>'
                                       for label in late_labels)) if late_labels else "None",
        "soon": [item for item in items if item.timescale.due_within(today, DUE_SOON_WORKING_DAYS)],
        "next": items[0] if items else None,
        "worst_overdue": max(overdue, default=0),
        # What the caseload table shows, as it shows it.
        "record_url": (address or record_address)(child.pk),
        "name": f"{child.last_name}, {child.first_name}",
        "identity": f"{child.local_id}, aged {age}",
        "open_text": ", ".join(stages) or "Nothing open",
        "worker_text": _worker_name(child) if child.worker_id else "Not allocated",
        "next_text": f"{items[0].what}, {items[0].timescale.due:%-d %b %Y}" if items else "Nothing running",
    }


def _worker_name(child) -> str:
    """The child's worker as ``str(worker)`` says it: from the names read with the child where the
    caseload pages read them (``WORKER_NAMES``), else from the worker and login read with it."""
    if hasattr(child, "worker_username"):
        return rules.person_name(child.worker_first_name, child.worker_last_name, child.worker_username)
    return str(child.worker)


# The worker's names read with each child as three columns: fifty children with their worker and
# login as objects of their own made three times the objects for the one name each line shows.
WORKER_NAMES = {"worker_first_name": F("worker__user__first_name"), "worker_last_name": F("worker__user__last_name"),
                "worker_username": F("worker__user__username")}


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
    """Children whose open plans are drifting, for the panel: the longest stuck first, worked
    out now from the records (the page reads what cases/summaries.py keeps; this is the rule
    it keeps). A fixed number of queries: open plans, last progress per plan, visits due (five),
    last panel."""
    from .. import drift
    from ..models import Episode

    episodes = list(
        Episode.objects.filter(
            child__in=children_visible_to(user=user), end_date__isnull=True, stage__in=drift.PLAN_STAGES
        ).select_related("child__team", "child__worker__user")
    )
    if not episodes:
        return []
    children = {episode.child_id: episode.child for episode in episodes}
    by_child = drift_for_children(
        episodes=episodes, due_by_child=due_for_children(children=children.values(), today=today), today=today
    )
    rows = [{"child": children[child_id], **row} for child_id, row in by_child.items()]
    return sorted(rows, key=lambda row: (row["since"], row["child"].last_name))


def drift_for_children(*, episodes: list, due_by_child: dict[int, list], today) -> dict[int, dict]:
    """Why each child's open plans are drifting, keyed by child pk, for those with any reason:
    the reasons, since when (the earliest last progress on a drifting plan) and the last panel.

    ``episodes`` are the children's open plans; ``due_by_child`` what is due for them
    (due_for_children). Two queries: last progress per plan, last panel per child.
    """
    from django.db.models import Max

    from .. import drift
    from ..models import CouncilSettings, Event, EventKind, Stage

    last_progress = dict(
        Event.objects.filter(episode__in=[episode.pk for episode in episodes], kind__in=drift.PROGRESS_KINDS)
        .values("episode_id")
        .annotate(last=Max("date"))
        .values_list("episode_id", "last")
    )
    visits_late: dict[int, int] = {}
    for items in due_by_child.values():
        for item in items:
            if item.what.endswith("visit"):
                visits_late[item.episode_pk] = item.timescale.days_overdue(today)
    last_panel = dict(
        Event.objects.filter(child_id__in={episode.child_id for episode in episodes}, kind=EventKind.PANEL_DECISION)
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
            "reasons": [], "since": today, "last_panel": last_panel.get(episode.child_id),
        })
        row["reasons"] += reasons
        row["since"] = min(row["since"], facts.last_progress or facts.start_date)
    return by_child
