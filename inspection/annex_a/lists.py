"""The eleven Annex A lists, each built from the case records as at one date.

One function per list. Each takes a ``Context`` (the as-at date, its windows, team and worker
names) and yields rows: lists of Python values in the order of that list's headers in spec.py
(strings for IDs and codes, ``date`` for dates, ``int`` for ages and counts, ``None`` for a
blank cell). Each runs a fixed handful of queries, whatever the number of children: the main
query is streamed from the database a chunk at a time, with the latest visit, review and so on
worked out by the database as subqueries; the few per-child figures that need a child's whole
history (counts before the latest referral, the episode of need) are computed from one more
ordered, streamed query.

Rows are ordered by Child Unique ID, then date.
"""

from collections.abc import Iterator
from itertools import groupby

from django.db.models import Count, DateField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least

from cases.codes import LegalStatusCode, PlacementType
from cases.models import Episode, Event, EventKind, Flag, FlagKind, LegalStatus, Placement, Stage

from . import carried
from .common import (
    CHILD, NO, PLACED_IN, PLACED_OUT, SUITABLE, UNSUITABLE, Context, code, count_before_latest, months_before, stream,
    yes_no, yes_no_unknown,
)
from .need import children_in_need

Row = list
NOT_IN_TOUCH = {"b) No", "c) Died", "d) Refu"}  # LA In Touch codes for a care leaver the council is not in touch with
FOSTERING_FOR_ADOPTION = [PlacementType.U2, PlacementType.U5]  # FFA / concurrent planning placements
EMERGENCY_PROTECTION = [LegalStatusCode.L1, LegalStatusCode.L2]  # police protection, emergency protection order


def _episodes(stage: str, condition: Q):
    return Episode.objects.filter(condition, stage=stage)


def _by_child_then(*fields: str) -> tuple[str, ...]:
    return ("child__local_id", "child_id", *fields)


def list_1(ctx: Context) -> Iterator[Row]:
    """List 1: Contacts. "All contacts received in the six months before the date of inspection.
    A child may appear on this list more than once."

    One row per contact episode whose date (its start) is in the six months up to the as-at date.
    """
    contacts = _episodes(Stage.CONTACT, ctx.started_since(ctx.six_months_before))
    for row in stream(contacts.order_by(*_by_child_then("start_date", "pk")).values(*CHILD, "start_date", "source")):
        yield [*ctx.child(row, disability=False), row["start_date"], code(row["source"])]


def list_2(ctx: Context) -> Iterator[Row]:
    """List 2: Early Help. "All early help assessments in the six months before the date of
    inspection. Also, current early help interventions that are being coordinated through the
    local authority. A child may appear on this list more than once."

    One row per early help episode open at any time in the six months up to the as-at date (so
    started in them, still open, or ended in them). Assessment completion date is the recorded
    date the early help assessment was completed (blank while it is not); the organisation is
    the one recorded as completing the assessment.
    """
    episodes = _episodes(Stage.EARLY_HELP, ctx.active_since(ctx.six_months_before))
    fields = ("start_date", "assessment_completed_date", "organisation")
    for row in stream(episodes.order_by(*_by_child_then("start_date", "pk")).values(*CHILD, *fields)):
        yield [*ctx.child(row, disability=False), row["start_date"], ctx.dated(row["assessment_completed_date"]),
               row["organisation"] or None]


def list_3(ctx: Context) -> Iterator[Row]:
    """List 3: Referral. "All referrals received in the six months before the inspection.
    Children may appear multiple times on this list if they have received multiple referrals."

    One row per referral dated in the six months. Referral NFA? is the referral's own outcome;
    blank while no decision has been recorded. Number of Referrals in Last 12 Months is, as
    Ofsted's FAQ says, the number in the 12 months before the child's latest referral (not
    counting it), the same on each of the child's rows, plus any earlier referrals an imported
    Annex A counted that we hold no record of (carried.py). Team and worker: the referral's own.
    """
    referrals = _episodes(Stage.REFERRAL, ctx.started_since(ctx.six_months_before))
    history = list(stream(
        Episode.objects.filter(stage=Stage.REFERRAL, start_date__lte=ctx.as_at, child_id__in=referrals.values("child_id"))
        .order_by("child_id", "start_date", "pk").values_list("child_id", "start_date", "history_not_held")
    ))
    before_latest = count_before_latest((child, start) for child, start, _ in history)
    _add_carried(ctx, before_latest, history, carried.REFERRALS_12_MONTHS)
    fields = ("start_date", "source", "no_further_action", "team_id", "worker_id")
    for row in stream(referrals.order_by(*_by_child_then("start_date", "pk")).values(*CHILD, *fields)):
        yield [*ctx.child(row, disability=False), row["start_date"], code(row["source"]),
               yes_no(row["no_further_action"]), before_latest.get(row["child_id"], 0),
               *ctx.allocation(row, current=False)]


