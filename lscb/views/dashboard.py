"""The board's landing page for the chair and members, and Ofsted's judgement of the board."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from .. import selectors
from .common import today, with_board

# Ofsted reviewed safeguarding boards under the single inspection framework (2013 to 2017), the
# only framework with a judgement area for the board.
BOARD_FRAMEWORK = "sif_2013"


@permission_required("lscb.view_board", raise_exception=True)
@with_board
def dashboard(request, board):
    return render(request, "lscb/dashboard.html", {
        "board": board, "section": "dashboard", "today": today(),
        "dashboard": selectors.dashboard(board=board, today=today(), user=request.user),
    })


@permission_required("lscb.view_board", raise_exception=True)
@with_board
def judgement(request, board):
    return render(request, "lscb/judgement.html", {
        "board": board, "section": "judgement", "judgements": selectors.board_judgements(),
        "framework": BOARD_FRAMEWORK,
    })
