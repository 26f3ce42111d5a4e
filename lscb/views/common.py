"""What every page of the board shares: the board itself (or a page saying it is not set up
yet), today's date, and putting a service's refusal back on the form."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from cases.lost_updates import unchanged_since_opened

from .. import selectors


def with_board(view):
    """Pass the council's board to the view; without one, say so and offer to set it up."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        board = selectors.the_board()
        if board is None:
            return render(request, "lscb/no_board.html")
        return view(request, board, *args, **kwargs)

    return wrapped


def today():
    return timezone.localdate()


def posted(request):
    """The submitted data, even when nothing was filled in (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def add_service_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def form_page(request, form, *, heading: str, back_url: str, caption: str = "", intro: str = "",
              submit: str = "Save", multipart: bool = False):
    return render(request, "lscb/form.html", {
        "form": form, "heading": heading, "back_url": back_url, "caption": caption, "intro": intro,
        "submit": submit, "multipart": multipart,
    })


def submit(request, form, save):
    """When the form was posted and is valid, ``save()`` (which calls the service) and return what
    it saved; otherwise, or when the service refuses (or the record was changed by someone else
    after the page was opened), None with the errors on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with unchanged_since_opened(form, actor=request.user):
            return save()
    except ValidationError as error:
        add_service_error(form, error)
        return None


def fields_of(form, *, leave_out: tuple[str, ...] = ()) -> dict:
    """The model form's cleaned fields, as keyword arguments for a service."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name not in leave_out}
