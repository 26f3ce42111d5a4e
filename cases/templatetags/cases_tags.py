"""Template helpers for lists of children: ages, sortable headers and pagination links."""

from django import template

from .. import rules

register = template.Library()

SORT_ARIA = {"": "none", "asc": "ascending", "desc": "descending"}


@register.filter
def age(child, today):
    return rules.age_on(child.date_of_birth, today)


@register.simple_tag(takes_context=True)
def sort_state(context, key: str) -> dict:
    """The current sort direction of a column and the query string that sorts by it next."""
    query = context["request"].GET.copy()
    current = query.get("sort", "")
    direction = "asc" if current == key else "desc" if current == f"-{key}" else ""
    query["sort"] = f"-{key}" if direction == "asc" else key
    query.pop("page", None)
    return {
        "aria": SORT_ARIA[direction],
        "query": query.urlencode(),
        "arrow": {"asc": "▲", "desc": "▼"}.get(direction, ""),
        "next_label": "descending" if direction == "asc" else "ascending",
    }


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()


@register.filter
def page_window(page, around: int = 2) -> list[int | None]:
    """Page numbers to link: first, last and a window round the current page; None marks a gap."""
    return rules.page_window(page.number, page.paginator.num_pages, around)
