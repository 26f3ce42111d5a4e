"""One child's record: its rows read once, the chronology, the journey, what is due and the
change history; and what is due for many children at once."""

from dataclasses import dataclass

from django.utils import timezone

from ..batched_reads import read_together
from ..models import Child


@dataclass
class ChildRecordRows:
    """Every row of one child's record, read once: two round trips however long the record is
    (the rows of five tables together, with the council's settings and who last looked at the
    record; then the people who recorded them)."""

    episodes: list
    events: list
    placements: list
    legal_statuses: list
    flags: list
    council_settings: object = None  # CouncilSettings, read with the rows (None until first saved)
    record_views: list | None = None  # the newest views of the record, if asked for


@dataclass(frozen=True)
class RecordView:
    """One line of "Who has looked at this record"."""

    who: str
    when: str  # "5 Mar 2026 14:03", local time (Django's "j M Y H:i")
    emergency: bool


def child_record_rows(*, child: Child, record_views: int = 0, panels: list = ()) -> ChildRecordRows:
    """The record's rows; with ``record_views``, that many of the newest views of it as well
    (for those who may see the access log); and the querysets in the ``panels``' contexts
    (cases/panels.py), each replaced in its context by its rows."""
    from django.contrib.auth import get_user_model
    from django.db.models import QuerySet

    from ..models import AccessLogEntry, CouncilSettings, Episode, Event, Flag, LegalStatus, Placement
    from .scope import access_log_for_child

    panel_reads = [(panel.context, key) for panel in panels for key, value in panel.context.items()
                   if isinstance(value, QuerySet)]
    # Read in no order and put in their models' orders here: a few dozen rows sort in microseconds,
    # where compiling each ORDER BY cost a tenth of a millisecond.
    episodes, events, placements, legal_statuses, flags, council_settings, views, *panel_rows = read_together(
        Episode.objects.filter(child=child).order_by(),
        Event.objects.filter(child=child).order_by(),  # the chronology and what is due sort for themselves
        Placement.objects.filter(episode__child=child).order_by(),
        LegalStatus.objects.filter(episode__child=child).order_by(),
        Flag.objects.filter(child=child).order_by(),
        CouncilSettings.objects.filter(pk=1),
        access_log_for_child(child=child, limit=record_views) if record_views else AccessLogEntry.objects.none(),
        *(context[key] for context, key in panel_reads),
    )
    for (context, key), read in zip(panel_reads, panel_rows, strict=True):
        context[key] = read
    for rows_by_start in (episodes, placements, legal_statuses):
        rows_by_start.sort(key=lambda row: (row.start_date, row.pk))  # as Meta.ordering: start date, then number
    flags.sort(key=lambda flag: flag.start_date, reverse=True)
    flags.sort(key=lambda flag: flag.kind)  # as Flag's Meta.ordering: kind, then newest first
    rows = ChildRecordRows(
        episodes, events, placements, legal_statuses, flags,
        council_settings=council_settings[0] if council_settings else None,  # made when first needed
        record_views=[_record_view(entry) for entry in views] if record_views else None,
    )
    # Who recorded what: one query for the few people on a record, rather than joining the
    # users table to each of the five (a long record names the same handful of people).
    recorded = [(row, "recorded_by") for row in (*rows.episodes, *rows.placements, *rows.legal_statuses, *rows.flags)]
    recorded += [(event, "author") for event in rows.events]
    user_ids = {getattr(row, f"{field}_id") for row, field in recorded} - {None}
    people = get_user_model().objects.only("username", "first_name", "last_name").in_bulk(user_ids) if user_ids else {}
    for row, field in recorded:
        # The people read above stand in for the related object, as select_related would have.
        row._meta.get_field(field).set_cached_value(row, people.get(getattr(row, f"{field}_id")))
    return rows


def _record_view(entry: tuple) -> RecordView:
    from ..models import AccessLogEntry
    from ..rules import person_name

    at, action, first_name, last_name, username = entry
    at = timezone.localtime(at)
    return RecordView(who=person_name(first_name, last_name, username),
                      when=f"{at.day} {at:%b %Y %H:%M}", emergency=action == AccessLogEntry.Action.BROKE_GLASS)


