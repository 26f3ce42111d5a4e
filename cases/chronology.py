"""A child's chronology: everything that happened, newest first, as one list of entries.

Entries are built from episodes (their start and end), events, placements, legal statuses and
flags. The reads are a fixed handful of queries whatever the length of the record (see
selectors.chronology_for_child); this module only shapes rows into entries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .models import Episode, Event, EventKind, Flag, LegalStatus, Placement, Stage


class Category:
    JOURNEY = "journey"
    VISITS = "visits"
    MEETINGS = "meetings"
    PLANS = "plans"
    OVERSIGHT = "oversight"
    HEALTH_EDUCATION = "health_education"
    MISSING = "missing"
    PLACEMENTS = "placements"
    FLAGS = "flags"
    NOTES = "notes"

    LABELS = {
        JOURNEY: "Journey",
        VISITS: "Visits",
        MEETINGS: "Conferences and reviews",
        PLANS: "Plans",
        OVERSIGHT: "Supervision, oversight and panels",
        HEALTH_EDUCATION: "Health and education",
        MISSING: "Missing episodes",
        PLACEMENTS: "Placements and legal status",
        FLAGS: "Flags",
        NOTES: "Case notes",
    }


EVENT_CATEGORIES = {
    EventKind.VISIT: Category.VISITS,
    EventKind.INITIAL_CONFERENCE: Category.MEETINGS,
    EventKind.REVIEW_CONFERENCE: Category.MEETINGS,
    EventKind.LOOKED_AFTER_REVIEW: Category.MEETINGS,
    EventKind.PLAN: Category.PLANS,
    EventKind.PATHWAY_PLAN: Category.PLANS,
    EventKind.PERSONAL_EDUCATION_PLAN: Category.HEALTH_EDUCATION,
    EventKind.HEALTH_ASSESSMENT: Category.HEALTH_EDUCATION,
    EventKind.DENTAL_CHECK: Category.HEALTH_EDUCATION,
    EventKind.SUPERVISION: Category.OVERSIGHT,
    EventKind.MANAGEMENT_OVERSIGHT: Category.OVERSIGHT,
    EventKind.PANEL_DECISION: Category.OVERSIGHT,
    EventKind.MISSING_EPISODE: Category.MISSING,
    EventKind.CASE_NOTE: Category.NOTES,
}


def event_kinds_in(category: str) -> list[str]:
    return [kind for kind, kind_category in EVENT_CATEGORIES.items() if kind_category == category]


@dataclass
class Entry:
    date: date
    title: str
    category: str
    by: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    text: list[tuple[str, str]] = field(default_factory=list)
    edit_url: str = ""
    order: int = 0  # ties on one day: later-recorded first

    @property
    def long_date(self) -> str:
        """The day as the timeline shows it, "5 March 2024" (Django's "j F Y")."""
        return f"{self.date.day} {self.date:%B %Y}"


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded")


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def has_end_entry(episode: Episode) -> bool:
    return bool(episode.end_date) and episode.stage != Stage.CONTACT


def episode_start_entry(episode: Episode, edit_url: str = "") -> Entry:
    stage = episode.get_stage_display()
    return Entry(
        date=episode.start_date,
        title=f"{stage} started" if episode.stage != Stage.CONTACT else "Contact received",
        category=Category.JOURNEY,
        by=_name(episode.recorded_by),
        details=[(label, value) for label, value in _episode_details(episode) if value],
        text=[("Notes", episode.notes)] if episode.notes else [],
        edit_url=edit_url,
        order=episode.pk,
    )


def episode_end_entry(episode: Episode, edit_url: str = "") -> Entry:
    reason = episode.end_reason or episode.get_closure_reason_display() or episode.get_reason_ceased_display()
    return Entry(
        date=episode.end_date,
        title=f"{episode.get_stage_display()} ended",
        category=Category.JOURNEY,
        details=[("Why", reason)] if reason else [],
        edit_url=edit_url,
        order=episode.pk,
    )


def _episode_details(episode: Episode) -> list[tuple[str, str]]:
    rows = [
        ("Source", episode.get_source_display()),
        ("Organisation", episode.organisation),
        ("Stepped from", str(episode.stepped_from) if episode.stepped_from_id else ""),
        ("No further action", _yes_no(episode.no_further_action) if episode.no_further_action is not None else ""),
        ("Child seen", _yes_no(episode.child_seen) if episode.child_seen is not None else ""),
        ("Authorised", f"{episode.authorised_date:%-d %b %Y}" if episode.authorised_date else ""),
        ("Initial conference", f"{episode.conference_date:%-d %b %Y}" if episode.conference_date else ""),
        ("Primary need", episode.get_primary_need_display()),
        ("Category of abuse", episode.get_latest_category_display() or episode.get_initial_category_display()),
        ("Category of need", episode.get_category_of_need_display()),
        ("Permanence plan", episode.get_permanence_plan_display()),
        ("Eligibility", episode.get_eligibility_display()),
        ("Accommodation", episode.get_accommodation_display()),
        ("Activity", episode.get_activity_display()),
        ("Placement order", f"{episode.placement_order_date:%-d %b %Y}" if episode.placement_order_date else ""),
        ("Matched", f"{episode.matched_date:%-d %b %Y}" if episode.matched_date else ""),
        ("Placed for adoption", f"{episode.placed_date:%-d %b %Y}" if episode.placed_date else ""),
        ("Adoption order", f"{episode.adoption_order_date:%-d %b %Y}" if episode.adoption_order_date else ""),
    ]
    return rows


def event_entry(event: Event, edit_url: str = "") -> Entry:
    details = []
    if event.kind == EventKind.VISIT:
        details = [("Child seen", _yes_no(event.child_seen)), ("Seen alone", _yes_no(event.child_seen_alone))]
    if event.plan_continues is not None:
        label = "Plan made" if event.kind == EventKind.INITIAL_CONFERENCE else "Plan continues"
        details.append((label, _yes_no(event.plan_continues)))
    if event.next_review_date:
        details.append(("Next review", f"{event.next_review_date:%-d %b %Y}"))
    if event.kind == EventKind.MISSING_EPISODE:
        details += [
            ("Returned", f"{event.end_date:%-d %b %Y}" if event.end_date else "Not yet recorded"),
            ("Return interview offered", _yes_no(event.return_interview_offered)),
            ("Return interview accepted", _yes_no(event.return_interview_accepted)),
        ]
    if event.follow_up_by:
        details.append(("Follow up by", f"{event.follow_up_by:%-d %b %Y}"))
    text = [
        (label, value)
        for label, value in (("The child's views", event.child_views), ("Summary", event.summary), ("Follow-up", event.follow_up))
        if value
    ]
    return Entry(
        date=event.date,
        title=event.get_kind_display(),
        category=EVENT_CATEGORIES[event.kind],
        by=_name(event.author),
        details=details,
        text=text,
        edit_url=edit_url,
        order=event.pk,
    )


def placement_entry(placement: Placement) -> Entry:
    details = [
        ("Provider", placement.get_provider_display()),
        ("Provider name", placement.provider_name),
        ("Postcode", placement.postcode),
        ("Out of area", _yes_no(placement.out_of_area)),
        ("Ended", f"{placement.end_date:%-d %b %Y}" if placement.end_date else "Current"),
    ]
    return Entry(
        date=placement.start_date,
        title=f"Placement: {placement.get_placement_type_display()}",
        category=Category.PLACEMENTS,
        by=_name(placement.recorded_by),
        details=[(label, value) for label, value in details if value],
        order=placement.pk,
    )


def legal_status_entry(legal_status: LegalStatus) -> Entry:
    return Entry(
        date=legal_status.start_date,
        title=f"Legal status: {legal_status.get_code_display()}",
        category=Category.PLACEMENTS,
        by=_name(legal_status.recorded_by),
        order=legal_status.pk,
    )


def flag_raised_entry(flag: Flag, edit_url: str = "") -> Entry:
    return Entry(date=flag.start_date, title=f"Flag raised: {flag.get_kind_display()}", category=Category.FLAGS,
                 by=_name(flag.recorded_by), text=[("Note", flag.note)] if flag.note else [], edit_url=edit_url,
                 order=flag.pk)


def flag_ended_entry(flag: Flag, edit_url: str = "") -> Entry:
    return Entry(date=flag.end_date, title=f"Flag ended: {flag.get_kind_display()}", category=Category.FLAGS,
                 edit_url=edit_url, order=flag.pk)


def newest_first(entries: list) -> list:
    """Entries (or entries still to be made) newest first; on one day, the later-recorded first."""
    return sorted(entries, key=lambda entry: (entry.date, entry.order), reverse=True)


@dataclass(frozen=True)
class Pending:
    """An entry not made yet: where it sorts, and how to make it. A record of hundreds of events
    is sorted whole but only the page shown is made into entries (labels, dates, links)."""

    date: date
    order: int
    make: Callable[[], Entry]


ENTRIES_PER_PAGE = 25  # a screenful or two of timeline; older entries a link away


@dataclass(frozen=True)
class ChronologyPage:
    """Some of a chronology, newest first: a record of hundreds of events is read 25 at a time."""

    entries: list[Entry]
    older: int | None = None  # where the next page of older entries starts, if there are more
    newer: int | None = None  # where the page of newer entries starts, if this is not the newest
    total: int = 0
    start: int = 0

    @property
    def first(self) -> int:
        return self.start + 1

    @property
    def last(self) -> int:
        return self.start + len(self.entries)


def page_of(entries: list[Entry], *, start: int = 0, per_page: int = ENTRIES_PER_PAGE) -> ChronologyPage:
    """The ``per_page`` entries from ``start`` (0 is the newest) of a chronology already newest
    first; a start past the end gives the oldest page."""
    start = max(0, min(start, (len(entries) - 1) // per_page * per_page if entries else 0))
    end = start + per_page
    return ChronologyPage(
        entries=entries[start:end],
        older=end if end < len(entries) else None,
        newer=max(0, start - per_page) if start else None,
        total=len(entries),
        start=start,
    )


def page_of_pending(pending: list[Pending], *, start: int = 0, per_page: int = ENTRIES_PER_PAGE) -> ChronologyPage:
    """``page_of`` for entries still to be made, already newest first: only the page is made."""
    page = page_of(pending, start=start, per_page=per_page)
    return ChronologyPage(entries=[item.make() for item in page.entries], older=page.older, newer=page.newer,
                          total=page.total, start=page.start)
