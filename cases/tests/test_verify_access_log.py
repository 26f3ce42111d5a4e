"""Writing the access log as a chain, and checking it: ``manage.py verify_access_log`` and the
nightly task. Tampering is done as someone with database access would: queryset.update and delete
go straight to the database, past the service."""

import logging
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import access_chain, services, tasks
from cases.models import AccessLogEntry
from cases.selectors import access_log_chain_entries, access_log_verify

pytestmark = pytest.mark.django_db

VIEWED = AccessLogEntry.Action.VIEWED_CHILD


@pytest.fixture
def five(practitioner, team_manager, child_a, child_b):
    """Five entries by two users about two children, written through the service."""
    writes = [(practitioner, child_a, ""), (team_manager, child_b, "Change history"), (practitioner, None, "Children list"),
              (team_manager, child_a, ""), (practitioner, child_b, "")]
    return [services.access_log_record(actor=user, action=VIEWED, child=child, detail=detail)
            for user, child, detail in writes]


def verify_command(*args) -> str:
    out = StringIO()
    call_command("verify_access_log", *args, stdout=out)
    return out.getvalue()


def broken_at(sequence: int, words: str) -> str:
    with pytest.raises(CommandError) as failure:
        verify_command()
    message = str(failure.value)
    assert message.startswith(f"Access log broken at entry {sequence} ("), message
    assert words in message, message
    return message


def tamper(entry, **changes):
    AccessLogEntry.objects.filter(pk=entry.pk).update(**changes)


# --- writing


def test_entries_are_numbered_from_one_and_each_points_at_the_one_before(five, practitioner):
    stored = list(AccessLogEntry.objects.order_by("sequence"))
    assert [entry.sequence for entry in stored] == [1, 2, 3, 4, 5]
    assert stored[0].previous_hash == access_chain.GENESIS
    assert all(later.previous_hash == earlier.entry_hash for earlier, later in zip(stored, stored[1:]))
    assert stored[0].username == practitioner.username


def test_what_is_stored_gives_the_fingerprint_it_was_written_with(five):
    """The moment, read back from the database, is the one fingerprinted (to the microsecond)."""
    for entry in access_log_chain_entries():
        assert entry.recomputed_hash() == entry.entry_hash


def test_writing_an_entry_reads_the_last_one_once_and_inserts_without_a_savepoint(practitioner, child_a):
    services.access_log_record(actor=practitioner, action=VIEWED, child=child_a)
    with CaptureQueriesContext(connection) as queries:
        services.access_log_record(actor=practitioner, action=VIEWED, child=child_a)
    # The last entry read, then the insert; on PostgreSQL the lock is taken in the same round trip
    # as the read, in a statement of its own before it.
    sql = [query["sql"] for query in queries.captured_queries]
    assert len(sql) == 2, sql
    if connection.vendor == "postgresql":
        assert sql[0].startswith("SELECT pg_advisory_xact_lock(") and "; SELECT sequence, entry_hash" in sql[0]


