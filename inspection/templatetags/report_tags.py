"""Template helpers for PDF reports."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=False)
def css_string(value) -> str:
    """Text safe inside a CSS string in @page margin boxes: no quotes, backslashes, newlines or
    angle brackets (which could close the style element). It is not HTML-escaped, since CSS
    does not unescape entities: "Children's" must stay as written, not become "Children&#x27;s"."""
    return mark_safe(re.sub(r'["\\\n\r<>]', " ", str(value)))


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
