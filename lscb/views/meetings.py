"""Meetings of the board and its subgroups, each recorded with everyone's attendance in one form."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import selectors, services
from ..forms import MeetingForm
from .common import posted, submit, today, with_board


@permission_required("lscb.view_meeting", raise_exception=True)
@with_board
def meeting_list(request, board):
    return render(request, "lscb/meeting_list.html", {
        "board": board, "section": "meetings", "meetings": selectors.meetings(board=board),
        "subgroups": list(board.subgroups.all()),
    })


@permission_required("lscb.view_meeting", raise_exception=True)
@with_board
def meeting_detail(request, board, pk: int):
    return render(request, "lscb/meeting_detail.html", {
        "board": board, "section": "meetings", "meeting": selectors.meeting_detail(board=board, pk=pk),
    })


@permission_required("lscb.add_meeting", raise_exception=True)
@permission_required("lscb.add_attendance", raise_exception=True)
@with_board
def meeting_create(request, board):
    """A board meeting, or with ``?subgroup=<id>`` a meeting of that subgroup."""
    chosen = request.GET.get("subgroup", "")
    if chosen and not chosen.isdigit():
        raise Http404("No such subgroup.")
    subgroup = get_object_or_404(board.subgroups, pk=int(chosen)) if chosen else None
    return _meeting_form(request, board, subgroup, None)


@permission_required("lscb.change_meeting", raise_exception=True)
@permission_required("lscb.change_attendance", raise_exception=True)
@with_board
def meeting_edit(request, board, pk: int):
    meeting = get_object_or_404(board.meetings.select_related("subgroup"), pk=pk)
    return _meeting_form(request, board, meeting.subgroup, meeting)


def _meeting_form(request, board, subgroup, meeting):
    initial = {"date": meeting.date, "title": meeting.title, "decisions": meeting.decisions} if meeting else {}
    form = MeetingForm(posted(request), board=board, subgroup=subgroup, today=today(), meeting=meeting, initial=initial)
    saved = submit(request, form, lambda: services.meeting_record(
        actor=request.user, board=board, subgroup=subgroup, meeting=meeting, **form.service_arguments(),
    ))
    if saved:
        messages.success(request, f"{saved} recorded, with everyone's attendance.")
        return redirect("lscb:meeting_detail", pk=saved.pk)
    who = subgroup.name if subgroup else board.name
    heading = "Correct the record of a meeting" if meeting else "Record a meeting"
    return render(request, "lscb/meeting_form.html", {
        "form": form, "board": board, "subgroup": subgroup, "meeting": meeting, "heading": heading, "who": who,
        "back_url": reverse("lscb:meeting_detail", args=[meeting.pk]) if meeting else reverse("lscb:meeting_list"),
    })