def chronology_pending_for_child(*, child: Child, category: str | None = None,
                                 rows: ChildRecordRows | None = None) -> list:
    """Everything that happened to the child, newest first, optionally one category only, as
    entries still to be made (``chronology.Pending``): sorting needs only dates."""
    from functools import partial

    from django.urls import reverse

    from .. import chronology
    from ..chronology import Category, Pending

    def edit_url(name: str, pk: int) -> str:
        return reverse(name, args=[child.pk, pk])

    def made(make, row, url_name: str | None = None):
        return (lambda: make(row, edit_url(url_name, row.pk))) if url_name else partial(make, row)

    rows = rows or child_record_rows(child=child)
    wanted = (lambda name: category in (None, "", name))
    by_pk = {episode.pk: episode for episode in rows.episodes}
    pending: list = []
    if wanted(Category.JOURNEY):
        for episode in rows.episodes:
            episode.stepped_from = by_pk.get(episode.stepped_from_id)
            pending.append(Pending(episode.start_date, episode.pk,
                                   made(chronology.episode_start_entry, episode, "cases:episode_edit")))
            if chronology.has_end_entry(episode):
                pending.append(Pending(episode.end_date, episode.pk,
                                       made(chronology.episode_end_entry, episode, "cases:episode_edit")))
    event_kinds = set(chronology.event_kinds_in(category)) if category else None
    pending += [
        Pending(event.date, event.pk, made(chronology.event_entry, event, "cases:event_edit"))
        for event in rows.events
        if event_kinds is None or event.kind in event_kinds
    ]
    if wanted(Category.PLACEMENTS):
        pending += [Pending(placement.start_date, placement.pk, made(chronology.placement_entry, placement))
                    for placement in rows.placements]
        pending += [Pending(status.start_date, status.pk, made(chronology.legal_status_entry, status))
                    for status in rows.legal_statuses]
    if wanted(Category.FLAGS):
        for flag in rows.flags:
            pending.append(Pending(flag.start_date, flag.pk, made(chronology.flag_raised_entry, flag, "cases:flag_edit")))
            if flag.end_date:
                pending.append(Pending(flag.end_date, flag.pk, made(chronology.flag_ended_entry, flag, "cases:flag_edit")))
    return chronology.newest_first(pending)


def chronology_for_child(*, child: Child, category: str | None = None, rows: ChildRecordRows | None = None) -> list:
    """Everything that happened to the child, newest first, optionally one category only."""
    return [item.make() for item in chronology_pending_for_child(child=child, category=category, rows=rows)]


def chronology_page_for_child(*, child: Child, category: str | None = None, rows: ChildRecordRows | None = None,
                              start: int = 0):
    """One page of the chronology (``chronology.ChronologyPage``): only the entries shown are made."""
    from ..chronology import page_of_pending

    return page_of_pending(chronology_pending_for_child(child=child, category=category, rows=rows), start=start)


@dataclass(frozen=True)
class EpisodeCard:
    """One stage of the child's journey as the record's card shows it, its words made once."""

    episode: object
    stage_label: str
    shown_open: bool  # open, and not a contact (a contact is over once recorded)
    from_text: str  # "5 Mar 2024"
    facts: list  # (label, value) rows: the dates, the stage's own facts, placement and legal status
    edit_url: str = ""  # only for those who may correct episodes


