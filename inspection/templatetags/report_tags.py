"""Template helpers for PDF reports."""

import re

from django import template

register = template.Library()


@register.filter
def css_string(value) -> str:
    """Text safe inside a CSS string in @page margin boxes: no quotes, backslashes or newlines."""
    return re.sub(r'["\\\n\r]', " ", str(value))