def list_4(ctx: Context) -> Iterator[Row]:
    """List 4: Assessments. "All statutory assessment in accordance with section 17 or section 47
    of the Children Act 1989 in the six months before the inspection. This includes assessments
    that are currently open. Where a child has been subject to multiple assessments, please
    include one row for each assessment within the time period."

    One row per assessment episode open at any time in the six months. Child seen: "c) Unknown"
    when not recorded. Date of authorisation and the outcome are blank while the assessment is
    open (Ofsted: "If the assessment is ongoing, please leave blank"). Team and worker: the
    assessment's own.
    """
    assessments = _episodes(Stage.ASSESSMENT, ctx.active_since(ctx.six_months_before))
    fields = ("start_date", "end_date", "child_seen", "authorised_date", "child_in_need", "team_id", "worker_id")
    for row in stream(assessments.order_by(*_by_child_then("start_date", "pk")).values(*CHILD, *fields)):
        authorised = ctx.dated(row["authorised_date"])
        yield [*ctx.child(row), row["start_date"], yes_no_unknown(row["child_seen"]), authorised,
               yes_no(row["child_in_need"]) if authorised else None, *ctx.allocation(row, current=False)]


def list_5(ctx: Context) -> Iterator[Row]:
    """List 5: Section 47 enquiries and Initial Child Protection Conferences. "All section 47
    enquiries in the six months before the inspection. This includes open S47 enquiries yet to
    reach a decision where possible. Where a child has been the subject of multiple section 47
    enquiries within the period, please provide one row for each enquiry."

    One row per section 47 episode open at any time in the six months; its start is the strategy
    discussion. The conference columns are blank until a decision or conference is recorded.
    The two counts follow Ofsted's FAQ: enquiries in the 12 months before the child's latest
    enquiry (not counting it), and initial conferences held in the 12 months before the latest
    enquiry started; the same on each of the child's rows (plus those an imported Annex A counted
    that we hold no record of, carried.py). Team and worker: the enquiry's own.
    """
    enquiries = _episodes(Stage.SECTION_47, ctx.active_since(ctx.six_months_before))
    history = list(stream(
        Episode.objects.filter(stage=Stage.SECTION_47, start_date__lte=ctx.as_at,
                               child_id__in=enquiries.values("child_id"))
        .order_by("child_id", "start_date", "pk").values_list("child_id", "start_date", "conference_date",
                                                               "history_not_held")
    ))
    enquiries_before = count_before_latest((child, start) for child, start, _, _ in history)
    conferences_before = {}
    for child, rows in groupby(history, key=lambda item: item[0]):
        rows = list(rows)
        latest = rows[-1][1]
        since = months_before(latest, 12)
        conferences_before[child] = sum(
            1 for _, _, held, _ in rows if held is not None and since <= held < latest and held <= ctx.as_at
        )
    latest_figures = [(child, start, figures) for child, start, _, figures in history]
    _add_carried(ctx, enquiries_before, latest_figures, carried.ENQUIRIES_12_MONTHS)
    _add_carried(ctx, conferences_before, latest_figures, carried.CONFERENCES_12_MONTHS)
    fields = ("start_date", "conference_not_required", "conference_date", "conference_led_to_plan", "team_id",
              "worker_id")
    for row in stream(enquiries.order_by(*_by_child_then("start_date", "pk")).values(*CHILD, *fields)):
        held = ctx.dated(row["conference_date"])
        yield [*ctx.child(row), row["start_date"], yes_no(row["conference_not_required"]), held,
               yes_no(row["conference_led_to_plan"]) if held else None,
               enquiries_before.get(row["child_id"], 0), conferences_before.get(row["child_id"], 0),
               *ctx.allocation(row, current=False)]


