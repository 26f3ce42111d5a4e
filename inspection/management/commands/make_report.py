"""python manage.py make_report KIND --user USERNAME --out FILE [--param NAME=VALUE ...]: produce a
report from the command line through the same code as the background job (inspection/reports/),
with the same permission check for the named user and, for exports of children's details, the
same access-log entry.

Parameters are the job's own: `--param plan=12` for an action plan, `--param board=1 --param
as_at=2026-11-29` for the board report, `--param as_at=2026-11-01` for Annex A, and the children
list's filters (`--param team=3 --param stage=child_protection`; a name given twice is a list).
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from cases import services as case_services
from cases.models import AccessLogEntry
from inspection.models import ReportJob
from inspection.reports import REPORTS, ReportError


def parse_parameters(pairs: list[str], *, listed: bool) -> dict:
    """NAME=VALUE pairs as the job's parameters; with ``listed``, every value is a list (as a
    filter form's query string gives them)."""
    parameters: dict = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name:
            raise CommandError(f"--param takes NAME=VALUE, not {pair!r}.")
        if listed:
            parameters.setdefault(name, []).append(value)
        elif name in parameters:
            raise CommandError(f"--param {name} is given twice.")
        else:
            parameters[name] = value
    return parameters


class Command(BaseCommand):
    help = "Produce a report (the same as a background report job) and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(REPORTS), help="Which report.")
        parser.add_argument("--user", required=True, help="Whose permissions and record scope apply.")
        parser.add_argument("--out", required=True, help="The file to write (.pdf, or .xlsx for Annex A).")
        parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                            help="A parameter of the report; repeat for more.")

    def handle(self, *args, kind, user, out, param, **options):
        report = REPORTS[kind]
        path = Path(out)
        if path.suffix.lower() != f".{report.extension}":
            raise CommandError(f"--out must name a .{report.extension} file for this report.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        try:
            actor = get_user_model().objects.get(username=user)
        except ObjectDoesNotExist as error:
            raise CommandError(f"There is no user {user!r}.") from error
        try:
            report.check_permission(actor)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        parameters = parse_parameters(param, listed=kind == ReportJob.Kind.CHILDREN_LIST)
        started = time.perf_counter()
        try:
            job = ReportJob(kind=kind, parameters=parameters, requested_by=actor, title=report.title_for(parameters))
            rendered = report.render(job)
        except (ReportError, ObjectDoesNotExist, KeyError, ValueError) as error:
            raise CommandError(f"The report could not be produced: {error}") from error
        path.write_bytes(rendered.content)
        if report.is_export:
            case_services.access_log_record(actor=actor, action=AccessLogEntry.Action.EXPORTED,
                                            detail=f"Produced {job.title} from the command line ({path.name})")
        pages = f", {rendered.page_count} pages" if rendered.page_count else ""
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {job.title} to {path} ({len(rendered.content):,} bytes{pages}) in {time.perf_counter() - started:.1f} s."
        ))
