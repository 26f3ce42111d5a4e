"""Template helpers for lists of children: ages, sortable headers and pagination links."""

from django import template

from .. import rules

register = template.Library()

DUE_SOON_WORKING_DAYS = 10

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


@register.simple_tag(takes_context=True)
def cursor_query(context, direction: str, pk: int) -> str:
    """The query string for the keyset page after or before a row: the list's other settings kept."""
    query = context["request"].GET.copy()
    for name in ("after", "before", "page"):
        query.pop(name, None)
    query[direction] = pk
    return query.urlencode()


@register.filter
def page_window(page, around: int = 2) -> list[int | None]:
    """Page numbers to link: first, last and a window round the current page; None marks a gap."""
    return rules.page_window(page.number, page.paginator.num_pages, around)


@register.simple_tag
def due_state(item, today) -> dict:
    """How a deadline stands today: late (with working days overdue), due soon, or on track."""
    timescale = item.timescale
    if timescale.is_late(today):
        days = timescale.days_overdue(today)
        return {"label": f"Late by {days} working day{'s' if days != 1 else ''}", "tag": "govuk-tag--red", "late": True}
    if timescale.due_within(today, DUE_SOON_WORKING_DAYS):
        return {"label": "Due soon", "tag": "govuk-tag--yellow", "late": False}
    return {"label": "On track", "tag": "govuk-tag--green", "late": False}


@register.filter
def episode_summary(episode) -> list[tuple[str, str]]:
    """The stage-specific facts of an episode worth showing at a glance."""
    from ..chronology import _episode_details

    return [(label, value) for label, value in _episode_details(episode) if value]


@register.filter
def closed_episodes(episodes) -> list:
    """Episodes that have ended (contacts count as ended once recorded), newest first."""
    return [episode for episode in episodes if not episode.is_open or episode.stage == "contact"]
