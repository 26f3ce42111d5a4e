"""python manage.py verify_access_log [--batch-size N]: check the access log's chain from the first
entry to the last (cases/access_chain.py), as the nightly job does. Says "Access log intact: ..."
and exits 0, or names the first broken link (its number, when it was written, by whom and what is
wrong) and exits 1. Reads a batch at a time, so it copes with a log of millions of entries."""

from django.core.management.base import BaseCommand, CommandError

from cases.selectors import access_log_verify
from cases.selectors.access_log import VERIFY_BATCH


class Command(BaseCommand):
    help = "Check that no access-log entry has been changed or deleted since it was written."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=VERIFY_BATCH,
                            help=f"Entries read at a time (default {VERIFY_BATCH}).")

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        result = access_log_verify(batch_size=batch_size)
        if not result.intact:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
