"""The board: its chair, members by agency and subgroups; setting it up and keeping it current;
attendance rates."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import selectors, services
from ..forms import BoardForm, MemberForm, SubgroupForm
from ..models import Board, Member
from .common import fields_of, form_page, posted, submit, today, with_board


@permission_required("lscb.view_board", raise_exception=True)
@with_board
def board_detail(request, board):
    on = today()
    groups = selectors.members_by_agency(board=board, today=on)
    current = [member for group in groups for member in group.members if member.current]
    return render(request, "lscb/board.html", {
        "board": board, "section": "board", "agencies": groups, "subgroups": selectors.subgroups(board=board),
        "current_count": len(current), "statutory_count": sum(1 for m in current if m.statutory_partner),
        "lay_count": sum(1 for m in current if m.lay_member), "lay_expected": selectors.LAY_MEMBERS_EXPECTED,
        "today": on,
    })


@permission_required("lscb.add_board", raise_exception=True)
def board_create(request):
    if selectors.the_board() is not None:
        return redirect("lscb:board_edit")
    form = BoardForm(posted(request))
    saved = submit(request, form, lambda: services.board_create(actor=request.user, **fields_of(form)))
    if saved:
        messages.success(request, f"{saved.name} set up. Now add its members.")
        return redirect("lscb:board")
    return form_page(request, form, heading="Set up the safeguarding board", back_url=reverse("lscb:dashboard"))


@permission_required("lscb.change_board", raise_exception=True)
@with_board
def board_edit(request, board):
    form = BoardForm(posted(request), instance=Board.objects.get(pk=board.pk))
    saved = submit(request, form, lambda: services.board_update(actor=request.user, board=board, **fields_of(form)))
    if saved:
        messages.success(request, f"{saved.name}'s details saved.")
        return redirect("lscb:board")
    return form_page(request, form, heading="Change the board's details", caption=board.name,
                     back_url=reverse("lscb:board"))


@permission_required("lscb.add_member", raise_exception=True)
@with_board
def member_create(request, board):
    return _member_form(request, board, None, "Add a member")


@permission_required("lscb.change_member", raise_exception=True)
@with_board
def member_edit(request, board, pk: int):
    return _member_form(request, board, get_object_or_404(board.members, pk=pk), "Change a member's details")


def _member_form(request, board, member: Member | None, heading: str):
    form = MemberForm(posted(request), instance=Member.objects.get(pk=member.pk) if member else Member(board=board),
                      board=board, today=today())
    saved = submit(request, form, lambda: services.member_save(actor=request.user, board=board, member=member,
                                                               **fields_of(form)))
    if saved:
        messages.success(request, f"{saved.name} ({saved.agency}) saved.")
        return redirect("lscb:board")
    return form_page(request, form, heading=heading, caption=board.name, back_url=reverse("lscb:board"))


@permission_required("lscb.add_subgroup", raise_exception=True)
@with_board
def subgroup_create(request, board):
    return _subgroup_form(request, board, None, "Add a subgroup")


@permission_required("lscb.change_subgroup", raise_exception=True)
@with_board
def subgroup_edit(request, board, pk: int):
    return _subgroup_form(request, board, get_object_or_404(board.subgroups, pk=pk), "Change a subgroup")


def _subgroup_form(request, board, subgroup, heading: str):
    form = SubgroupForm(posted(request), instance=subgroup, board=board, today=today())
    saved = submit(request, form, lambda: services.subgroup_save(actor=request.user, board=board, subgroup=subgroup,
                                                                 **fields_of(form)))
    if saved:
        messages.success(request, f"{saved.name} saved.")
        return redirect("lscb:board")
    return form_page(request, form, heading=heading, caption=board.name, back_url=reverse("lscb:board"))


@permission_required("lscb.view_attendance", raise_exception=True)
@with_board
def attendance(request, board):
    rates = selectors.attendance_rates(board=board, today=today())
    return render(request, "lscb/attendance.html", {"board": board, "section": "attendance", "rates": rates})
