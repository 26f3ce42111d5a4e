"""The board's registers, one pattern for each: multi-agency audits, training (attendance by
agency and the evaluation of its impact), the challenge log, and performance data with the
board's analysis. A list, a form to add, the same form to change."""

from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import selectors, services
from ..forms import ChallengeForm, MultiAgencyAuditForm, PerformanceReportForm, TrainingEventForm
from .common import fields_of, form_page, posted, submit, today, with_board


@dataclass(frozen=True)
class Register:
    name: str  # url names are lscb:<name>_list, <name>_create, <name>_edit
    noun: str  # "multi-agency audit"
    records: Callable  # board -> its records of this kind (a queryset)
    form: type
    form_args: Callable  # (board, today) -> the form's own keyword arguments
    save: Callable  # (actor, board, record, form) -> the saved record


AUDITS = Register(
    name="audit", noun="multi-agency audit", records=lambda board: board.audits, form=MultiAgencyAuditForm,
    form_args=lambda board, on: {"today": on},
    save=lambda actor, board, record, form: services.audit_save(actor=actor, board=board, audit=record, **fields_of(form)),
)
TRAINING = Register(
    name="training", noun="training event", records=lambda board: board.training, form=TrainingEventForm,
    form_args=lambda board, on: {"board": board, "today": on},
    save=lambda actor, board, record, form: services.training_save(
        actor=actor, board=board, event=record, attendance=form.attendance(), **fields_of(form)),
)
CHALLENGES = Register(
    name="challenge", noun="challenge", records=lambda board: board.challenges, form=ChallengeForm,
    form_args=lambda board, on: {"board": board, "today": on},
    save=lambda actor, board, record, form: services.challenge_save(actor=actor, board=board, challenge=record,
                                                                    **fields_of(form)),
)
PERFORMANCE = Register(
    name="performance", noun="performance report", records=lambda board: board.performance_reports,
    form=PerformanceReportForm, form_args=lambda board, on: {"today": on},
    save=lambda actor, board, record, form: services.performance_report_save(actor=actor, board=board, report=record,
                                                                             **fields_of(form)),
)


def _form(request, board, register: Register, pk: int | None):
    record = get_object_or_404(register.records(board), pk=pk) if pk is not None else None
    instance = record or register.form._meta.model(board=board)
    form = register.form(posted(request), instance=instance, **register.form_args(board, today()))
    saved = submit(request, form, lambda: register.save(request.user, board, record, form))
    if saved:
        messages.success(request, f"{register.noun[:1].upper()}{register.noun[1:]} “{saved}” saved.")
        return redirect(f"lscb:{register.name}_list")
    verb = "Change the" if record else "Add a"
    return form_page(request, form, heading=f"{verb} {register.noun}", caption=board.name,
                     back_url=reverse(f"lscb:{register.name}_list"))


# --- multi-agency audits


@permission_required("lscb.view_multiagencyaudit", raise_exception=True)
@with_board
def audit_list(request, board):
    return render(request, "lscb/audit_list.html", {"board": board, "section": "audits",
                                                    "audits": selectors.audits(board=board)})


@permission_required("lscb.add_multiagencyaudit", raise_exception=True)
@with_board
def audit_create(request, board):
    return _form(request, board, AUDITS, None)


@permission_required("lscb.change_multiagencyaudit", raise_exception=True)
@with_board
def audit_edit(request, board, pk: int):
    return _form(request, board, AUDITS, pk)


# --- training


@permission_required("lscb.view_trainingevent", raise_exception=True)
@with_board
def training_list(request, board):
    period = selectors.last_twelve_months(today())
    by_agency, events = selectors.training_by_agency(board=board, period=period)
    return render(request, "lscb/training_list.html", {
        "board": board, "section": "training", "events": selectors.training_events(board=board),
        "period": period, "by_agency": by_agency, "events_in_period": events,
        "people_in_period": sum(row.people for row in by_agency),
    })


@permission_required("lscb.add_trainingevent", raise_exception=True)
@permission_required("lscb.add_trainingattendance", raise_exception=True)
@with_board
def training_create(request, board):
    return _form(request, board, TRAINING, None)


@permission_required("lscb.change_trainingevent", raise_exception=True)
@permission_required("lscb.change_trainingattendance", raise_exception=True)
@with_board
def training_edit(request, board, pk: int):
    return _form(request, board, TRAINING, pk)


# --- the challenge log


@permission_required("lscb.view_challenge", raise_exception=True)
@with_board
def challenge_list(request, board):
    open_, closed = selectors.challenges(board=board)
    return render(request, "lscb/challenge_list.html", {"board": board, "section": "challenges", "open": open_,
                                                        "closed": closed, "today": today()})


@permission_required("lscb.add_challenge", raise_exception=True)
@with_board
def challenge_create(request, board):
    return _form(request, board, CHALLENGES, None)


@permission_required("lscb.change_challenge", raise_exception=True)
@with_board
def challenge_edit(request, board, pk: int):
    return _form(request, board, CHALLENGES, pk)


# --- performance data


@permission_required("lscb.view_performancereport", raise_exception=True)
@with_board
def performance_list(request, board):
    return render(request, "lscb/performance_list.html", {"board": board, "section": "performance",
                                                          "reports": selectors.performance_reports(board=board)})


@permission_required("lscb.add_performancereport", raise_exception=True)
@with_board
def performance_create(request, board):
    return _form(request, board, PERFORMANCE, None)


@permission_required("lscb.change_performancereport", raise_exception=True)
@with_board
def performance_edit(request, board, pk: int):
    return _form(request, board, PERFORMANCE, pk)
