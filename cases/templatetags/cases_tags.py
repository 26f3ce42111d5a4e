"""Template helpers for lists of children: ages, sortable headers and pagination links."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import rules
from ..addresses import numbered_address, record_address
from ..due import late_by

register = template.Library()

@register.filter
def record_url(child_pk) -> str:
    """The address of a child's record, as ``{% url 'cases:child_detail' pk %}`` gives it, without
    working it out from the URL patterns for each row (cases/addresses.py)."""
    return record_address(child_pk)


@register.filter
def numbered_url(number, url_name: str) -> str:
    """``{% url url_name number %}`` for an address taking one number, worked out once a list."""
    return numbered_address(url_name, number)


DUE_SOON_WORKING_DAYS = 10

SORT_ARIA = {"": "none", "asc": "ascending", "desc": "descending"}


def _quick_radios(field, hint, messages, described_by: list[str]) -> str:
    """A field of choices as GOV.UK inline radios: a fieldset whose legend is the label."""
    chosen = str(field.value() if field.value() is not None else "")
    items = format_html_join("", (
        '<div class="govuk-radios__item"><input class="govuk-radios__input" id="{0}" name="{1}" type="radio" '
        'value="{2}"{3}><label class="govuk-label govuk-radios__label" for="{0}">{4}</label></div>'
    ), ((f"{field.auto_id}_{number}", field.html_name, value, mark_safe(" checked") if str(value) == chosen else "", label)
        for number, (value, label) in enumerate(field.field.choices, 1)))
    return format_html(
        '<div class="govuk-form-group{}"><fieldset class="govuk-fieldset"{}><legend class="govuk-fieldset__legend '
        'govuk-fieldset__legend--s">{}</legend>{}{}<div class="govuk-radios govuk-radios--inline" '
        'data-module="govuk-radios">{}</div></fieldset></div>',
        " govuk-form-group--error" if field.errors else "",
        format_html(' aria-describedby="{}"', " ".join(described_by)) if described_by else "",
        field.label, hint, messages, items)


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
    for name in ("page", "after", "before"):  # a new order starts at its first page
        query.pop(name, None)
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
def param_query(context, name: str, value) -> str:
    """The query string with one setting changed and the others kept."""
    query = context["request"].GET.copy()
    query[name] = value
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
        return {"label": late_by(timescale.days_overdue(today)), "tag": "govuk-tag--red", "late": True}
    if timescale.due_within(today, DUE_SOON_WORKING_DAYS):
        return {"label": "Due soon", "tag": "govuk-tag--yellow", "late": False}
    return {"label": "On track", "tag": "govuk-tag--green", "late": False}


@register.filter
def closed_episodes(cards) -> list:
    """Episode cards of stages that have ended (contacts count as ended once recorded)."""
    return [card for card in cards if not card.shown_open]


@register.simple_tag
def quick_field(field) -> str:
    """One field of a list's filters as a GOV.UK form group (label, hint, error messages and the
    input or select), drawn directly: the filters are drawn on every request of the list pages,
    where crispy-forms' templates took a fifth of the page's time. Choices shown as radios are
    drawn as GOV.UK inline radios in a fieldset (a filter's few short choices)."""
    auto_id = field.auto_id
    described_by = []
    hint = ""
    if field.help_text:
        hint = format_html('<div id="{}_hint" class="govuk-hint">{}</div>', auto_id, field.help_text)
        described_by.append(f"{auto_id}_hint")
    messages = format_html_join(
        "", '<p id="{}_{}_error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>',
        ((auto_id, number, error) for number, error in enumerate(field.errors, 1)))
    described_by += [f"{auto_id}_{number}_error" for number in range(1, len(field.errors) + 1)]
    if isinstance(field.field.widget, forms.RadioSelect):
        return _quick_radios(field, hint, messages, described_by)
    kind = "govuk-select" if isinstance(field.field.widget, forms.Select) else "govuk-input"
    classes = [kind, *[name for name in field.field.widget.attrs.get("class", "").split() if name != kind]]
    attrs = {"class": " ".join(classes + ([f"{kind}--error"] if field.errors else []))}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return format_html(
        '<div class="govuk-form-group{}"><label for="{}" class="govuk-label govuk-label--s">{}</label>{}{}{}</div>',
        " govuk-form-group--error" if field.errors else "", auto_id, field.label, hint, messages,
        field.as_widget(attrs=attrs))
