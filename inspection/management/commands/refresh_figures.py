"""python manage.py refresh_figures [--today YYYY-MM-DD] [--months N] [--rebuild]: work out the
dashboards' figures now, as the 06:00 job does (inspection/dashboards/services.py), and say what
was written and how long it took."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from inspection.dashboards.services import figures_refresh


class Command(BaseCommand):
    help = "Work out the dashboards' figures for today and the last month ends not yet kept."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="The day to count as today (YYYY-MM-DD; default today).")
        parser.add_argument("--months", type=int, default=12,
                            help="How many month ends before this month to keep figures for (default 12).")
        parser.add_argument("--rebuild", action="store_true",
                            help="Work out every one of those month ends again, not only those not yet kept.")

    def handle(self, *args, today, months, rebuild, **options):
        if months < 0:
            raise CommandError("--months must be zero or more.")
        result = figures_refresh(today=today, months=months, rebuild=rebuild)
        for item in result.written:
            self.stdout.write(f"  {item.as_at:%-d %B %Y}: {item.snapshots} figures"
                              + (f", {item.members:,} children behind them" if item.members else "")
                              + f" ({item.seconds:.1f} s)")
        if result.removed_dates:
            removed = ", ".join(f"{day:%-d %B %Y}" for day in result.removed_dates)
            self.stdout.write(f"  Removed the figures of earlier days that were not month ends: {removed}.")
        self.stdout.write(self.style.SUCCESS(
            f"Wrote the figures for {len(result.written)} dates in {result.seconds:.1f} s."))
