"""No lost updates: when two officers change the same record at the same time, the second save is
refused with a message saying who changed the record and when, instead of silently undoing the
first officer's change.

How it works, for every edit page of the service:

- the edit form (``RecordVersionMixin``) carries a hidden field, ``record_version``: a fingerprint
  of the record as the officer saw it when the page was opened (SHA-256 over every value of its
  database row, its many-to-many links and the rows that belong to it, such as an audit's domain
  grades), with the time the page was opened;
- the view saves inside ``unchanged_since_opened(form, actor=...)``, which, in the save's own
  transaction, re-reads the record from the database (locking its row on PostgreSQL, so two saves
  cannot both pass the check), works the fingerprint out again and, if it differs, refuses with
  ``RecordChanged`` (a ValidationError) before anything is written. The view shows the form again
  with the message and everything the officer typed; the fingerprint they submitted stays in the
  page, so saving the same page again is refused again until they open the record as it is now.

No model changes: the fingerprint is worked out from the data itself, so a save that changed
nothing does not stop anyone, and a change made anywhere (another page, the admin) is noticed.
Who changed the record and when come from django-simple-history where the record keeps a history,
or from the newest saved version for records kept as versions (the self-evaluation).

A form posted without a version (a page opened before this check existed) is saved as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

VERSION_FIELD = "record_version"

AGAIN = "Check the record as it is now and make your changes again."


# --- the pure part: fingerprints, the version token, the message -------------------------------


def fingerprint(rows: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 over the rows' values, in the order given (each row's keys in any order). Dates,
    times, decimals and files count by their text; the same values always give the same result."""
    payload = json.dumps(list(rows), sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def version_token(digest: str, opened: datetime) -> str:
    """What the page carries: the fingerprint and when the page was opened (to name who changed
    the record since, not someone who changed it before)."""
    return f"{digest}.{int(opened.timestamp() * 1000)}"


def token_parts(token: str) -> tuple[str, datetime | None]:
    """The fingerprint and the opening time in a submitted token; a token that is not one of ours
    gives a fingerprint that matches nothing."""
    digest, _, millis = token.strip().partition(".")
    try:
        opened = datetime.fromtimestamp(int(millis) / 1000, tz=timezone.get_current_timezone()) if millis else None
    except (ValueError, OverflowError, OSError):
        opened = None
    return digest, opened


def is_current(submitted: str, current_digest: str) -> bool:
    """Whether the page was opened on the record as it is now."""
    return token_parts(submitted)[0] == current_digest


@dataclass(frozen=True)
class Change:
    """Who last changed the record and when, where that is known."""

    user: Any = None
    at: datetime | None = None


def changed_message(change: Change | None, *, actor=None, today: date | None = None) -> str:
    """The refusal, in the officer's words: who changed the record, at what time (and on what day,
    if not today), and what to do now."""
    change = change or Change()
    when = ""
    if change.at is not None:
        local = timezone.localtime(change.at)
        when = f" at {local:%H:%M}"
        if today is not None and local.date() != today:
            when += f" on {local.day} {local:%B %Y}"
    if actor is not None and change.user is not None and getattr(change.user, "pk", None) == actor.pk:
        return (f"You saved a change to this record in another tab or window{when} while you were editing it "
                f"here. The changes on this page have not been saved. {AGAIN}")
    who = (change.user.get_full_name() or change.user.get_username()) if change.user is not None else "Someone else"
    return f"{who} changed this record{when} while you were editing it. Your changes have not been saved. {AGAIN}"


DELETED = "Someone else deleted this record while you were editing it. Your changes have not been saved."


class RecordChanged(ValidationError):
    """The record changed after the page was opened: nothing was saved."""


# --- reading the record -------------------------------------------------------------------------


def _concrete_fields(model: type[models.Model]) -> list[models.Field]:
    """Every column the record's content is in. A column stamped on every save (auto_now) is left
    out: a save that changed nothing else changed nothing an officer could lose."""
    return [f for f in model._meta.concrete_fields if not getattr(f, "auto_now", False)]


def row_values(instance: models.Model) -> dict[str, Any]:
    """The record's column values, as held in ``instance`` (loaded from the database)."""
    return {f.attname: f.value_from_object(instance) for f in _concrete_fields(type(instance))}


def _links(instance: models.Model) -> dict[str, list]:
    """The record's own many-to-many links (a subgroup's members), read from the database."""
    return {f"links:{f.name}": list(getattr(instance, f.name).order_by("pk").values_list("pk", flat=True))
            for f in instance._meta.many_to_many}


@dataclass(frozen=True)
class Versioned:
    """What an edit form changes: the record (whose row is locked while saving), the rows that
    belong to it (``parts``: managers or querysets, read afresh each time) and, for records without
    a history, how to find who last changed them (``last_change``)."""

    record: models.Model
    parts: tuple = ()
    last_change: Callable[[], Change | None] | None = field(default=None, compare=False)


def _parts_rows(versioned: Versioned) -> list[dict]:
    rows = []
    for number, part in enumerate(versioned.parts):
        rows.extend({"part": number, **row_values(row)} for row in part.order_by("pk"))
    return rows


def version_as_shown(versioned: Versioned) -> str:
    """The fingerprint of the record as the form shows it: its values as loaded for the page, its
    links and parts as they are in the database."""
    record = versioned.record
    return fingerprint([{**row_values(record), **_links(record)}, *_parts_rows(versioned)])


def version_in_database(versioned: Versioned, *, lock: bool = False) -> str | None:
    """The fingerprint of the record as it is in the database now (None: it has been deleted).
    ``lock`` holds its row until the transaction ends (PostgreSQL; SQLite saves one at a time)."""
    record = versioned.record
    rows = type(record)._base_manager.filter(pk=record.pk)
    current = (rows.select_for_update() if lock else rows).first()
    if current is None:
        return None
    return fingerprint([{**row_values(current), **_links(current)}, *_parts_rows(versioned)])


def history_change(versioned: Versioned, *, since: datetime | None) -> Change | None:
    """The newest change in the history of the record and its parts (django-simple-history) made
    after ``since``; None where nothing with a history changed."""
    from simple_history.exceptions import NotHistoricalModelError
    from simple_history.utils import get_history_manager_for_model

    sources = [(type(versioned.record), [versioned.record.pk])]
    sources += [(part.model, part.values("pk")) for part in versioned.parts]
    newest = None
    for model, pks in sources:
        try:
            history = get_history_manager_for_model(model)
        except NotHistoricalModelError:
            continue
        rows = history.filter(**{f"{model._meta.pk.attname}__in": pks})
        if since is not None:
            rows = rows.filter(history_date__gte=since)
        row = rows.select_related("history_user").order_by("-history_date").first()
        if row is not None and (newest is None or row.history_date > newest.history_date):
            newest = row
    return Change(newest.history_user, newest.history_date) if newest is not None else None


def newest_saved(versions, *, by: str = "saved_by", at: str = "saved_at") -> Change | None:
    """Who saved the newest of a record's versions, and when (records kept as numbered versions)."""
    latest = versions.select_related(by).order_by(f"-{at}", "-pk").first()
    return Change(getattr(latest, by), getattr(latest, at)) if latest is not None else None


def refuse_if_changed(versioned: Versioned, submitted: str, *, actor=None) -> None:
    """Raise RecordChanged, naming who changed the record and when where that is known, if the
    record is no longer as it was when the page was opened. Call it inside the save's transaction."""
    current = version_in_database(versioned, lock=True)
    if current is None:
        raise RecordChanged(DELETED, code="deleted")
    if is_current(submitted, current):
        return
    opened = token_parts(submitted)[1]
    change = versioned.last_change() if versioned.last_change else history_change(versioned, since=opened)
    raise RecordChanged(changed_message(change, actor=actor, today=timezone.localdate()), code="changed")


# --- the form and the view ----------------------------------------------------------------------


class RecordVersionMixin:
    """For an edit form: a hidden ``record_version`` with the record's fingerprint as the page was
    opened, kept through a page shown again with errors. A model form versions its instance and
    the rows named in ``version_parts``; other forms say what they change in ``versioned()``.

    Put it first among the form's bases. Whatever helper the form ends up with, it renders the
    hidden field, even when the form lays out its fields itself."""

    version_parts: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=200, initial=self._version_for_page,
        )

    def versioned(self) -> Versioned | None:
        """The record this form changes, or None when it makes a new one."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return None
        return Versioned(instance, parts=tuple(getattr(instance, name) for name in self.version_parts))

    def _version_for_page(self) -> str:
        """Worked out when the page is drawn, once the form has everything it shows. A page shown
        again after a save keeps the version it was opened on (the submitted one), never a new one."""
        if self.is_bound:
            return ""
        versioned = self.versioned()
        return version_token(version_as_shown(versioned), timezone.now()) if versioned else ""

    @property
    def helper(self):
        try:
            return self.__dict__["_version_helper"]
        except KeyError:
            raise AttributeError("helper") from None

    @helper.setter
    def helper(self, value):
        value.render_hidden_fields = True  # the layout may not name the hidden field
        self.__dict__["_version_helper"] = value


@contextmanager
def unchanged_since_opened(form, *, actor):
    """Save inside this block. If the form changes a record that was changed after its page was
    opened, RecordChanged is raised before the block runs and nothing is saved; otherwise the
    check and the save share one transaction, with the record's row locked."""
    versioned = form.versioned() if isinstance(form, RecordVersionMixin) else None
    submitted = form.cleaned_data.get(VERSION_FIELD, "") if versioned is not None else ""
    with transaction.atomic():
        if submitted:
            refuse_if_changed(versioned, submitted, actor=actor)
        yield
