"""The access log as a hash chain: each entry carries the fingerprint (SHA-256) of its own content
and of the entry before it, so an entry changed, removed or slipped in afterwards shows.

Pure: no database. ``entry_hash`` is the one way an entry's fingerprint is worked out (the service
that writes entries and the migration that chained the entries written before the chain both use
it); ``verify`` walks entries in sequence order and names the first broken link.

What it proves and what it does not: anyone who changes an entry's content, deletes an entry or
re-fingerprints one entry is caught at that entry or the next. Someone with write access to the
database who re-fingerprints every entry from the one they changed to the very last, or who removes
the newest entries, leaves a chain that verifies; the nightly check writes the last entry's number
and fingerprint to the service's log, kept apart from the database, to compare against.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

# The "entry before" the first entry: 64 zeros, the same in every council's log.
GENESIS = "0" * 64
# The layout of the content that is fingerprinted. A new layout would get a new number.
LAYOUT = 1


def utc_iso(moment: datetime) -> str:
    """The moment in UTC, ISO 8601 to the microsecond: how both databases hand it back."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(*, sequence: int, at: datetime, user_id: int, username: str, action: str, child_id: int | None,
              detail: str, previous_hash: str) -> bytes:
    """The entry's content as fixed bytes: JSON with sorted keys and no spaces, UTF-8."""
    content = {
        "layout": LAYOUT, "sequence": sequence, "at": utc_iso(at), "user_id": user_id, "username": username,
        "action": action, "child_id": child_id, "detail": detail, "previous_hash": previous_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(*, sequence: int, at: datetime, user_id: int, username: str, action: str, child_id: int | None,
               detail: str, previous_hash: str) -> str:
    """The entry's fingerprint: SHA-256 of its canonical content, as 64 hexadecimal characters."""
    return hashlib.sha256(canonical(
        sequence=sequence, at=at, user_id=user_id, username=username, action=action, child_id=child_id,
        detail=detail, previous_hash=previous_hash,
    )).hexdigest()


@dataclass(frozen=True)
class ChainEntry:
    """One entry as stored, with the fingerprints it was written with."""

    sequence: int
    at: datetime
    user_id: int
    username: str
    action: str
    child_id: int | None
    detail: str
    previous_hash: str
    entry_hash: str

    def recomputed_hash(self) -> str:
        return entry_hash(sequence=self.sequence, at=self.at, user_id=self.user_id, username=self.username,
                          action=self.action, child_id=self.child_id, detail=self.detail,
                          previous_hash=self.previous_hash)

    def describe(self) -> str:
        return f"entry {self.sequence} (written {self.at.astimezone(UTC):%-d %b %Y %H:%M:%S} UTC by {self.username})"


@dataclass(frozen=True)
class Break:
    """The first broken link: the entry where the chain stops holding, and what is wrong there."""

    entry: ChainEntry
    problem: str

    @property
    def sequence(self) -> int:
        return self.entry.sequence


@dataclass(frozen=True)
class Verification:
    entries: int
    first: ChainEntry | None
    last: ChainEntry | None
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def summary(self) -> str:
        if self.broken is not None:
            return (f"Access log broken at {self.broken.entry.describe()}: {self.broken.problem} "
                    f"({self.entries} entries checked up to there).")
        if self.first is None or self.last is None:
            return "Access log intact: 0 entries (nothing has been written to it yet)."
        return (f"Access log intact: {self.entries} entries, first {self.first.describe()}, "
                f"last {self.last.describe()}, last fingerprint {self.last.entry_hash}.")


def verify(entries: Iterable[ChainEntry]) -> Verification:
    """Walk the entries in sequence order and stop at the first broken link.

    At each entry: is it the one expected next (the first is entry 1; no number is skipped), does
    its content still give the fingerprint it was written with, and does it point at the
    fingerprint of the entry before it (the first at GENESIS)? Holds one entry at a time, so it
    copes with any number of entries.
    """
    count, first, previous = 0, None, None
    for entry in entries:
        problem = _problem(entry, previous)
        if problem:
            return Verification(entries=count, first=first, last=previous, broken=Break(entry, problem))
        count += 1
        first = first or entry
        previous = entry
    return Verification(entries=count, first=first, last=previous, broken=None)


def _problem(entry: ChainEntry, previous: ChainEntry | None) -> str | None:
    expected_sequence = previous.sequence + 1 if previous else 1
    if entry.sequence != expected_sequence:
        if previous is None:
            missing = "entry 1 is missing" if entry.sequence == 2 else f"entries 1 to {entry.sequence - 1} are missing"
            return f"the log does not start at entry 1: {missing} (the first entries were deleted)"
        if entry.sequence < expected_sequence:
            return f"entry {entry.sequence} comes after entry {previous.sequence}: the numbers were changed"
        gap = (f"entry {expected_sequence} is missing" if entry.sequence == expected_sequence + 1
               else f"entries {expected_sequence} to {entry.sequence - 1} are missing")
        return f"{gap} (deleted after it was written)"
    if entry.recomputed_hash() != entry.entry_hash:
        return ("its content (when, who, what, which child or the detail) has been changed since it was written: "
                "it no longer matches its fingerprint")
    expected_previous = previous.entry_hash if previous else GENESIS
    if entry.previous_hash != expected_previous:
        if previous is None:
            return "it does not point at the start of the log: its link was changed and it was given a new fingerprint"
        return (f"it does not point at entry {previous.sequence}'s fingerprint: entry {previous.sequence} was "
                "changed and given a new fingerprint, or this entry's link was changed")
    return None
