"""Working out and keeping what is due for each child and whether their plans are drifting
(models/summaries.py), so a team's caseload or the council's stuck cases read kept rows.

- ``case_summaries_refresh()`` works out every child with anything open, or once held a summary,
  in batches; each batch in its own transaction, so a page never sees half a child. It runs each
  morning (cases/tasks.py, CELERY_BEAT_SCHEDULE), when a manager asks (the stuck-cases and team
  caseload pages) and from ``manage.py refresh_case_summaries``.
- ``case_summaries_refresh(child_ids=[...])`` works out those children again at once: the
  recording services call it as a child's journey or events change, so the pages stay right
  through the day.

Each refresh also keeps the counts per worker (``worker_caseloads_refresh``): children held, with
late work, with work due soon and drifting, for every worker and team it touched.

The rules are the ones the live selectors apply (selectors.due_for_children and
selectors.drift_for_children); tests hold the kept rows to them.
"""

import time
from dataclasses import dataclass
from datetime import date

import operator
from functools import reduce

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import CaseSummary, Child, DueWork, Episode, Stage, WorkerCaseload
from .working_days import add_working_days

BATCH = 2000


@dataclass(frozen=True)
class RefreshResult:
    today: date
    children: int
    due_work: int
    stuck: int
    seconds: float

    def as_dict(self) -> dict:
        """For the Celery result and the log: plain values only."""
        return {"today": self.today.isoformat(), "children": self.children, "due_work": self.due_work,
                "stuck": self.stuck, "seconds": round(self.seconds, 2)}


def children_to_work_out(*, team_ids: list[int] | None = None) -> list[int]:
    """Every child with an open episode (other than a contact, which closes as it is recorded),
    and every child kept from before, so one whose plans have all closed loses their rows."""
    open_children = Episode.objects.filter(end_date__isnull=True).exclude(stage=Stage.CONTACT)
    kept = CaseSummary.objects.all()
    if team_ids is not None:
        open_children = open_children.filter(child__team_id__in=team_ids)
        kept = kept.filter(child__team_id__in=team_ids)
    ids = set(open_children.order_by().values_list("child_id", flat=True).distinct())
    ids.update(kept.values_list("child_id", flat=True))
    return sorted(ids)