def journey_for_child(*, child: Child, rows: ChildRecordRows | None = None, edit_urls: bool = False) -> list[EpisodeCard]:
    """The child's episodes as cards, open ones first then newest, each with its latest placement
    and legal status; with ``edit_urls``, each card's link to correct it."""
    from django.urls import reverse

    from ..chronology import _episode_details
    from ..models import Stage

    rows = rows or child_record_rows(child=child)
    by_pk = {episode.pk: episode for episode in rows.episodes}
    latest_placement = {placement.episode_id: placement for placement in rows.placements}  # read oldest first
    latest_status = {status.episode_id: status for status in rows.legal_statuses}
    cards = []
    for episode in sorted(rows.episodes, key=lambda episode: (episode.end_date is None, episode.start_date, episode.pk),
                          reverse=True):
        episode.stepped_from = by_pk.get(episode.stepped_from_id)  # from the rows read, not a query each
        contact = episode.stage == Stage.CONTACT
        dates = f"{episode.start_date:%-d %b %Y}"
        if episode.end_date and not contact:
            dates += f" to {episode.end_date:%-d %b %Y}"
        facts = [("From", dates), *((label, value) for label, value in _episode_details(episode) if value)]
        if episode.stage == Stage.LOOKED_AFTER:
            placement, status = latest_placement.get(episode.pk), latest_status.get(episode.pk)
            if placement is not None:
                facts.append(("Placement", f"{placement.get_placement_type_display()} since {placement.start_date:%-d %b %Y}"
                                           + (" (out of area)" if placement.out_of_area else "")))
            if status is not None:
                facts.append(("Legal status", status.get_code_display()))
        cards.append(EpisodeCard(
            episode=episode, stage_label=episode.get_stage_display(), shown_open=episode.is_open and not contact,
            from_text=f"{episode.start_date:%-d %b %Y}", facts=facts,
            edit_url=reverse("cases:episode_edit", args=[child.pk, episode.pk]) if edit_urls else "",
        ))
    return cards


def open_flags_for_child(*, child: Child, rows: ChildRecordRows | None = None) -> list:
    flags = rows.flags if rows is not None else list(child.flags.all())
    return sorted((flag for flag in flags if flag.end_date is None), key=lambda flag: flag.kind)


def due_for_children(*, children, today=None) -> dict[int, list]:
    """What is due for each child, keyed by child pk: five queries for any number of children."""
    from django.db.models import Count, Max, OuterRef, Subquery

    from .. import due
    from ..models import CouncilSettings, Episode, Event, Placement, Stage

    children = list(children)
    if not children:
        return {}
    child_ids = [child.pk for child in children]
    # The latest open placement's start read with the episodes (for looked-after children), so
    # the number of queries does not depend on whether any of the children is looked after.
    latest_placement = (Placement.objects.filter(episode_id=OuterRef("pk"), end_date__isnull=True)
                        .order_by("-start_date").values("start_date")[:1])
    episodes = list(
        Episode.objects.filter(child_id__in=child_ids, end_date__isnull=True)
        .exclude(stage=Stage.CONTACT)
        .select_related("stepped_from")
        .annotate(open_placement_start=Subquery(latest_placement))
    )
    placement_starts = {episode.pk: episode.open_placement_start for episode in episodes
                        if episode.stage == Stage.LOOKED_AFTER and episode.open_placement_start is not None}
    tallies = {
        (row["episode_id"], row["kind"]): due.Tally(last=row["last"], count=row["count"])
        for row in Event.objects.filter(
            episode_id__in=[episode.pk for episode in episodes],
            kind__in=[due.VISIT, due.REVIEW_CONFERENCE, due.LOOKED_AFTER_REVIEW, due.PEP],
        )
        .values("episode_id", "kind")
        .annotate(last=Max("date"), count=Count("id"))
    }
    child_last: dict[int, dict[str, object]] = {}
    for row in (
        Event.objects.filter(child_id__in=child_ids, kind__in=[due.HEALTH_ASSESSMENT, due.PATHWAY_PLAN])
        .values("child_id", "kind")
        .annotate(last=Max("date"))
    ):
        child_last.setdefault(row["child_id"], {})[row["kind"]] = row["last"]
    every = CouncilSettings.current().child_protection_visit_working_days

    by_child: dict[int, list] = {}
    for episode in episodes:
        by_child.setdefault(episode.child_id, []).append(
            _open_episode(episode, episode.stepped_from if episode.stepped_from_id else None, placement_starts.get(episode.pk))
        )
    return {
        child.pk: due.due_for_child(
            date_of_birth=child.date_of_birth,
            episodes=by_child.get(child.pk, []),
            episode_tallies=tallies,
            child_last=child_last.get(child.pk, {}),
            visit_every_working_days=every,
            today=today or timezone.localdate(),
        )
        for child in children
    }


