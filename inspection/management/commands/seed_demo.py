"""python manage.py seed_demo --children N --seed S: a demo council, the same for the same seed."""

import os
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspection.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Seed a demo council: teams, workers, one login per role and N children (deterministic per seed)."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=500, help="How many children to create (default 500).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same council.")
        parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="Date ages are reckoned from (YYYY-MM-DD; default today).")
        parser.add_argument("--replace", action="store_true", help="Delete existing teams, workers, children and their records first.")
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "line-of-sight-demo"), help="Password for the demo logins.")

    def handle(self, *args, children, seed, as_of, replace, password, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates logins with a known password and is refused in production mode.")
        if children < 0:
            raise CommandError("--children must be zero or more.")
        logins, counts = seed_demo(
            children=children, seed=seed, as_of=as_of or timezone.localdate(), password=password, replace=replace
        )
        if counts.children:
            self.stdout.write(self.style.SUCCESS(f"Created {counts.children:,} children (seed {seed})."))
            self.stdout.write(
                f"  {counts.episodes:,} episodes, {counts.placements:,} placements, "
                f"{counts.legal_statuses:,} legal statuses, {counts.events:,} events, {counts.flags:,} flags, "
                f"{counts.audits:,} case audits ({counts.moderated_audits:,} moderated)."
            )
        else:
            self.stdout.write("Children already exist; left as they are (use --replace to start again).")
        self.stdout.write("\nDemo logins (password: %s)" % password)
        for login in logins:
            self.stdout.write(f"  {login.username:<16} {login.role.label:<28} {login.team}")
