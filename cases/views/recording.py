"""Recording and correcting a child's journey, events, flags, placements and legal statuses.

Each view: permission → the child in the user's scope → form → service → back to the record.
A form with errors is shown again with everything the officer typed; nothing is saved.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import services
from ..forms import (
    EVENT_FIELDS,
    STAGE_FIELDS,
    FlagForm,
    LegalStatusForm,
    PlacementForm,
    episode_form_class,
    event_form_class,
)
from ..lost_updates import unchanged_since_opened
from ..models import Episode, Event, EventKind, Flag, LegalStatus, Placement, Stage
from .children import RestrictedRecord, child_in_scope_or_glass


def _child(request, pk: int):
    try:
        return child_in_scope_or_glass(request, pk)
    except RestrictedRecord:
        raise Http404("Open the restricted record first.") from None


def _save_or_show(request, form, save, *, child, heading: str, done_message: str, **context):
    """Run the service for a valid form; on any refusal (including a record someone else changed
    after the page was opened), show the form again with the reason. Every recording page is the
    same template: a heading, the child's name and the form."""
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                save(form)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, done_message)
            return redirect("cases:child_detail", pk=child.pk)
    return render(
        request, "cases/record_form.html",
        {**context, "form": form, "child": child, "heading": heading, "caption": child.full_name},
    )


@permission_required("cases.add_episode", raise_exception=True)
def episode_add(request, pk: int, stage: str):
    child = _child(request, pk)
    if stage not in STAGE_FIELDS:
        raise Http404("No such stage.")
    form = episode_form_class(stage)(request.POST or None, child=child, stage=stage, instance=Episode(child=child, stage=stage))
    return _save_or_show(
        request, form,
        lambda form: services.episode_save(actor=request.user, child=child, episode=form.instance, stage=stage),
        child=child, heading=f"Record {_article(Stage(stage).label)}", done_message=f"{Stage(stage).label} recorded.",
    )


@permission_required("cases.change_episode", raise_exception=True)
def episode_edit(request, pk: int, episode_pk: int):
    child = _child(request, pk)
    episode = get_object_or_404(Episode, pk=episode_pk, child=child)
    form = episode_form_class(episode.stage)(request.POST or None, child=child, stage=episode.stage, instance=episode)
    return _save_or_show(
        request, form,
        lambda form: services.episode_save(actor=request.user, child=child, episode=form.instance, stage=episode.stage),
        child=child, heading=f"Correct the {episode.get_stage_display().lower()}",
        done_message=f"{episode.get_stage_display()} corrected.", episode=episode,
        placements=episode.placements.all() if episode.stage == Stage.LOOKED_AFTER else None,
        legal_statuses=episode.legal_statuses.all() if episode.stage == Stage.LOOKED_AFTER else None,
    )


@permission_required("cases.add_event", raise_exception=True)
def event_add(request, pk: int, kind: str):
    child = _child(request, pk)
    if kind not in EVENT_FIELDS:
        raise Http404("No such kind of event.")
    form = event_form_class(kind)(request.POST or None, child=child, kind=kind, instance=Event(child=child, kind=kind))
    return _save_or_show(
        request, form,
        lambda form: services.event_save(actor=request.user, child=child, event=form.instance, kind=kind),
        child=child, heading=f"Record {_article(EventKind(kind).label)}", done_message=f"{EventKind(kind).label} recorded.",
    )


@permission_required("cases.change_event", raise_exception=True)
def event_edit(request, pk: int, event_pk: int):
    child = _child(request, pk)
    event = get_object_or_404(Event, pk=event_pk, child=child)
    form = event_form_class(event.kind)(request.POST or None, child=child, kind=event.kind, instance=event)
    return _save_or_show(
        request, form,
        lambda form: services.event_save(actor=request.user, child=child, event=form.instance, kind=event.kind),
        child=child, heading=f"Correct the {event.get_kind_display().lower()}",
        done_message=f"{event.get_kind_display()} corrected.",
    )


@permission_required("cases.add_flag", raise_exception=True)
def flag_add(request, pk: int):
    child = _child(request, pk)
    form = FlagForm(request.POST or None, child=child, instance=Flag(child=child))
    return _save_or_show(
        request, form, lambda form: services.flag_save(actor=request.user, child=child, flag=form.instance),
        child=child, heading="Add a flag", done_message="Flag added.",
    )


@permission_required("cases.change_flag", raise_exception=True)
def flag_edit(request, pk: int, flag_pk: int):
    child = _child(request, pk)
    flag = get_object_or_404(Flag, pk=flag_pk, child=child)
    form = FlagForm(request.POST or None, child=child, instance=flag)
    return _save_or_show(
        request, form, lambda form: services.flag_save(actor=request.user, child=child, flag=form.instance),
        child=child, heading=f"Correct or end the flag: {flag.get_kind_display().lower()}", done_message="Flag updated.",
    )


@permission_required("cases.add_placement", raise_exception=True)
def placement_add(request, pk: int, episode_pk: int):
    child = _child(request, pk)
    episode = get_object_or_404(Episode, pk=episode_pk, child=child, stage=Stage.LOOKED_AFTER)
    form = PlacementForm(request.POST or None, child=child, instance=Placement(episode=episode))
    return _save_or_show(
        request, form,
        lambda form: services.placement_save(actor=request.user, episode=episode, placement=form.instance),
        child=child, heading="Record a placement", done_message="Placement recorded.",
    )


@permission_required("cases.add_legalstatus", raise_exception=True)
def legal_status_add(request, pk: int, episode_pk: int):
    child = _child(request, pk)
    episode = get_object_or_404(Episode, pk=episode_pk, child=child, stage=Stage.LOOKED_AFTER)
    form = LegalStatusForm(request.POST or None, child=child, instance=LegalStatus(episode=episode))
    return _save_or_show(
        request, form,
        lambda form: services.legal_status_save(actor=request.user, episode=episode, legal_status=form.instance),
        child=child, heading="Record a legal status", done_message="Legal status recorded.",
    )


def _article(label: str) -> str:
    noun = label[0].lower() + label[1:] if not label.isupper() else label
    return ("an " if noun[0] in "aeiou" else "a ") + noun
