"""Many requests writing the access log at the same moment still make one unbroken chain: on
PostgreSQL the writers' lock is taken, and the last entry read, in one round trip, and each
writer must see the entry the one before it committed."""

import threading

import pytest
from django.db import connection, connections

from cases import services
from cases.models import AccessLogEntry
from cases.selectors import access_log_verify

WRITERS = 6
ENTRIES_EACH = 15


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_make_one_unbroken_chain(practitioner, child_a):
    assert connection.vendor == "postgresql", "run through scripts/test.sh: the lock under test is PostgreSQL's"
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write():
        try:
            start.wait()
            for number in range(ENTRIES_EACH):
                services.access_log_record(actor=practitioner, action=AccessLogEntry.Action.VIEWED_CHILD,
                                           child=child_a, detail=f"writer {threading.get_ident()} entry {number}")
        except BaseException as error:  # noqa: BLE001 - reported below, with the thread's own error
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    sequences = list(AccessLogEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, WRITERS * ENTRIES_EACH + 1))
    verification = access_log_verify()
    assert verification.intact, verification.summary()
    assert verification.entries == WRITERS * ENTRIES_EACH