def _add_carried(ctx: Context, counts: dict[int, int], history, key: str) -> None:
    """Add to each child's count the carried figure on their latest episode (``history``: rows of
    child id, start date, carried figures, ordered by child then start)."""
    for child, rows in groupby(history, key=lambda item: item[0]):
        *_, (_, _, figures) = rows
        more = carried.extra(figures, key, ctx.as_at)
        if more:
            counts[child] = counts.get(child, 0) + more


def list_6(ctx: Context) -> Iterator[Row]:
    """List 6: Children in Need. "All those in receipt of services as a child in need at the point
    of inspection or in the six months before the inspection ... all children on a CIN plan, on a
    CP plan, looked after, subject to an open assessment. This list does not include care
    leavers or children who are only the subject of a referral. Each child should have only a
    single entry covering their most recent episode of need."

    See need.py for how the episode of need, its dates, need code, closure reason and case status
    are read from the episodes.
    """
    yield from children_in_need(ctx)


def _latest(queryset, field: str):
    return Subquery(queryset.order_by("-date", "-pk").values(field)[:1])


def _until(ctx: Context):
    """The last day an episode's records count: its end, or the as-at date if it is still open."""
    return Least(Coalesce("end_date", Value(ctx.as_at, output_field=DateField())), Value(ctx.as_at),
                 output_field=DateField())


def _episode_events(kind: str):
    return Event.objects.filter(episode_id=OuterRef("pk"), kind=kind, date__lte=OuterRef("until"))


def _first_per_child(rows):
    """Rows ordered by child then most recent first: the first (most recent) row of each child."""
    previous = None
    for row in rows:
        if row["child_id"] != previous:
            previous = row["child_id"]
            yield row


def list_7(ctx: Context) -> Iterator[Row]:
    """List 7: Child protection. "All those who are the subject of a child protection plan at the
    point of inspection. Include those who ceased to be the subject of a child protection plan in
    the six months before the inspection. Each child should have only a single entry showing
    their most recent child protection plan."

    The last statutory visit and the latest review conference are the latest visit and review
    conference events recorded against the plan (up to its end). Seen alone: "c) Unknown" when
    not recorded; "b) No" when the child was not seen. Emergency protection order or police
    powers in the last six months: a legal status of L1 (police protection) or L2 (EPO) in force
    at any time in the six months; we hold these only for children who were accommodated. Both
    it and the number of previous plans also take in what an imported Annex A said (carried.py).
    """
    A, W = ctx.as_at, ctx.six_months_before
    plans = _episodes(Stage.CHILD_PROTECTION, ctx.active_since(W))
    protected = _protected_since(ctx, plans.values("child_id"), W)
    visits = _episode_events(EventKind.VISIT)
    earlier = (Episode.objects.filter(child_id=OuterRef("child_id"), stage=Stage.CHILD_PROTECTION,
                                      start_date__lt=OuterRef("start_date"))
               .order_by().values("child_id").annotate(n=Count("pk")).values("n"))
    rows = plans.annotate(
        until=_until(ctx),
        last_visit=_latest(visits, "date"), seen=_latest(visits, "child_seen"), alone=_latest(visits, "child_seen_alone"),
        last_review=_latest(_episode_events(EventKind.REVIEW_CONFERENCE), "date"),
        previous_plans=Coalesce(Subquery(earlier), 0),
    ).order_by(*_by_child_then("-start_date", "-pk")).values(
        *CHILD, "start_date", "end_date", "initial_category", "latest_category", "team_id", "worker_id",
        "last_visit", "seen", "alone", "last_review", "previous_plans", "history_not_held",
    )
    for row in _first_per_child(stream(rows)):
        seen_alone = None
        if row["last_visit"] is not None:
            seen_alone = NO if row["seen"] is not None and not row["seen"] else yes_no_unknown(row["alone"])
        figures = row["history_not_held"]
        protected_recently = row["child_id"] in protected or carried.flag(
            figures, carried.EMERGENCY_PROTECTION_6_MONTHS, A)
        yield [*ctx.child(row), row["start_date"], code(row["initial_category"]), code(row["latest_category"]),
               row["last_visit"], seen_alone, row["last_review"], ctx.dated(row["end_date"]),
               yes_no(protected_recently), row["previous_plans"] + carried.extra(figures, carried.PREVIOUS_PLANS, A),
               *ctx.allocation(row, current=ctx.is_open(row["end_date"]))]


