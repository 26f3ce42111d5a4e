"""Writes for the council's targets: senior managers change a figure's target and amber range on
the targets page. Who changed what is kept by simple-history (FigureTarget.history)."""

from django.db import transaction

from ..models import FigureTarget
from .measures import MEASURES
from .selectors import Target


@transaction.atomic
def targets_save(*, actor, chosen: dict[str, Target]) -> list[str]:
    """Save each target that differs from today's (the council's, or the default where none is
    set), all or nothing. Returns the keys of the measures changed."""
    changed = []
    rows = {row.measure: row for row in FigureTarget.objects.select_for_update().filter(
        measure__in=[measure.key for measure in MEASURES])}
    for measure in MEASURES:
        wanted, row = chosen[measure.key], rows.get(measure.key)
        now = (row.target, row.tolerance) if row else (measure.target, measure.tolerance)
        if (wanted.value, wanted.tolerance) == now:
            continue
        row = row or FigureTarget(measure=measure.key)
        row.target, row.tolerance, row.updated_by = wanted.value, wanted.tolerance, actor
        row._history_user = actor
        row._change_reason = "Target changed"
        row.full_clean()
        row.save()
        changed.append(measure.key)
    return changed
