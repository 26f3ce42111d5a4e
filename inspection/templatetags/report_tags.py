"""Template helpers for PDF reports."""

import re

from django import template

register = template.Library()


@register.filter
def css_string(value) -> str:
    """Text safe inside a CSS string in @page margin boxes: no quotes, backslashes or newlines."""
    return re.sub(r'["\\\n\r]', " ", str(value))


@register.filter
def iso_date(value):
    """A date stored as ISO text (in JSON snapshots) back into a date for the |date filter."""
    from datetime import date

    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return value


@register.filter
def can(user, permission: str) -> bool:
    """``{% if user|can:"app.codename" %}`` for a permission named in data."""
    return user.has_perm(permission)
