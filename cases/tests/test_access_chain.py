"""The access log's hash chain (cases/access_chain.py): fingerprints and the walk that finds the
first broken link. Pure: no database."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from cases import access_chain
from cases.access_chain import GENESIS, ChainEntry, entry_hash, verify

START = datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=UTC)


def content(**overrides) -> dict:
    fields = {"sequence": 1, "at": START, "user_id": 7, "username": "practitioner", "action": "viewed_child",
              "child_id": 42, "detail": "", "previous_hash": GENESIS}
    return fields | overrides


def chain(length: int) -> list[ChainEntry]:
    entries, previous = [], GENESIS
    for number in range(1, length + 1):
        fields = content(sequence=number, at=START + timedelta(minutes=number), detail=f"Entry {number}",
                         previous_hash=previous)
        entries.append(ChainEntry(**fields, entry_hash=entry_hash(**fields)))
        previous = entries[-1].entry_hash
    return entries


def rehash(entry: ChainEntry) -> ChainEntry:
    return replace(entry, entry_hash=entry.recomputed_hash())


# --- fingerprints


def test_a_fingerprint_is_64_hexadecimal_characters_and_the_same_every_time():
    fingerprint = entry_hash(**content())
    assert len(fingerprint) == 64
    assert int(fingerprint, 16) >= 0
    assert entry_hash(**content()) == fingerprint


def test_the_canonical_content_is_sorted_compact_json_in_utc():
    assert access_chain.canonical(**content(detail="Café")) == (
        '{"action":"viewed_child","at":"2026-03-02T09:15:30.123456+00:00","child_id":42,"detail":"Café",'
        '"layout":1,"previous_hash":"' + GENESIS + '","sequence":1,"user_id":7,"username":"practitioner"}'
    ).encode("utf-8")


def test_the_same_moment_in_another_time_zone_gives_the_same_fingerprint():
    summer = timezone(timedelta(hours=1))
    assert entry_hash(**content(at=START.astimezone(summer))) == entry_hash(**content())


def test_every_part_of_the_content_changes_the_fingerprint():
    original = entry_hash(**content())
    changes = {"sequence": 2, "at": START + timedelta(microseconds=1), "user_id": 8, "username": "someone.else",
               "action": "exported", "child_id": None, "detail": " ", "previous_hash": "f" * 64}
    for name, value in changes.items():
        assert entry_hash(**content(**{name: value})) != original, name


def test_fields_cannot_be_run_together_to_give_the_same_fingerprint():
    assert entry_hash(**content(username="ab", detail="c")) != entry_hash(**content(username="a", detail="bc"))


# --- verifying


def test_an_empty_log_is_intact():
    result = verify([])
    assert result.intact and result.entries == 0
    assert result.summary() == "Access log intact: 0 entries (nothing has been written to it yet)."


def test_an_unbroken_chain_is_intact_and_the_summary_names_the_first_and_last_entries():
    entries = chain(4)
    result = verify(entries)
    assert result.intact
    assert (result.entries, result.first, result.last) == (4, entries[0], entries[-1])
    assert result.summary().startswith("Access log intact: 4 entries, first entry 1 (written 2 Mar 2026 09:16:30 UTC "
                                       "by practitioner), last entry 4")
    assert entries[-1].entry_hash in result.summary()


def test_a_changed_entry_is_caught_at_that_entry():
    entries = chain(5)
    entries[2] = replace(entries[2], detail="Nothing to see")
    result = verify(entries)
    assert result.broken.sequence == 3
    assert "content" in result.broken.problem and "changed" in result.broken.problem
    assert result.entries == 2
    assert result.summary().startswith("Access log broken at entry 3 (written 2 Mar 2026 09:18:30 UTC by practitioner)")


def test_a_changed_entry_given_a_new_fingerprint_is_caught_at_the_next_entry():
    entries = chain(5)
    entries[2] = rehash(replace(entries[2], child_id=99))
    result = verify(entries)
    assert result.broken.sequence == 4
    assert "does not point at entry 3's fingerprint" in result.broken.problem


def test_a_deleted_entry_is_caught_at_the_entry_after_the_gap():
    entries = chain(5)
    del entries[2]
    result = verify(entries)
    assert result.broken.sequence == 4
    assert result.broken.problem.startswith("entry 3 is missing")


def test_several_deleted_entries_are_named_as_a_range():
    entries = chain(6)
    del entries[1:4]
    assert verify(entries).broken.problem.startswith("entries 2 to 4 are missing")


def test_a_deleted_first_entry_is_caught():
    entries = chain(3)[1:]
    result = verify(entries)
    assert result.broken.sequence == 2
    assert "does not start at entry 1" in result.broken.problem


def test_a_first_entry_relinked_and_refingerprinted_is_caught():
    entries = chain(2)
    entries[0] = rehash(replace(entries[0], previous_hash="a" * 64))
    result = verify(entries)
    assert result.broken.sequence == 1
    assert "does not point at the start of the log" in result.broken.problem


def test_a_changed_last_entry_is_caught():
    entries = chain(4)
    entries[-1] = replace(entries[-1], at=entries[-1].at + timedelta(hours=1))
    assert verify(entries).broken.sequence == 4


def test_renumbered_entries_are_caught():
    entries = chain(3)
    entries[1] = replace(entries[1], sequence=1)
    result = verify(entries)
    assert result.broken.sequence == 1 and "numbers were changed" in result.broken.problem


def test_the_walk_reads_entries_as_it_goes_and_stops_at_the_first_break():
    read = []

    def entries():
        for entry in chain(10):
            read.append(entry.sequence)
            yield replace(entry, detail="changed") if entry.sequence == 4 else entry

    assert verify(entries()).broken.sequence == 4
    assert read == [1, 2, 3, 4]
