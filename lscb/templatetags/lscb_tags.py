"""Template helpers for the safeguarding board: the colour of a timeliness status, percentages."""

from django import template

register = template.Library()

STATUS_COLOURS = {
    "On time": "govuk-tag--green",
    "Due": "govuk-tag--blue",
    "Late": "govuk-tag--orange",
    "Overdue": "govuk-tag--red",
}


@register.filter
def status_colour(status: str) -> str:
    """The tag colour for a deadline's status in words (rules.Deadline.status)."""
    return STATUS_COLOURS.get(status, "govuk-tag--grey")


@register.filter
def rate(value) -> str:
    """An attendance rate (selectors.Rate) as "8 of 10 (80%)", or "None expected" (no meetings to attend)."""
    if value is None or not value.expected:
        return "None expected"
    return f"{value.attended} of {value.expected} ({value.percent}%)"
