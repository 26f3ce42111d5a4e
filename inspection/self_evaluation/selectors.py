"""Reads for the self-evaluation, including the key figures taken with each version."""

from collections import Counter

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils import timezone

from cases.models import Episode, Stage
from judgements.grades import Grade

from ..audits.selectors import COUNTED
from ..models import CaseAudit, Moderation


def key_figures() -> dict:
    """Figures an inspector asks about first, from the live records: three aggregate queries."""
    today = timezone.localdate()
    year_ago = today - relativedelta(years=1)
    open_by_stage = dict(
        Episode.objects.filter(end_date__isnull=True).exclude(stage=Stage.CONTACT)
        .values_list("stage").annotate(count=Count("id")).values_list("stage", "count")
    )
    grades = Counter(dict(
        CaseAudit.objects.filter(status__in=COUNTED, completed_at__date__gte=year_ago)
        .values_list("overall_grade").annotate(count=Count("id")).values_list("overall_grade", "count")
    ))
    moderated = Moderation.objects.filter(completed_at__date__gte=year_ago).aggregate(
        total=Count("id"), agreed=Count("id", filter=Q(overall_agreed=True))
    )
    return {
        "as_at": today.isoformat(),
        "open_by_stage": [[Stage(stage).label, open_by_stage.get(stage, 0)] for stage in Stage if stage != Stage.CONTACT],
        "audits_in_last_year": sum(grades.values()),
        "audit_grades": [[grade.label, grades.get(grade.value, 0)] for grade in Grade],
        "moderated_in_last_year": moderated["total"],
        "moderation_agreed": moderated["agreed"],
    }
