"""python manage.py export_annex_a --as-at YYYY-MM-DD --out FILE.xlsx: Ofsted's Annex A workbook
(lists 1 to 11) from the case records as at a date, with the rows in each list and the time taken."""

import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspection.annex_a.workbook import write_annex_a


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-at must be a date written YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = "Write Ofsted's Annex A workbook (lists 1-11) from the case records as at a date."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", dest="as_at", default=None,
                            help="The date the lists are drawn as at (YYYY-MM-DD; default today).")
        parser.add_argument("--out", required=True, help="The .xlsx file to write.")

    def handle(self, *args, as_at, out, **options):
        as_at = _date(as_at) if as_at else timezone.localdate()
        path = Path(out)
        if path.suffix.lower() != ".xlsx":
            raise CommandError("--out must name an .xlsx file.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        started = time.perf_counter()
        self.stdout.write(f"Annex A as at {as_at:%d/%m/%Y}")

        def progress(spec, rows):
            plural = "" if rows == 1 else "s"
            self.stdout.write(f"  {spec.title_text}: {rows:,} row{plural} ({time.perf_counter() - started:.1f} s)")

        counts = write_annex_a(path, as_at, progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {sum(counts.values()):,} rows in {len(counts)} lists to {path} in {seconds:.1f} s."
        ))
