"""Parts of the dashboards drawn or rendered once and kept in Django's cache: each figure's charts
with their data table, and the quality evidence beside each area.

Drawing twelve charts and rendering the evidence took much of the managers' dashboard's time on
every request, though what they show changes only overnight (the figures), when a target changes,
or when an audit is completed. Each part is kept under a key made of everything it shows and of the
code and templates that draw it, so what is kept is never out of date: tonight's figures, a new
target, another audit or a release that draws charts differently each make a new key, and the old
entry is simply never read again (it expires after a day). Two users share an entry only when
everything it shows is the same for both. One cache read a page (and one write for what was
missing), whatever the cache: Django's local memory, or Redis where settings.CACHES names it.
"""

import functools
import hashlib
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from django.core.cache import cache
from django.template.loader import get_template

KEPT_SECONDS = 24 * 60 * 60

Kept = TypeVar("Kept")


@functools.cache
def _code_version(sources: tuple[str, ...]) -> str:
    """The templates (names ending .html) and Python modules that draw a part, hashed."""
    digest = hashlib.sha256()
    for source in sources:
        if source.endswith(".html"):
            path = get_template(source).origin.name
        else:
            path = importlib.import_module(source).__file__
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def kept(kind: str, *, sources: Sequence[str], wanted: Sequence[tuple[object, Callable[[], Kept]]]) -> list[Kept]:
    """For each (shown, make) in ``wanted``: what ``make()`` returns, from the cache when it was
    made before for the same ``shown`` (everything it shows, as plain values with a stable repr)
    by the same ``sources``. One cache read, and one write for what was missing."""
    version = _code_version(tuple(sources))
    keys = [f"dashboards:{kind}:" + hashlib.sha256(repr((version, shown)).encode()).hexdigest()
            for shown, _make in wanted]
    found = cache.get_many(keys)
    made = {}
    result = []
    for key, (_shown, make) in zip(keys, wanted):
        if key not in found:
            found[key] = made[key] = make()
        result.append(found[key])
    if made:
        cache.set_many(made, KEPT_SECONDS)
    return result