def _open_episode(episode, stepped_from, placement_start):
    from .. import due
    from ..models import Stage

    return due.OpenEpisode(
        pk=episode.pk,
        stage=episode.stage,
        start_date=episode.start_date,
        referral_date=stepped_from.start_date if stepped_from is not None and stepped_from.stage == Stage.REFERRAL else None,
        decision_date=episode.decision_date,
        authorised_date=episode.authorised_date,
        conference_date=episode.conference_date,
        conference_not_required=episode.conference_not_required,
        permanent_since=episode.permanent_since,
        placement_start=placement_start,
    )


def due_for_child(*, child: Child, rows: ChildRecordRows | None = None, today=None) -> list:
    """What is due for one child. Given the rows already read for their record, no further
    queries but the council's settings; the same rules as due_for_children."""
    from .. import due
    from ..models import CouncilSettings, Stage

    if rows is None:
        return due_for_children(children=[child], today=today)[child.pk]
    by_pk = {episode.pk: episode for episode in rows.episodes}
    open_episodes = [episode for episode in rows.episodes if episode.end_date is None and episode.stage != Stage.CONTACT]
    open_ids = {episode.pk for episode in open_episodes}
    placement_starts: dict[int, object] = {}
    for placement in rows.placements:
        if placement.end_date is None and placement.episode_id in open_ids:
            placement_starts[placement.episode_id] = max(placement.start_date, placement_starts.get(placement.episode_id, placement.start_date))
    tallies: dict[tuple[int, str], due.Tally] = {}
    child_last: dict[str, object] = {}
    for event in rows.events:
        if event.episode_id in open_ids and event.kind in (due.VISIT, due.REVIEW_CONFERENCE, due.LOOKED_AFTER_REVIEW, due.PEP):
            tally = tallies.get((event.episode_id, event.kind), due.Tally())
            tallies[(event.episode_id, event.kind)] = due.Tally(
                last=max(event.date, tally.last) if tally.last else event.date, count=tally.count + 1
            )
        if event.kind in (due.HEALTH_ASSESSMENT, due.PATHWAY_PLAN):
            child_last[event.kind] = max(event.date, child_last.get(event.kind, event.date))
    return due.due_for_child(
        date_of_birth=child.date_of_birth,
        episodes=[_open_episode(episode, by_pk.get(episode.stepped_from_id), placement_starts.get(episode.pk))
                  for episode in open_episodes],
        episode_tallies=tallies,
        child_last=child_last,
        visit_every_working_days=(rows.council_settings or CouncilSettings.current()).child_protection_visit_working_days,
        today=today or timezone.localdate(),
    )


def change_history_for_child(*, child: Child, limit: int = 300) -> list[dict]:
    """Who changed what in the child's records, and when, newest first.

    One query per kind of record (six), with the user joined; each change is compared with the
    previous version of the same record to list the fields that changed.
    """
    from ..models import Episode, Event, Flag, LegalStatus, Placement

    episode_ids = Episode.objects.filter(child_id=child.pk).values("pk")
    sources = [
        ("Child's details", Child.history.filter(id=child.pk)),
        ("Journey", Episode.history.filter(child_id=child.pk)),
        ("Event", Event.history.filter(child_id=child.pk)),
        ("Flag", Flag.history.filter(child_id=child.pk)),
        ("Placement", Placement.history.filter(episode_id__in=episode_ids)),
        ("Legal status", LegalStatus.history.filter(episode_id__in=episode_ids)),
    ]
    changes: list[dict] = []
    for label, history in sources:
        previous_by_id: dict[int, object] = {}
        for record in history.select_related("history_user").order_by("id", "history_date", "history_id"):
            previous = previous_by_id.get(record.id)
            changed = []
            if previous is not None and record.history_type == "~":
                changed = [change.field for change in record.diff_against(previous).changes]
            changes.append({
                "when": record.history_date,
                "who": record.history_user,
                "what": f"{label}: {record.instance}",
                "type": {"+": "Recorded", "~": "Changed", "-": "Deleted"}[record.history_type],
                "fields": [_field_label(record.instance, name) for name in changed],
                "reason": record.history_change_reason or "",
            })
            previous_by_id[record.id] = record
    changes.sort(key=lambda change: change["when"], reverse=True)
    return changes[:limit]


def _field_label(instance, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a removed field keeps its raw name
        return name