def _protected_since(ctx: Context, children, since) -> set[int]:
    """Children with a police protection or emergency protection order legal status in force at
    any time from ``since`` to the as-at date (a status lasts until the next one or the end of care)."""
    statuses = (LegalStatus.objects.filter(episode__child_id__in=children, episode__stage=Stage.LOOKED_AFTER,
                                           start_date__lte=ctx.as_at)
                .filter(Q(episode__end_date__isnull=True) | Q(episode__end_date__gte=since))
                .order_by("episode_id", "start_date", "pk")
                .values_list("episode_id", "episode__child_id", "start_date", "code", "episode__end_date"))
    protected = set()
    for _, rows in groupby(stream(statuses), key=lambda item: item[0]):
        rows = list(rows)
        for index, (_, child, _start, status, care_ended) in enumerate(rows):
            ended = rows[index + 1][2] if index + 1 < len(rows) else care_ended
            if status in EMERGENCY_PROTECTION and (ended is None or ended >= since):
                protected.add(child)
    return protected


def list_8(ctx: Context) -> Iterator[Row]:
    """List 8: Children in care. "All children in care at the point of inspection. Include all those
    children who ceased to be looked after in the six months before the inspection. Each child
    should have only a single entry showing their most recent period of care."

    Built from the looked-after episode, its latest legal status and placement (as at the date),
    the reviews and visits recorded against it, and the child's latest health assessment and
    dental check. UASC in the last 12 months: the child's record says so now, or an
    unaccompanied-asylum-seeking flag was open at some time in the 12 months. Missing episodes
    are counted from the start of this period of care or 12 months ago, whichever is later, and
    the return interview columns describe the last of them (blank if none; "accepted" blank if
    no interview was offered). Placements in the last 12 months counts every placement open at
    any time in them, across the child's periods of care.

    We hold no records of IRO contacts, the LA of placement or absences (as distinct from missing
    episodes): those columns are blank unless an imported Annex A gave them; the counts and the
    return interview columns also take in what an imported Annex A said (carried.py).
    """
    A, W, Y = ctx.as_at, ctx.six_months_before, ctx.twelve_months_before
    stays = _episodes(Stage.LOOKED_AFTER, ctx.active_since(W))
    children = stays.values("child_id")
    placement, legal = {}, {}
    for episode, *values in stream(Placement.objects.filter(episode__in=stays, start_date__lte=A)
                                   .order_by("episode_id", "start_date", "pk")
                                   .values_list("episode_id", "start_date", "placement_type", "provider", "postcode",
                                                "urn", "out_of_area")):
        placement[episode] = values  # the last one (latest start) wins
    for episode, start, status in stream(LegalStatus.objects.filter(episode__in=stays, start_date__lte=A)
                                         .order_by("episode_id", "start_date", "pk")
                                         .values_list("episode_id", "start_date", "code")):
        legal[episode] = (start, status)
    placements_12m = dict(
        Placement.objects.filter(episode__child_id__in=children, episode__stage=Stage.LOOKED_AFTER, start_date__lte=A)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=Y))
        .order_by().values("episode__child_id").annotate(n=Count("pk")).values_list("episode__child_id", "n")
    )
    checks = {
        (child, kind): last for child, kind, last in
        Event.objects.filter(child_id__in=children, date__lte=A,
                             kind__in=[EventKind.HEALTH_ASSESSMENT, EventKind.DENTAL_CHECK])
        .order_by().values("child_id", "kind").annotate(last=Max("date")).values_list("child_id", "kind", "last")
    }
    uasc_flagged = set(
        Flag.objects.filter(child_id__in=children, kind=FlagKind.UNACCOMPANIED_ASYLUM_SEEKING, start_date__lte=A)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=Y)).values_list("child_id", flat=True)
    )
    missing = Event.objects.filter(child_id=OuterRef("child_id"), kind=EventKind.MISSING_EPISODE,
                                   date__gte=OuterRef("missing_from"), date__lte=OuterRef("until"))
    rows = stays.annotate(
        until=_until(ctx),
        missing_from=Greatest("start_date", Value(Y), output_field=DateField()),
        last_review=_latest(_episode_events(EventKind.LOOKED_AFTER_REVIEW), "date"),
        last_visit=_latest(_episode_events(EventKind.VISIT), "date"),
        earlier_period=Exists(Episode.objects.filter(child_id=OuterRef("child_id"), stage=Stage.LOOKED_AFTER,
                                                     start_date__lt=OuterRef("start_date"), end_date__gte=Y)),
        missing_count=Coalesce(Subquery(missing.order_by().values("child_id").annotate(n=Count("pk")).values("n")), 0),
        interview_offered=_latest(missing, "return_interview_offered"),
        interview_accepted=_latest(missing, "return_interview_accepted"),
    ).order_by(*_by_child_then("-start_date", "-pk")).values(
        *CHILD, "pk", "child__unaccompanied_asylum_seeking", "start_date", "end_date", "category_of_need",
        "permanence_plan", "reason_ceased", "team_id", "worker_id", "last_review", "last_visit", "earlier_period",
        "missing_count", "interview_offered", "interview_accepted", "history_not_held",
    )
    for row in _first_per_child(stream(rows)):
        child, ended = row["child_id"], ctx.dated(row["end_date"])
        legal_start, legal_status = legal.get(row["pk"], (None, None))
        placed, kind, provider, postcode, urn, out_of_area = placement.get(row["pk"], (None,) * 6)
        figures = row["history_not_held"] or {}
        missing_count = row["missing_count"] + carried.extra(figures, carried.MISSING_12_MONTHS, A)
        offered = yes_no_unknown(row["interview_offered"]) if row["missing_count"] else None
        accepted = yes_no_unknown(row["interview_accepted"]) if offered and row["interview_offered"] else None
        if carried.value(figures, carried.RETURN_INTERVIEW_OFFERED) and missing_count:
            offered = carried.value(figures, carried.RETURN_INTERVIEW_OFFERED)
            accepted = carried.value(figures, carried.RETURN_INTERVIEW_ACCEPTED)
        absences = carried.extra(figures, carried.ABSENT_12_MONTHS, A) if carried.ABSENT_12_MONTHS in figures else None
        earlier = bool(row["earlier_period"]) or carried.flag(figures, carried.EARLIER_PERIOD_12_MONTHS, A)
        born, uasc = row["child__date_of_birth"], row["child__unaccompanied_asylum_seeking"] or child in uasc_flagged
        yield [
            row["child__local_id"], code(row["child__gender"]), code(row["child__ethnicity"]), born, ctx.age(born),
            yes_no(bool(uasc)), code(row["child__disability"]), row["start_date"], code(row["category_of_need"]),
            yes_no(earlier), legal_start, code(legal_status), row["last_review"], row["last_visit"],
            code(row["permanence_plan"]), carried.day(figures, carried.LAST_IRO_CONTACT),
            checks.get((child, EventKind.HEALTH_ASSESSMENT)), checks.get((child, EventKind.DENTAL_CHECK)),
            placements_12m.get(child, 0) + carried.extra(figures, carried.PLACEMENTS_12_MONTHS, A), ended,
            code(row["reason_ceased"]) if ended else None, placed, code(kind), code(provider), postcode or None,
            urn or None, None if placed is None else PLACED_OUT if out_of_area else PLACED_IN,
            carried.value(figures, carried.LA_OF_PLACEMENT), missing_count, absences, offered, accepted,
            *ctx.allocation(row, current=ended is None),
        ]


