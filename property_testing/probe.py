"""Trying a form: its good submission, then spoiled ones, each sent through the real view as its
user in a transaction that is rolled back, each answer checked against the rule in the package's
doc (an answer, never a server error; shown again means nothing written; accepted means saved as
typed)."""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from hypothesis import given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .database import changed_tables, fingerprint, postgres_rules, write_count
from .pages import Control, date_names, the_form
from .strategies import hostile_choice, hostile_date_parts, hostile_file, hostile_number, hostile_text

FIRST_CHOICE = object()  # in FormSpec.good: the first choice the page offers (not its blank one)
TALLY: Counter = Counter()  # submissions sent, by form
TALLY_FOLDER = Path(__file__).resolve().parent.parent / "test-artifacts" / "property-tests"


@dataclass
class FormSpec:
    """One form as its user meets it. ``url`` (called inside the test, so the records it names are
    made there) is the form's page; ``user`` whoever fills it in (None: signed out); ``good`` what a
    good submission sets on top of what the page already shows (a new record's form is empty);
    ``saved`` the record a good submission saved, for the round trip; ``foreign`` other records'
    ids to try in a choice (field -> ids); ``numbers`` fields that take numbers; ``files`` file
    fields -> (a good file, its name's stem, its extension); ``not_round_tripped`` fields saved as
    something other than typed on purpose (field -> why); ``may_write`` tables a refused submission
    may still write to (why in the spec); ``saves`` whether a good submission saves anything."""

    name: str
    form_class: type | None
    url: Callable[[], str]
    user: Any
    good: dict[str, Any] = field(default_factory=dict)
    saved: Callable[[], models.Model] | None = None
    foreign: dict[str, list[str]] = field(default_factory=dict)
    numbers: tuple[str, ...] = ()
    files: dict[str, tuple[Callable[[], SimpleUploadedFile], str, str]] = field(default_factory=dict)
    not_round_tripped: dict[str, str] = field(default_factory=dict)
    may_write: tuple[str, ...] = ()
    saves: bool = True  # False: a good submission only leads on (a first step, a redirect) and saves nothing
    method: str = "post"
    page_status: int = 200  # what the form's page answers to a GET
    accepted: tuple[int, ...] = (200, 302)  # answers that are not a failure


