"""'Print this list': the children list, with the filters the user chose, as a PDF."""

from types import SimpleNamespace

from django.http import QueryDict
from django.utils import timezone

from cases.filters import ChildFilter
from cases.selectors import children_visible_to

from .base import Report, ReportError

MAX_ROWS = 3000


class ChildrenListReport(Report):
    kind = "children_list"
    permission = "cases.view_child"
    template = "pdf/children_list.html"
    is_export = True

    def title_for(self, parameters: dict) -> str:
        return "List of children" + (" (filtered)" if _active_filters(parameters) else "")

    def context_for(self, job) -> dict:
        user = job.requested_by
        query = QueryDict(mutable=True)
        for key, values in job.parameters.items():
            query.setlist(key, values if isinstance(values, list) else [values])
        children = children_visible_to(user=user).select_related("team", "worker__user")
        child_filter = ChildFilter(query, queryset=children, request=SimpleNamespace(user=user))
        if not child_filter.is_valid():
            raise ReportError("The filters for this list were not valid; change them and print the list again.")
        rows = child_filter.qs.order_by(*(list(child_filter.qs.query.order_by) or ["last_name", "first_name"]), "pk")
        count = rows.count()
        if count > MAX_ROWS:
            raise ReportError(
                f"The list has {count:,} children; a printed list can hold {MAX_ROWS:,}. "
                "Narrow it with the filters and print it again."
            )
        return {
            "children": rows,
            "count": count,
            "filters": _describe_filters(child_filter),
            "today": timezone.localdate(),
        }


def _active_filters(parameters: dict) -> dict:
    return {key: value for key, value in parameters.items() if key not in {"page", "sort"} and value not in ("", [""], [])}


def _describe_filters(child_filter: ChildFilter) -> list[tuple[str, str]]:
    """The chosen filters as (label, readable value) pairs for the report's cover lines."""
    described = []
    for name, field in child_filter.form.fields.items():
        if name == "sort":
            continue
        value = child_filter.form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        described.append((str(field.label), str(choices.get(value, value))))
    return described