def case_summaries_refresh(
    *, child_ids: list[int] | None = None, team_ids: list[int] | None = None, today: date | None = None
) -> RefreshResult:
    """Work out and keep what is due and what is drifting: for ``child_ids`` only, for the
    children of ``team_ids``, or (neither given) for every child with anything open."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    ids = sorted(set(child_ids)) if child_ids is not None else children_to_work_out(team_ids=team_ids)
    totals = {"children": 0, "due_work": 0, "stuck": 0}
    for first in range(0, len(ids), BATCH):
        written = _refresh_batch(ids[first:first + BATCH], today=today)
        for key, value in written.items():
            totals[key] += value
    if child_ids is not None:
        pairs = set(Child.objects.filter(pk__in=ids).values_list("team_id", "worker_id"))
        if pairs:
            worker_caseloads_refresh(pairs=pairs, today=today)
    else:
        worker_caseloads_refresh(team_ids=team_ids, today=today)
    return RefreshResult(today=today, seconds=time.perf_counter() - started, **totals)


def _refresh_batch(child_ids: list[int], *, today: date) -> dict[str, int]:
    """One batch in one transaction: the children's rows are locked first, so a record saved at
    the same moment is worked out after this batch, from what it saved."""
    from . import drift
    from .selectors import drift_for_children, due_for_children

    with transaction.atomic():
        children = list(
            Child.objects.select_for_update().filter(pk__in=child_ids).only("pk", "date_of_birth").order_by("pk")
        )
        due_by_child = due_for_children(children=children, today=today)
        plans = list(
            Episode.objects.filter(child_id__in=child_ids, end_date__isnull=True, stage__in=drift.PLAN_STAGES)
            .only("pk", "child_id", "stage", "start_date")
        )
        drifting = drift_for_children(episodes=plans, due_by_child=due_by_child, today=today) if plans else {}
        open_ids = set(
            Episode.objects.filter(child_id__in=child_ids, end_date__isnull=True).exclude(stage=Stage.CONTACT)
            .order_by().values_list("child_id", flat=True)
        )
        now = timezone.now()
        due_rows: list[DueWork] = []
        summaries: list[CaseSummary] = []
        for child in children:
            items = due_by_child.get(child.pk, [])
            due_rows += [
                DueWork(child_id=child.pk, episode_id=item.episode_pk, stage=item.stage, what=item.what,
                        rule=item.rule, due=item.due)
                for item in items
            ]
            if child.pk not in open_ids and child.pk not in drifting:
                continue
            stuck = drifting.get(child.pk)
            summaries.append(CaseSummary(
                child_id=child.pk, next_due=items[0].due if items else None,
                stuck_since=stuck["since"] if stuck else None, stuck_reasons=stuck["reasons"] if stuck else [],
                last_panel=stuck["last_panel"] if stuck else None, worked_out_on=today, worked_out_at=now,
            ))
        DueWork.objects.filter(child_id__in=child_ids).delete()
        CaseSummary.objects.filter(child_id__in=child_ids).delete()
        DueWork.objects.bulk_create(due_rows, batch_size=1000)
        CaseSummary.objects.bulk_create(summaries, batch_size=1000)
    return {"children": len(summaries), "due_work": len(due_rows), "stuck": len(drifting)}


def _pairs_condition(pairs, *, team: str = "team", worker: str = "worker") -> Q:
    """Rows for any of these (team, worker) pairs, either of which may be empty."""
    def one(field: str, value) -> Q:
        return Q(**{f"{field}__isnull": True}) if value is None else Q(**{f"{field}_id": value})
    return reduce(operator.or_, (one(team, team_id) & one(worker, worker_id) for team_id, worker_id in pairs))


def worker_caseloads_refresh(*, team_ids: list[int] | None = None, pairs=None, today: date | None = None) -> int:
    """Count again, per team and allocated worker, the children held and how many have late work,
    work due in the next ten working days or drifting plans: for these (team, worker) ``pairs``,
    the workers of ``team_ids``, or everyone. Restricted records are left out (see
    models.WorkerCaseload). Four grouped counts, then the rows replaced in one transaction."""
    from .selectors.caseloads import DUE_SOON_WORKING_DAYS

    today = today or timezone.localdate()
    children = Child.objects.filter(restricted=False)
    kept = WorkerCaseload.objects.all()
    if pairs is not None:
        children = children.filter(_pairs_condition(pairs))
        kept = kept.filter(_pairs_condition(pairs))
    elif team_ids is not None:
        children = children.filter(team_id__in=team_ids)
        kept = kept.filter(team_id__in=team_ids)

    def per_pair(queryset, *, distinct: bool = False) -> dict:
        return {(team_id, worker_id): count for team_id, worker_id, count in (
            queryset.order_by().values("team_id", "worker_id").annotate(n=Count("pk", distinct=distinct))
            .values_list("team_id", "worker_id", "n"))}

    held = per_pair(children)
    late = per_pair(children.filter(case_summary__next_due__lt=today))
    soon = per_pair(children.filter(
        due_work__due__gte=today, due_work__due__lte=add_working_days(today, DUE_SOON_WORKING_DAYS)), distinct=True)
    stuck = per_pair(children.filter(case_summary__stuck_since__isnull=False))
    rows = [
        WorkerCaseload(team_id=team_id, worker_id=worker_id, children=count, late=late.get((team_id, worker_id), 0),
                       soon=soon.get((team_id, worker_id), 0), stuck=stuck.get((team_id, worker_id), 0),
                       worked_out_on=today)
        for (team_id, worker_id), count in held.items()
    ]
    with transaction.atomic():
        kept.delete()
        WorkerCaseload.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