class Probe:
    """One form, its page read once; ``send`` one submission, ``baseline`` the good one, ``submit`` a
    spoiled one drawn by Hypothesis."""

    def __init__(self, spec: FormSpec):
        self.spec = spec
        self.client = Client()
        if spec.user is not None:
            self.client.force_login(spec.user)
        self.url = spec.url()
        page = self.client.get(self.url)
        assert page.status_code == spec.page_status, f"{spec.name}: the form's page answered {page.status_code}"
        self.form = the_form(page.content.decode(), spec.method)
        if self.form.action and urlsplit(self.form.action).path != urlsplit(self.url).path:
            self.url = self.form.action
        unknown = set(spec.good) - set(self.form.controls) - set(spec.files)
        assert not unknown, f"{spec.name}: the page's form has no fields {sorted(unknown)}"
        self.before = fingerprint()  # every submission is undone, so each starts from this

    def good_data(self) -> dict[str, Any]:
        data = self.form.baseline()
        for name, value in self.spec.good.items():
            control = self.form.controls.get(name)
            if value is FIRST_CHOICE:
                value = next(option for option in control.options if option)
            if control is not None and control.kind == "date":
                data.update(zip(date_names(name), value))
            else:
                data[name] = value
        return data

    def send(self, data: dict[str, Any]):
        """One submission: the answer and the tables it changed. A record it saved is compared with
        what was sent before the submission is undone."""
        TALLY[self.spec.name] += 1
        with postgres_rules(), transaction.atomic():
            try:
                writes = write_count()
                if self.spec.method == "get":
                    response = self.client.get(self.url, data)
                else:
                    response = self.client.post(self.url, data)
                unchanged = writes is not None and write_count() == writes
                changed = [] if unchanged else changed_tables(self.before, fingerprint())
                if response.status_code == 302 and changed:
                    if self.spec.saved:
                        self.check_round_trip(data, self.spec.saved())
                    self.check_shown(response)
                return response, changed
            finally:
                transaction.set_rollback(True)

    def check_shown(self, response) -> None:
        """The page an accepted submission leads to shows what was saved (a date far in the future, say,
        must not break the pages that work from it)."""
        location = urlsplit(response["Location"])
        if location.netloc:
            return
        shown = self.client.get(response["Location"])  # (a tampered "next" may lead nowhere: a 404 is an answer)
        assert shown.status_code < 500, (
            f"{self.spec.name}: the page after saving ({location.path}) answered {shown.status_code}")

    def baseline(self) -> None:
        """The good submission is accepted and round-trips (a GET form: answers and writes nothing).
        The spoiled submissions then start from a form that works."""
        if self.spec.method == "get":
            response, changed = self.send(self.good_data())
            changed = [table for table in changed if table not in self.spec.may_write]
            assert response.status_code == 200 and not changed, (self.spec.name, response.status_code, changed)
            return
        data = {**self.good_data(), **{name: make() for name, (make, _, _) in self.spec.files.items()}}
        response, changed = self.send(data)
        assert response.status_code == 302, (
            f"{self.spec.name}: the good submission was not accepted ({response.status_code}): {errors_on(response)}")
        assert bool(changed) == self.spec.saves, (
            f"{self.spec.name}: the good submission saved {changed or 'nothing'}")

    def nul_sweep(self) -> None:
        """A NUL byte in each text field in turn (PostgreSQL refuses one in any text): each is refused
        with a message, or left out of what is saved (postgres_rules fails the test if one reaches the
        database)."""
        tried = set()
        for name, control in self.form.controls.items():
            if control.kind not in ("text", "textarea", "hidden", "date") or name == "csrfmiddlewaretoken":
                continue
            kind = (re.sub(r"\d+", "#", name), control.kind)  # evidence_12 and evidence_13 are one field made twice
            if kind in tried:
                continue
            tried.add(kind)
            data = self.good_data()
            if control.kind == "date":
                data.update(zip(date_names(name), ("1\x00", "2", "2025")))
            else:
                data[name] = "Ava\x00Ahmed"
            self.check(data, *self.send(data))

    def submit(self, draw) -> None:
        """Draw a spoiled submission with ``draw`` (Hypothesis's ``data.draw``), send it, check it."""
        data = self.spoiled(draw)
        self.check(data, *self.send(data))

    def check(self, data: dict[str, Any], response, changed: list[str]) -> None:
        """An answer that is not a failure; shown again, with errors, means nothing was written."""
        shown = {name: (f"{value[:60]!r}... ({len(value)} characters)" if isinstance(value, str) and len(value) > 80
                        else value) for name, value in data.items()}
        if response.status_code == 400 and _too_big(data):
            return  # Django refuses a body past DATA_UPLOAD_MAX_MEMORY_SIZE before any view runs
        assert response.status_code in self.spec.accepted, f"{self.spec.name}: answered {response.status_code} to {shown}"
        changed = [table for table in changed if table not in self.spec.may_write]
        if self.spec.method == "get" or response.status_code != 302:
            assert not changed, f"{self.spec.name}: shown again (or refused) but wrote to {changed}: {shown}"
        if response.status_code == 200 and self.spec.method == "post" and not self._tampered(data):
            assert errors_on(response), f"{self.spec.name}: shown again without saying what is wrong: {shown}"

    def _tampered(self, data: dict[str, Any]) -> bool:
        """A hidden field changed: nothing a user types, so the page need not say what is wrong with it."""
        good = self.good_data()
        return any(control.kind == "hidden" and data.get(name) != good.get(name)
                   for name, control in self.form.controls.items())

    def spoiled(self, draw) -> dict[str, Any]:
        """The good submission with each field kept, spoiled, left out or sent twice (Hypothesis
        shrinks a failure towards keeping, so the failing field stands out)."""
        data = self.good_data()
        for name, control in self.form.controls.items():
            if control.name == "csrfmiddlewaretoken":
                continue
            what = draw(st.sampled_from(["keep", "spoil", "spoil", "leave out", "send twice"]))
            names = date_names(name) if control.kind == "date" else (name,)
            if what == "keep":
                continue
            if what == "leave out":
                for each in names:
                    data.pop(each, None)
                continue
            value = self._hostile(draw, control)
            if control.kind == "date":
                if what == "send twice":
                    value = tuple([part, data.get(each, "")] for part, each in zip(value, names))
                data.update(zip(names, value))
            elif what == "send twice" and control.kind != "file":
                data[name] = [value, data.get(name, "")]
            else:
                data[name] = value
        return data

    def _hostile(self, draw, control: Control):
        spec = self.spec
        if control.kind == "date":
            return draw(hostile_date_parts())
        if control.kind == "file":
            make, stem, extension = spec.files.get(control.name, (_text_file, "file", "txt"))
            return draw(hostile_file(make, stem, extension))
        if control.name in spec.numbers:
            return draw(hostile_number())
        if control.kind in ("radio", "select", "checkbox", "select-multiple"):
            value = draw(hostile_choice(control.options, spec.foreign.get(control.name, [])))
            return [value] if control.kind in ("checkbox", "select-multiple") and draw(st.booleans()) else value
        foreign = spec.foreign.get(control.name)
        return draw(st.one_of(hostile_text(), st.sampled_from(foreign))) if foreign else draw(hostile_text())

    def check_round_trip(self, data: dict[str, Any], record: models.Model) -> None:
        """What was saved is what was typed: text less the spaces around it, dates as the day, month
        and year typed, choices and boxes as chosen."""
        record.refresh_from_db()
        problems = []
        for name, control in self.form.controls.items():
            if name in self.spec.not_round_tripped or control.kind in ("file", "submit", "hidden"):
                continue
            try:
                model_field = record._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a form field that is not the record's own field
                continue
            if not model_field.concrete or model_field.many_to_many:
                continue
            if control.kind == "date":
                sent = tuple(_last(data.get(part)) for part in date_names(name))
            else:
                sent = _last(data.get(name))
            expected = _as_saved(control, model_field, sent)
            saved = getattr(record, model_field.attname)
            if expected is not _UNKNOWN and saved != expected:
                problems.append(f"{name}: sent {sent!r:.80}, saved {saved!r:.80}")
        assert not problems, f"{self.spec.name}: saved something other than what was typed: " + "; ".join(problems)