def list_9(ctx: Context) -> Iterator[Row]:
    """List 9: Care leavers. "All those who are receiving leaving care services at the point of
    inspection (entitled children). Includes: Relevant children, Former relevant children,
    Qualifying care leaver."

    One row per child with a care leaver episode open on the as-at date (the latest, if more than
    one). Type of accommodation, its suitability and activity are left blank when the council is
    not in touch (LA In Touch "b) No", "c) Died" or "d) Refu"), as Ofsted asks.
    """
    leavers = _episodes(Stage.CARE_LEAVER, ctx.open_on_as_at())
    fields = ("eligibility", "in_touch", "accommodation", "accommodation_suitable", "activity", "team_id", "worker_id")
    for row in _first_per_child(stream(leavers.order_by(*_by_child_then("-start_date", "-pk")).values(*CHILD, *fields))):
        in_touch = row["in_touch"] not in NOT_IN_TOUCH
        suitable = row["accommodation_suitable"]
        yield [*ctx.child(row), *ctx.allocation(row, current=True), code(row["eligibility"]), code(row["in_touch"]),
               code(row["accommodation"]) if in_touch else None,
               (None if suitable is None else SUITABLE if suitable else UNSUITABLE) if in_touch else None,
               code(row["activity"]) if in_touch else None]


