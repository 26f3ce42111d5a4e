"""Reading the whole access log in order: to check its chain (cases/access_chain.py) and to export
a search of it. Both read a batch at a time, so a log of millions of entries is never held in
memory."""

from collections.abc import Iterator

from django.db.models import QuerySet

from .. import access_chain
from ..models import AccessLogEntry

VERIFY_BATCH = 5000
_CHAIN_FIELDS = ("sequence", "at", "user_id", "username", "action", "child_id", "detail", "previous_hash",
                 "entry_hash")


def access_log_chain_entries(*, batch_size: int = VERIFY_BATCH) -> Iterator[access_chain.ChainEntry]:
    """Every entry in sequence order, read ``batch_size`` at a time by entry number (each batch
    starts after the last number of the one before, from the unique index: no cursor is held open
    between batches)."""
    after = 0
    while True:
        rows = list(
            AccessLogEntry.objects.filter(sequence__gt=after).order_by("sequence")
            .values_list(*_CHAIN_FIELDS)[:batch_size]
        )
        for row in rows:
            yield access_chain.ChainEntry(*row)
        if len(rows) < batch_size:
            return
        after = rows[-1][0]


def access_log_verify(*, batch_size: int = VERIFY_BATCH) -> access_chain.Verification:
    """Check the whole chain: intact, or the first broken link (see access_chain.verify)."""
    return access_chain.verify(access_log_chain_entries(batch_size=batch_size))


def access_log_in_batches(entries: QuerySet[AccessLogEntry], *, batch_size: int = 2000) -> Iterator[AccessLogEntry]:
    """The entries of a search (newest first, as the page shows them), read ``batch_size`` at a
    time by entry number, for an export of any size."""
    before = None
    while True:
        batch = entries.order_by("-sequence")
        if before is not None:
            batch = batch.filter(sequence__lt=before)
        rows = list(batch[:batch_size])
        yield from rows
        if len(rows) < batch_size:
            return
        before = rows[-1].sequence
