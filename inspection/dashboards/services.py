"""Writing the dashboards' figures: worked out by compute.py and kept by date, so the dashboards
read a fixed number of rows however many children there are.

``figures_refresh`` runs each morning (inspection/dashboards/tasks.py). It works out today's
figures and those of each of the last twelve month ends not yet kept, and keeps:

- one FigureSnapshot per figure per date council-wide (always, even with nothing counted) and
  one per team with anything counted for that figure;
- the month ends, and the latest day; an earlier day's figures that were not a month end are
  removed, as the latest day's replace them;
- FigureMember rows (the children behind each figure, with a copy of each child's name to list
  them in name order) for the latest day's council-wide figures only; caseloads have none.

Each date's rows are replaced in one transaction, so a dashboard never sees half a date.
"""

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from cases.models import Child, CouncilSettings
from inspection.models import FigureMember, FigureSnapshot

from .compute import Computed, compute

MEMBER_BATCH = 5000


@dataclass(frozen=True)
class DateWritten:
    as_at: date
    snapshots: int
    members: int
    seconds: float


@dataclass
class RefreshResult:
    today: date
    written: list[DateWritten] = field(default_factory=list)
    removed_dates: list[date] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def members(self) -> int:
        return sum(item.members for item in self.written)

    def as_dict(self) -> dict:
        """For the Celery result and the log: plain values only."""
        return {
            "today": self.today.isoformat(),
            "dates": [item.as_at.isoformat() for item in self.written],
            "snapshots": sum(item.snapshots for item in self.written),
            "members": self.members,
            "removed_dates": [day.isoformat() for day in self.removed_dates],
            "seconds": round(self.seconds, 2),
        }


def month_ends_before(today: date, months: int) -> list[date]:
    """The last day of each of the ``months`` months before today's month, latest first."""
    first = today.replace(day=1)
    return [first - relativedelta(months=back) - timedelta(days=1) for back in range(months)]


def is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def figures_refresh(*, today: date | None = None, months: int = 12, rebuild: bool = False) -> RefreshResult:
    """Work out and keep today's figures and those of each of the last ``months`` month ends
    that has none yet (every one of them with ``rebuild``). Returns what was written."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    result = RefreshResult(today=today)
    month_ends = month_ends_before(today, months)
    kept = set(FigureSnapshot.objects.filter(team__isnull=True).order_by().values_list("as_at", flat=True).distinct())
    wanted = [day for day in month_ends if rebuild or day not in kept]
    every = CouncilSettings.current().child_protection_visit_working_days
    computed_at = timezone.now()
    for as_at in sorted(wanted) + [today]:
        began = time.perf_counter()
        computed = compute(as_at, visit_every_working_days=every)
        snapshots, members = _write(computed, computed_at=computed_at, with_members=as_at == today)
        result.written.append(DateWritten(as_at, snapshots, members, time.perf_counter() - began))
    result.removed_dates = _remove_passed_days(today)
    result.seconds = time.perf_counter() - started
    return result


def _write(computed: Computed, *, computed_at, with_members: bool) -> tuple[int, int]:
    """Replace one date's snapshots (and, for the latest day, every figure's members): one
    transaction. Returns how many snapshots and members were written."""
    rows: list[FigureSnapshot] = []
    for key, figure in computed.figures.items():
        rows.append(FigureSnapshot(measure=key, as_at=computed.as_at, team=None, numerator=figure.council.numerator,
                                   denominator=figure.council.denominator, computed_at=computed_at))
        rows += [
            FigureSnapshot(measure=key, as_at=computed.as_at, team_id=team_id, numerator=tally.numerator,
                           denominator=tally.denominator, computed_at=computed_at)
            for team_id, tally in sorted(figure.teams.items(), key=lambda item: item[0] or 0)
            if team_id is not None and tally.denominator
        ]
    members = 0
    with transaction.atomic():
        if with_members:
            FigureMember.objects.all().delete()
        FigureSnapshot.objects.filter(as_at=computed.as_at).delete()
        made = FigureSnapshot.objects.bulk_create(rows)
        if with_members:
            council = {snapshot.measure: snapshot.pk for snapshot in made if snapshot.team_id is None}
            if any(pk is None for pk in council.values()):  # a database that returns no keys from bulk_create
                council = dict(FigureSnapshot.objects.filter(as_at=computed.as_at, team__isnull=True)
                               .values_list("measure", "pk"))
            names = _names(computed)
            batch: list[FigureMember] = []
            for key, figure in computed.figures.items():
                for member in figure.members:
                    last_name, first_name = names.get(member.child_id, ("", ""))
                    batch.append(FigureMember(snapshot_id=council[key], child_id=member.child_id, met=member.met,
                                              detail=member.detail[:200], sort_last_name=last_name,
                                              sort_first_name=first_name))
                    if len(batch) >= MEMBER_BATCH:
                        FigureMember.objects.bulk_create(batch)
                        members += len(batch)
                        batch = []
            FigureMember.objects.bulk_create(batch)
            members += len(batch)
    return len(rows), members


def _names(computed: Computed) -> dict[int, tuple[str, str]]:
    """The last and first name of every child counted in a figure, copied onto their FigureMember
    rows so the children behind a figure are listed in name order from an index. One query,
    streamed: every child is read and only those counted kept."""
    counted = {member.child_id for figure in computed.figures.values() for member in figure.members}
    return {
        pk: (last_name, first_name)
        for pk, last_name, first_name in Child.objects.order_by().values_list("pk", "last_name", "first_name")
        .iterator(chunk_size=MEMBER_BATCH)
        if pk in counted
    }


def _remove_passed_days(today: date) -> list[date]:
    """Remove the figures of earlier days that were neither a month end nor today: the latest
    day's figures replace them."""
    passed = sorted(
        day for day in FigureSnapshot.objects.exclude(as_at=today).order_by().values_list("as_at", flat=True).distinct()
        if not is_month_end(day)
    )
    if passed:
        FigureSnapshot.objects.filter(as_at__in=passed).delete()
    return passed
