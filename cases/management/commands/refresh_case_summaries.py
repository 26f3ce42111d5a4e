"""python manage.py refresh_case_summaries [--today YYYY-MM-DD] [--team PK ...] [--if-never-worked-out]: work out what is
due for every child and which plans are drifting now, as the 05:30 job does (cases/summaries.py),
and say what was kept and how long it took. Run it after loading records in bulk (seeding the demo
council, for example) so caseloads and stuck cases show them at once."""

from datetime import date

from django.core.management.base import BaseCommand

from cases.models import WorkerCaseload
from cases.summaries import case_summaries_refresh


class Command(BaseCommand):
    help = "Work out what is due for every child with anything open, and which plans are drifting."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="The day to count as today (YYYY-MM-DD; default today).")
        parser.add_argument("--team", type=int, action="append", dest="team_ids", default=None,
                            help="Only the children of this team (its number; give it again for more teams).")
        parser.add_argument("--if-never-worked-out", action="store_true",
                            help="Only if nothing has been worked out yet (a council loaded before this was kept).")

    def handle(self, *args, today, team_ids, if_never_worked_out=False, **options):
        if if_never_worked_out and WorkerCaseload.objects.exists():
            return
        result = case_summaries_refresh(today=today, team_ids=team_ids)
        self.stdout.write(self.style.SUCCESS(
            f"Worked out {result.children:,} children as at {result.today:%-d %B %Y}: {result.due_work:,} "
            f"deadlines running, {result.stuck:,} children with drifting plans ({result.seconds:.1f} s)."))