def list_10(ctx: Context) -> Iterator[Row]:
    """List 10: Adoption. "All those children who, in the 12 months before the inspection, have:
    been adopted; had the decision that they should be placed for adoption but they have not yet
    been adopted; had an adoption decision reversed during the 12 months."

    One row per adoption episode (its start is the decision that the child should be placed for
    adoption) with an adoption order or a reversal in the 12 months, or still open with neither.
    Date the Child Entered Care: the start of the period of care the decision was made in (the
    latest looked-after episode starting on or before it). FFA date: the first fostering for
    adoption placement (U2, U5) in that period of care. Family identifier is blank unless an
    imported Annex A gave one (we hold no adopter records); an imported Annex A's entry-to-care
    and FFA dates are used where our records do not give them (carried.py).
    """
    A, Y = ctx.as_at, ctx.twelve_months_before
    no_order = Q(adoption_order_date__isnull=True) | Q(adoption_order_date__gt=A)
    not_reversed = Q(decision_reversed_date__isnull=True) | Q(decision_reversed_date__gt=A)
    adoptions = Episode.objects.filter(stage=Stage.ADOPTION, start_date__lte=A).filter(
        Q(adoption_order_date__gte=Y, adoption_order_date__lte=A)
        | Q(decision_reversed_date__gte=Y, decision_reversed_date__lte=A)
        | (ctx.open_on_as_at() & no_order & not_reversed)
    )
    care = (Episode.objects.filter(child_id=OuterRef("child_id"), stage=Stage.LOOKED_AFTER,
                                   start_date__lte=OuterRef("start_date")).order_by("-start_date", "-pk"))
    ffa = (Placement.objects.filter(episode_id=OuterRef("care_episode"), placement_type__in=FOSTERING_FOR_ADOPTION,
                                    start_date__lte=A).order_by("start_date", "pk"))
    rows = adoptions.annotate(
        care_episode=Subquery(care.values("pk")[:1]), entered_care=Subquery(care.values("start_date")[:1]),
    ).annotate(ffa_date=Subquery(ffa.values("start_date")[:1])).order_by(*_by_child_then("start_date", "pk")).values(
        *CHILD, "entered_care", "start_date", "placement_order_date", "matched_date", "placed_date",
        "adoption_order_date", "decision_reversed_date", "reversal_reason", "ffa_date", "history_not_held",
    )
    for row in stream(rows):
        reversed_on = ctx.dated(row["decision_reversed_date"])
        figures = row["history_not_held"]
        entered = carried.day(figures, carried.ENTERED_CARE) or row["entered_care"]
        ffa = carried.day(figures, carried.FOSTERING_FOR_ADOPTION) or row["ffa_date"]
        yield [row["child__local_id"], carried.value(figures, carried.FAMILY_IDENTIFIER), *ctx.child(row)[1:], entered,
               row["start_date"],
               ctx.dated(row["placement_order_date"]), ctx.dated(row["matched_date"]), ctx.dated(row["placed_date"]),
               ctx.dated(row["adoption_order_date"]), reversed_on,
               code(row["reversal_reason"]) if reversed_on else None, ffa]


def list_11(ctx: Context) -> Iterator[Row]:
    """List 11: Adopters. "All those individuals who in the 12 months before the inspection have
    had contact with the local authority adoption agency."

    Always empty: we hold no records of adopters or prospective adopters, so the sheet carries
    only its title and headers.
    """
    return iter(())


BUILDERS = {
    1: list_1, 2: list_2, 3: list_3, 4: list_4, 5: list_5, 6: list_6, 7: list_7, 8: list_8, 9: list_9, 10: list_10,
    11: list_11,
}
