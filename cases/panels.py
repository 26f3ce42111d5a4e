"""Sections other apps add to a child's record (audits, for example) without the cases app
depending on them. An app registers a panel in its AppConfig.ready(); a panel takes the
request and the child and returns a template and its context, or None to show nothing."""

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
