"""Addresses that differ only in one number (a child's record, a team's caseload), worked out once
and filled in for each row.

Lists of fifty children link to each one; ``reverse()`` works the address out from the URL
patterns every time, where the address differs only in its number. The layout is worked out once
per URL configuration, prefix and address name, and the number put in."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_LAYOUTS: dict[tuple, str] = {}
_ANY_NUMBER = 918273645546372819  # a number no record has, to find where the number goes


def numbered_address(url_name: str, number) -> str:
    """What ``reverse(url_name, args=[number])`` gives, for an address taking one number."""
    return numbered_addresses(url_name)(number)


def numbered_addresses(url_name: str):
    """A function giving ``reverse(url_name, args=[number])`` for any number: for a list, whose
    rows then need not each look up the URL configuration and prefix of the request."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), url_name)
    layout = _LAYOUTS.get(key)
    if layout is None:
        address = reverse(url_name, args=[_ANY_NUMBER])
        layout = address.replace("{", "{{").replace("}", "}}").replace(str(_ANY_NUMBER), "{}")
        _LAYOUTS[key] = layout
    return lambda number: layout.format(int(number))


def record_address(child_pk) -> str:
    """What ``reverse("cases:child_detail", args=[child_pk])`` gives."""
    return numbered_address("cases:child_detail", child_pk)


def record_addresses():
    """``record_address`` for a list's rows (``numbered_addresses``)."""
    return numbered_addresses("cases:child_detail")
