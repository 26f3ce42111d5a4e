"""Serious case reviews and child safeguarding practice reviews: their deadlines, learning and
how it was spread; the recommendations turned into an action plan."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import selectors, services
from ..forms import ReviewForm
from ..models import SafeguardingReview
from .common import fields_of, form_page, posted, submit, today, with_board


@permission_required("lscb.view_safeguardingreview", raise_exception=True)
@with_board
def review_list(request, board):
    return render(request, "lscb/review_list.html", {
        "board": board, "section": "reviews", "reviews": selectors.reviews(board=board, today=today()),
    })


@permission_required("lscb.view_safeguardingreview", raise_exception=True)
@with_board
def review_detail(request, board, pk: int):
    review = selectors.review_detail(board=board, pk=pk, today=today())
    return render(request, "lscb/review_detail.html", {
        "board": board, "section": "reviews", "review": review,
        "learning_points": [line.strip() for line in review.learning.splitlines() if line.strip()],
    })


@permission_required("lscb.add_safeguardingreview", raise_exception=True)
@with_board
def review_create(request, board):
    return _review_form(request, board, None, "Record a review")


@permission_required("lscb.change_safeguardingreview", raise_exception=True)
@with_board
def review_edit(request, board, pk: int):
    return _review_form(request, board, get_object_or_404(board.reviews, pk=pk), "Update the review")


def _review_form(request, board, review, heading: str):
    instance = SafeguardingReview.objects.get(pk=review.pk) if review else SafeguardingReview(board=board)
    form = ReviewForm(posted(request), instance=instance, user=request.user, today=today())
    saved = submit(request, form, lambda: services.review_save(actor=request.user, board=board, review=review,
                                                               **fields_of(form)))
    if saved:
        messages.success(request, f"{saved} saved.")
        return redirect("lscb:review_detail", pk=saved.pk)
    back = reverse("lscb:review_detail", args=[review.pk]) if review else reverse("lscb:review_list")
    return form_page(request, form, heading=heading, caption=board.name, back_url=back,
                     intro="Record each date as it happens: the deadlines are worked out from them.")
