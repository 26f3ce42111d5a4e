"""Chain the access log: number every entry, keep the username it was written under, and give each
the fingerprint of its content and of the entry before it (cases/access_chain.py).

Entries written before this migration are chained here in the order they were written (time,
then id), with the same function the service uses, so an existing log verifies straight away
(``manage.py verify_access_log``). The order is read once as a compact list of ids (8 bytes an
entry), then the entries are read and written a batch at a time: a log of millions of entries is
chained without holding the entries in memory."""

from array import array

import django.utils.timezone
from django.db import migrations, models

from cases.access_chain import GENESIS, entry_hash

BATCH = 900  # ids in one IN (...): within any SQLite's limit of 999 parameters
SEQUENCE_HELP = "One more than the entry before: no number is skipped."
USERNAME_HELP = "The username when the entry was written (a login renamed later does not change the log)."


def chain_existing_entries(apps, schema_editor):
    AccessLogEntry = apps.get_model("cases", "AccessLogEntry")
    connection = schema_editor.connection
    in_order = array("q", AccessLogEntry.objects.order_by("at", "pk").values_list("pk", flat=True)
                     .iterator(chunk_size=BATCH))
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    update = (f"UPDATE {table} SET sequence = %s, username = %s, previous_hash = %s, entry_hash = %s "
              "WHERE id = %s")
    sequence, previous_hash = 0, GENESIS
    fields = ("pk", "at", "user_id", "user__username", "action", "child_id", "detail")
    for first in range(0, len(in_order), BATCH):
        ids = in_order[first:first + BATCH]
        rows = {row[0]: row for row in AccessLogEntry.objects.filter(pk__in=list(ids)).values_list(*fields)}
        chained = []
        for pk in ids:
            _pk, at, user_id, username, action, child_id, detail = rows[pk]
            sequence += 1
            fingerprint = entry_hash(sequence=sequence, at=at, user_id=user_id, username=username, action=action,
                                     child_id=child_id, detail=detail, previous_hash=previous_hash)
            chained.append((sequence, username, previous_hash, fingerprint, pk))
            previous_hash = fingerprint
        with connection.cursor() as cursor:
            cursor.executemany(update, chained)
    if connection.vendor == "postgresql":
        # Fire any deferred constraint checks now, so the ALTER TABLE that follows in this
        # transaction is not refused for pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_indexes_for_caseload_pages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accesslogentry",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, help_text=SEQUENCE_HELP, null=True,
                                                 verbose_name="Entry number"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="username",
            field=models.CharField(default="", editable=False, help_text=USERNAME_HELP, max_length=150),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64,
                                   verbose_name="Fingerprint of the entry before"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="Fingerprint"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accesslogentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, help_text=SEQUENCE_HELP, unique=True,
                                                 verbose_name="Entry number"),
        ),
    ]
