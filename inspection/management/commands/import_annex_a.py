"""python manage.py import_annex_a FILE.xlsx [--as-at YYYY-MM-DD] [--dry-run] [--user USERNAME]:
children and their episodes from an Annex A workbook, all or nothing.

Every rejected row is printed with its list, row, column and reason, and nothing is imported.
With --dry-run the whole import is checked and counted, then undone. Differences between the
lists as the workbook has them and as they will be drawn from what was imported are printed as
warnings.
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspection.annex_a.importing import import_annex_a

from .export_annex_a import _date

IMPORT_ACCOUNT = "annex-a-import"  # the author of records imported from the command line


def import_account():
    """The account named as the author of records imported from the command line: it cannot sign in."""
    user, created = get_user_model().objects.get_or_create(
        username=IMPORT_ACCOUNT, defaults={"first_name": "Annex A", "last_name": "import", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class Command(BaseCommand):
    help = "Import children and their episodes from an Annex A workbook (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The Annex A workbook (.xlsx).")
        parser.add_argument("--as-at", dest="as_at", default=None,
                            help="The date the lists were drawn as at (YYYY-MM-DD; default today).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count everything, then undo it.")
        parser.add_argument("--user", default=None,
                            help=f"Username recorded as the author (default: the {IMPORT_ACCOUNT} account).")

    def handle(self, *args, file, as_at, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        as_at = _date(as_at) if as_at else timezone.localdate()
        if user:
            try:
                author = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"There is no user {user!r}.") from error
        else:
            author = import_account()
        started = time.perf_counter()
        with path.open("rb") as workbook:
            result = import_annex_a(workbook, as_at=as_at, user=author, dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(str(error))
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        for line in result.summary():
            self.stdout.write(line)
        seconds = time.perf_counter() - started
        if not result.ok:
            raise CommandError(f"Nothing was imported from {path}: {len(result.errors)} rows or sheets rejected "
                               f"(listed above).")
        done = "Checked (dry run, nothing kept)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{done} {path} in {seconds:.1f} s."))
