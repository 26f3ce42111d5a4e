"""What may raise an action: audit findings and self-assessment shortfalls. An allow-list, so a
URL cannot link an action to any record in the database.

Records are found through ContentType by "app_label.model" (this app imports neither the inspection
app nor the judgements models for this), and each kind says who may read its text: a finding comes
from a child's case audit, so only people who may see audits read it (elected members see that an
action was raised by a finding, not what the finding said).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from .models import RecommendationKind


@dataclass(frozen=True)
class OriginKind:
    label: str  # what to call it, e.g. "Case audit finding"
    view_permission: str  # who may read its text
    recommendation_kind: str  # the kind of a new recommendation made for it
    child_path: str = ""  # the lookup from the record to the child it is about, if any ("audit__child")


ORIGINS: dict[str, OriginKind] = {
    "inspection.finding": OriginKind("Case audit finding", "inspection.view_caseaudit", RecommendationKind.FINDING,
                                     child_path="audit__child"),
    "judgements.shortfall": OriginKind("Self-assessment shortfall", "judgements.view_selfassessment",
                                       RecommendationKind.AREA_FOR_IMPROVEMENT),
}


@dataclass(frozen=True)
class Origin:
    key: str  # "app_label.model"
    kind: OriginKind
    record: object

    @property
    def area_code(self) -> str:
        """The judgement area the record is about, where it has one (a shortfall does)."""
        area = getattr(self.record, "area", None)
        return getattr(area, "code", "") or ""

    @property
    def text(self) -> str:
        return str(self.record)


def resolve(key: str, pk: int, *, user) -> Origin:
    """The allowed record named by "app_label.model" and its primary key, or 404; a record about a
    child the user may not see (another team's, or a restricted record) is not found either."""
    from cases.selectors import children_visible_to

    kind = ORIGINS.get(key)
    if kind is None:
        raise Http404("Actions cannot be raised from this kind of record.")
    app_label, model = key.split(".", 1)
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        records = content_type.model_class()._default_manager.all()
        if kind.child_path:
            records = records.filter(**{f"{kind.child_path}__in": children_visible_to(user=user)})
        return Origin(key=key, kind=kind, record=records.get(pk=pk))
    except ObjectDoesNotExist:
        raise Http404("No such record.") from None


def describe(origin_type: ContentType | None, record) -> dict | None:
    """How to show what raised an action: its kind, its text (for those who may read it, decided by
    the caller with ``view_permission``) and a link where the record has a page of its own."""
    if origin_type is None:
        return None
    key = f"{origin_type.app_label}.{origin_type.model}"
    kind = ORIGINS.get(key)
    return {
        "label": kind.label if kind else str(origin_type.name).capitalize(),
        "view_permission": kind.view_permission if kind else f"{origin_type.app_label}.view_{origin_type.model}",
        "text": str(record) if record is not None else "",
        "url": record.get_absolute_url() if record is not None and hasattr(record, "get_absolute_url") else "",
        "missing": record is None,
    }
