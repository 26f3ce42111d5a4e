"""Records a judgement set can be recorded for (an inspection, for example) without the judgements
app depending on the app that keeps them: dependencies point one way, so that app registers an
``Origin`` under a name, and the set form is opened with ``?for=<name>:<pk>``.

The origin pre-fills the form (framework, source, title, date) and, when the set is saved, ties
the record to it inside the same transaction."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Prefill:
    framework: str | None  # framework code; None to let the user choose
    source: str
    title: str
    judged_on: date | None
    description: str  # what the set is being recorded for, in words: "Recording the judgements of …"
    back_url: str


@dataclass(frozen=True)
class Origin:
    # (user, pk) -> what to pre-fill; raise PermissionDenied or Http404 when the user may not
    # record judgements for it or it already has its judgements.
    prefill: Callable[..., Prefill]
    # (*, actor, pk, judgement_set) -> None: tie the record to the new set (inside the service's
    # transaction); raise ValidationError if it can no longer be done.
    attach: Callable[..., None]


_ORIGINS: dict[str, Origin] = {}


def register(name: str, origin: Origin) -> None:
    _ORIGINS[name] = origin


@dataclass(frozen=True)
class RecordedFor:
    """The record a set is being recorded for, as named by the ``for`` parameter."""

    origin: Origin
    pk: int
    param: str  # as given, to carry from step to step

    def prefill(self, user) -> Prefill:
        return self.origin.prefill(user, self.pk)

    def attach(self, *, actor) -> Callable:
        """What the service calls with the saved set, inside its transaction."""
        return lambda judgement_set: self.origin.attach(actor=actor, pk=self.pk, judgement_set=judgement_set)


def parse(value: str | None) -> RecordedFor | None:
    """What a ``for`` parameter such as ``inspection:12`` names, or None if it names nothing
    registered."""
    name, _, pk = (value or "").partition(":")
    if name not in _ORIGINS or not pk.isdigit():
        return None
    return RecordedFor(origin=_ORIGINS[name], pk=int(pk), param=value)