_UNKNOWN = object()


def _last(value):
    """A field sent twice counts as its last value (as Django reads it)."""
    return (value[-1] if value else None) if isinstance(value, list) else value


def _as_saved(control: Control, model_field, sent):
    """The value a field of the record should hold after ``sent`` was accepted (or _UNKNOWN)."""
    if control.kind == "date":
        if not any(sent):
            return None
        return date(int(sent[2]), int(sent[1]), int(sent[0])) if all(sent) else _UNKNOWN
    if control.kind == "checkbox" and isinstance(model_field, models.BooleanField):
        return bool(sent)
    if isinstance(model_field, (models.CharField, models.TextField)) and not model_field.choices:
        return (sent or "").strip()
    if model_field.choices and isinstance(sent, str) and not isinstance(model_field, models.IntegerField):
        return sent
    return _UNKNOWN


def _too_big(data: dict[str, Any]) -> bool:
    pairs = [(name, value) for name, values in data.items() if not isinstance(values, SimpleUploadedFile)
             for value in (values if isinstance(values, (list, tuple)) else [values])]
    return len(urlencode(pairs, doseq=True)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _text_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.txt", b"Minutes of the meeting.\n", content_type="text/plain")


def errors_on(response) -> list[str]:
    """The error messages a page shows: its error summary's, or its error banner or messages."""
    html = response.content.decode() if response.status_code == 200 else ""
    if "govuk-error-summary" in html:
        summary = html.split("govuk-error-summary__list", 1)[-1].split("</ul>", 1)[0]
        messages = [re.sub(r"<[^>]+>", "", message).strip() for message in re.findall(r"<a [^>]*>(.*?)</a>", summary, re.S)]
        return messages or ["(an error summary)"]
    return ["(an error message)"] if "govuk-error-message" in html else []


def exercise(spec: FormSpec, share: float = 1.0) -> None:
    """The good submission works; then spoiled ones (the profile's number of examples, times
    ``share`` for one of many variants of a form) each get an answer and save nothing half-done.
    Each form has its own seed: the same submissions on every run and in CI."""
    probe = Probe(spec)
    probe.baseline()
    probe.nul_sweep()

    @seed(zlib.crc32(spec.name.encode()))
    @hypothesis_settings(max_examples=max(3, round(hypothesis_settings.default.max_examples * share)))
    @given(st.data())
    def spoiled_submissions(data):
        probe.submit(data.draw)

    spoiled_submissions()
    write_tally(spec)


def write_tally(spec: FormSpec) -> None:
    """How many submissions were sent to the form, good and spoiled, for the issue's note: one file
    per form in test-artifacts/property-tests/, added up by ``tally``."""
    TALLY_FOLDER.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", spec.name.lower()).strip("-")
    form = f"{spec.form_class.__module__}.{spec.form_class.__qualname__}" if spec.form_class else spec.name
    (TALLY_FOLDER / f"{slug}.json").write_text(json.dumps({"name": spec.name, "form": form,
                                                           "submissions": TALLY[spec.name]}) + "\n")


def tally() -> dict[str, int]:
    """Forms, form variants (a stage of the journey, a kind of event) and submissions tried."""
    rows = [json.loads(path.read_text()) for path in sorted(TALLY_FOLDER.glob("*.json"))]
    return {"forms": len({row["form"] for row in rows}), "variants": len(rows),
            "submissions": sum(row["submissions"] for row in rows)}