def test_two_entries_cannot_take_the_same_number(five, practitioner):
    """The backstop behind the lock: a second entry chained to the same one is refused, not forked."""
    last = AccessLogEntry.objects.get(sequence=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessLogEntry.objects.create(sequence=5, user=practitioner, username="x", action=VIEWED,
                                      previous_hash=last.previous_hash, entry_hash="0" * 64)


def test_a_login_renamed_later_leaves_the_chain_intact(five, practitioner):
    practitioner.username = "renamed.practitioner"
    practitioner.save()
    assert "Access log intact: 5 entries" in verify_command()


def test_not_even_a_superuser_can_add_change_or_delete_an_entry_in_the_admin(client, five, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="a-long-enough-password-1")
    client.force_login(superuser)
    entry = five[0]
    assert client.get(reverse("admin:cases_accesslogentry_add")).status_code == 403
    assert client.get(reverse("admin:cases_accesslogentry_delete", args=[entry.pk])).status_code == 403
    page = client.get(reverse("admin:cases_accesslogentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # shown, not editable
    client.post(reverse("admin:cases_accesslogentry_change", args=[entry.pk]), {"detail": "changed"})
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == ""
    assert "Access log intact: 5 entries" in verify_command()


# --- the command


def test_an_intact_log_is_reported_with_its_first_and_last_entries(five, practitioner, team_manager):
    output = verify_command()
    assert output.startswith("Access log intact: 5 entries, first entry 1 (written ")
    assert "by practitioner), last entry 5" in output
    assert five[-1].entry_hash in output


def test_an_empty_log_is_intact():
    assert verify_command().startswith("Access log intact: 0 entries")


@pytest.mark.parametrize("change", ["detail", "user", "child", "at"])
def test_an_entry_edited_in_the_database_is_reported_at_that_entry(five, team_manager, child_b, change):
    third = five[2]
    tamper(third, **{"detail": {"detail": "Nothing to see"}, "user": {"user": team_manager},
                     "child": {"child": child_b}, "at": {"at": third.at - timedelta(days=3)}}[change])
    message = broken_at(3, "has been changed since it was written")
    assert "by practitioner" in message
    assert "(2 entries checked up to there)" in message


def test_an_entry_deleted_from_the_middle_is_reported(five):
    AccessLogEntry.objects.filter(sequence=3).delete()
    broken_at(4, "entry 3 is missing (deleted after it was written)")


def test_a_deleted_first_entry_is_reported(five):
    AccessLogEntry.objects.filter(sequence=1).delete()
    broken_at(2, "does not start at entry 1")


def test_an_altered_last_entry_is_detected(five):
    tamper(five[-1], detail="Viewed by someone else")
    broken_at(5, "has been changed")


def test_a_forged_fingerprint_on_one_entry_is_detected_at_the_next_link(five, child_b):
    third = AccessLogEntry.objects.get(sequence=3)
    forged = access_chain.entry_hash(sequence=3, at=third.at, user_id=third.user_id, username=third.username,
                                     action=third.action, child_id=child_b.pk, detail=third.detail,
                                     previous_hash=third.previous_hash)
    tamper(third, child=child_b, entry_hash=forged)
    broken_at(4, "does not point at entry 3's fingerprint")


def test_the_command_exits_with_an_error_status_when_the_chain_is_broken(five):
    tamper(five[1], detail="changed")
    with pytest.raises(CommandError) as failure:
        verify_command()
    assert failure.value.returncode == 1


def test_the_walk_reads_the_log_a_batch_at_a_time(five):
    with CaptureQueriesContext(connection) as queries:
        assert verify_command("--batch-size", "2").startswith("Access log intact: 5 entries")
    assert len(queries) == 3  # entries 1-2, 3-4, then 5 (a short batch: the end)
    assert all("LIMIT 2" in query["sql"] for query in queries.captured_queries)


def test_a_break_is_found_across_batches(five):
    AccessLogEntry.objects.filter(sequence=4).delete()
    assert access_log_verify(batch_size=2).broken.sequence == 5


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="--batch-size must be 1 or more"):
        verify_command("--batch-size", "0")


# --- the nightly task


def test_the_nightly_check_logs_an_error_naming_the_first_broken_link(five, caplog):
    tamper(five[1], detail="changed")
    with caplog.at_level(logging.INFO, logger="cases.tasks"):
        result = tasks.verify_access_log.delay().get()
    assert result == {"intact": False, "entries": 1, "broken_at": 2}
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].getMessage().startswith("Access log broken at entry 2")


def test_the_nightly_check_of_an_intact_log_logs_its_last_fingerprint_and_no_error(five, caplog):
    with caplog.at_level(logging.INFO, logger="cases.tasks"):
        assert tasks.verify_access_log.delay().get() == {"intact": True, "entries": 5, "broken_at": None}
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert any(five[-1].entry_hash in record.getMessage() for record in caplog.records)


def test_the_nightly_check_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["verify-access-log"]
    assert entry["task"] == "cases.tasks.verify_access_log"


# --- the migration's chaining of entries written before the chain


def test_entries_written_before_the_chain_are_chained_in_the_order_they_were_written(five):
    """What migration 0006 does to an existing log: number and fingerprint every entry by time
    written (then id), so the log verifies straight away."""
    from importlib import import_module

    migration = import_module("cases.migrations.0006_access_log_chain")
    newest_first = list(reversed(five))
    for offset, entry in enumerate(newest_first):  # as if written in the opposite order, unchained
        tamper(entry, sequence=1000 + offset, previous_hash="", entry_hash="", username="",
               at=five[0].at + timedelta(minutes=offset))
    def execute(sql):  # what the migration's schema editor does with its one statement (PostgreSQL only)
        with connection.cursor() as cursor:
            cursor.execute(sql)

    migration.chain_existing_entries(django_apps, SimpleNamespace(connection=connection, execute=execute))
    assert list(AccessLogEntry.objects.order_by("sequence").values_list("pk", flat=True)) == [
        entry.pk for entry in newest_first]
    assert AccessLogEntry.objects.get(sequence=1).username == "practitioner"
    assert verify_command().startswith("Access log intact: 5 entries")


# --- the demo council


def test_a_freshly_seeded_demo_council_has_an_access_log_that_verifies(client):
    """Seeding writes no entries of its own; the demo's first views chain from entry 1, and seeding
    again with --replace empties the log so the next council's chain starts again and verifies."""
    from django.contrib.auth import get_user_model

    from cases.models import Child

    seed = {"children": 12, "seed": 5, "password": "demo-password-for-tests-only", "stdout": StringIO()}
    call_command("seed_demo", **seed)
    assert verify_command().startswith("Access log intact: 0 entries")
    client.force_login(get_user_model().objects.get(username="senior.manager"))
    for child in Child.objects.order_by("pk")[:3]:
        assert client.get(f"/children/{child.pk}/").status_code == 200
    assert verify_command().startswith("Access log intact: 3 entries")
    call_command("seed_demo", replace=True, **seed)
    assert not AccessLogEntry.objects.exists()
    client.force_login(get_user_model().objects.get(username="senior.manager"))
    client.get(f"/children/{Child.objects.order_by('pk').first().pk}/")
    assert AccessLogEntry.objects.get().sequence == 1
    assert verify_command().startswith("Access log intact: 1 entries")


@pytest.mark.django_db(transaction=True)
def test_migration_0006_chains_the_log_of_an_existing_database():
    """The migration itself, run forwards over entries written before it (with the models as they
    were then): every entry numbered in the order written and the log verifies."""
    from datetime import UTC, datetime

    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0005_indexes_for_caseload_pages")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="early.bird")
    Entry = old.get_model("cases", "AccessLogEntry")
    written = [Entry.objects.create(user=user, action="exported", detail=f"Export {number}") for number in range(3)]
    for number, entry in enumerate(written):  # the second written first, as entries can be
        Entry.objects.filter(pk=entry.pk).update(at=datetime(2025, 1, 1, 9, [1, 0, 2][number], tzinfo=UTC))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(AccessLogEntry.objects.order_by("sequence").values_list("detail", "username")) == [
        ("Export 1", "early.bird"), ("Export 0", "early.bird"), ("Export 2", "early.bird")]
    assert verify_command().startswith("Access log intact: 3 entries")
