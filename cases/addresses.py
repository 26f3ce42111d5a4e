"""The address of a child's record, worked out once and filled in for each child.

Lists of fifty children link to each one; ``reverse()`` works the address out from the URL
patterns every time, where the record's address differs only in its number. The layout is worked
out once per URL configuration and prefix, and the number put in."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_RECORD_ADDRESS_LAYOUTS: dict[tuple, str] = {}
_ANY_RECORD = 918273645546372819  # a record number no council has, to find where the number goes


def record_address(child_pk) -> str:
    """What ``reverse("cases:child_detail", args=[child_pk])`` gives."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    layout = _RECORD_ADDRESS_LAYOUTS.get(key)
    if layout is None:
        address = reverse("cases:child_detail", args=[_ANY_RECORD])
        layout = address.replace("{", "{{").replace("}", "}}").replace(str(_ANY_RECORD), "{}")
        _RECORD_ADDRESS_LAYOUTS[key] = layout
    return layout.format(int(child_pk))
