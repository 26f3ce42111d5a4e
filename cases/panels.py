"""Sections other apps add to a child's record (audits, for example) without the cases app
depending on them. An app registers a panel in its AppConfig.ready(); a panel takes the
request and the child and returns a template and its context, or None to show nothing.

A querySet in a panel's context is read with the record's own rows, in the same round trip
(``selectors.child_record_rows(..., panels=...)``), and replaced by its list of rows."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


_PANELS: list[Callable] = []


def register(panel: Callable) -> Callable:
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def panels_for(request, child) -> list[Panel]:
    return [panel for panel in (make(request, child) for make in _PANELS) if panel is not None]
