"""List 6 (Children in Need): each child's most recent episode of need, read from their episodes.

We do not store an "episode of need" (the CIN census unit, from the referral to the case
closing) as such: it is the run of a child's social-care episodes (referral, assessment,
section 47 enquiry, child in need plan, child protection plan, looked after) that follow on from
each other, each starting no later than the day after the previous ones ended. A referral that
ended in no further action is not part of one, and a referral still awaiting a decision does not
keep one open. Ofsted's FAQ: "What is the CIN start date for open assessments? This is the start
date of the referral which led to this episode of need", so the referral that began the run
gives the CIN Start Date.

Who is listed: children with a child in need plan, child protection plan or period of care open
at any time in the six months up to the as-at date, or an assessment or section 47 enquiry open
on it; not children receiving care leaver services (Ofsted: "This list does not include care
leavers"). The run used is the latest one that contains such a plan or open assessment (a
later run that is only a referral, or an assessment closed with no further action, is not an
episode of need: Ofsted's FAQ says RC8 cases "aren't needed in list 6").

Columns:
* Primary Need Code: the latest child in need plan's primary need in the run; failing that,
  the period of care's category of need (the same N-codes); blank when the run has neither
  (an open assessment, or a child protection plan without a child in need plan).
* CIN Closure Date and Reason for Closure: when every episode in the run has ended, the last
  end date, and the closure reason recorded on the child in need plan that ended then (blank
  if the run did not end with a child in need plan, where we hold no reason).
* Case status: the first of looked after, child protection plan, child in need plan, open
  assessment (an open section 47 enquiry counts as one) that is open on the as-at date, or
  "e) Closed episode".
* Date Child Was Last Seen: the latest visit at which the child was seen, in any episode.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter

from django.db.models import Max, Q

from cases.codes import PrimaryNeed
from cases.models import Episode, Event, EventKind, Stage

from .common import CHILD, Context, code, stream

MEMBERS = [Stage.REFERRAL, Stage.ASSESSMENT, Stage.SECTION_47, Stage.CHILD_IN_NEED, Stage.CHILD_PROTECTION,
           Stage.LOOKED_AFTER]
PLANS = [Stage.CHILD_IN_NEED, Stage.CHILD_PROTECTION, Stage.LOOKED_AFTER]
ENQUIRIES = [Stage.ASSESSMENT, Stage.SECTION_47]
CASE_STATUS = [  # the first that applies (Ofsted: "take the first of the codes below that applies")
    (Stage.LOOKED_AFTER, "a) Looked after child"),
    (Stage.CHILD_PROTECTION, "b) Child Protection plan"),
    (Stage.CHILD_IN_NEED, "c) Child in need plan"),
    (Stage.ASSESSMENT, "d) Open assessment"),
    (Stage.SECTION_47, "d) Open assessment"),
]
CLOSED = "e) Closed episode"
# The looked-after category of need uses the same N-codes; List 6 words N3 differently.
NEED_BY_NUMBER = {value.split(" - ", 1)[0]: value for value in PrimaryNeed.values}


@dataclass
class Run:
    """Episodes that follow on from each other: one episode of need."""

    start: date
    end: date | None  # None while any of them is open on the as-at date
    episodes: list[dict] = field(default_factory=list)


def children_in_need(ctx: Context) -> Iterator[list]:
    A = ctx.as_at
    qualifying = Episode.objects.filter(
        (Q(stage__in=PLANS) & ctx.active_since(ctx.six_months_before)) | (Q(stage__in=ENQUIRIES) & ctx.open_on_as_at())
    ).values("child_id")
    leavers = Episode.objects.filter(ctx.open_on_as_at(), stage=Stage.CARE_LEAVER).values("child_id")
    episodes = (
        Episode.objects.filter(stage__in=MEMBERS, start_date__lte=A, child_id__in=qualifying)
        .exclude(child_id__in=leavers).exclude(stage=Stage.REFERRAL, no_further_action=True)
        .order_by("child__local_id", "child_id", "start_date", "pk")
        .values(*CHILD, "stage", "start_date", "end_date", "primary_need", "closure_reason", "category_of_need",
                "team_id", "worker_id")
    )
    last_seen = dict(
        Event.objects.filter(kind=EventKind.VISIT, child_seen=True, date__lte=A, child_id__in=qualifying)
        .order_by().values("child_id").annotate(last=Max("date")).values_list("child_id", "last")
    )
    for child_id, rows in groupby(stream(episodes), key=itemgetter("child_id")):
        run = latest_run(ctx, list(rows))
        if run is None:
            continue
        status, allocated = case_status(ctx, run)
        yield [*ctx.child(allocated), run.start, primary_need(run), last_seen.get(child_id), run.end,
               closure_reason(run), status, *ctx.allocation(allocated, current=run.end is None)]


def _end(ctx: Context, episode: dict) -> date | None:
    """When an episode stops holding its run open: its end date, None while open; a referral
    awaiting a decision holds nothing open (it ends, for this purpose, the day it was made)."""
    if not ctx.is_open(episode["end_date"]):
        return episode["end_date"]
    return episode["start_date"] if episode["stage"] == Stage.REFERRAL else None


def _qualifies(ctx: Context, episode: dict) -> bool:
    return episode["stage"] in PLANS or (episode["stage"] in ENQUIRIES and ctx.is_open(episode["end_date"]))


def latest_run(ctx: Context, episodes: list[dict]) -> Run | None:
    """The latest run of ``episodes`` (one child's, by start date) that is an episode of need."""
    runs: list[Run] = []
    for episode in episodes:
        end = _end(ctx, episode)
        run = runs[-1] if runs else None
        if run is not None and (run.end is None or episode["start_date"] <= run.end + timedelta(days=1)):
            run.end = None if run.end is None or end is None else max(run.end, end)
            run.episodes.append(episode)
        else:
            runs.append(Run(start=episode["start_date"], end=end, episodes=[episode]))
    for run in reversed(runs):
        if any(_qualifies(ctx, episode) for episode in run.episodes):
            return run
    return None


def primary_need(run: Run) -> str | None:
    for stage, column in ((Stage.CHILD_IN_NEED, "primary_need"), (Stage.LOOKED_AFTER, "category_of_need")):
        for episode in reversed(run.episodes):
            if episode["stage"] == stage and episode[column]:
                return NEED_BY_NUMBER.get(episode[column].split(" - ", 1)[0], episode[column])
    return None


def closure_reason(run: Run) -> str | None:
    if run.end is None:
        return None
    for episode in reversed(run.episodes):
        if episode["stage"] == Stage.CHILD_IN_NEED and episode["end_date"] == run.end:
            return code(episode["closure_reason"])
    return None


def case_status(ctx: Context, run: Run) -> tuple[str, dict]:
    """The case status code, and the episode whose team and worker the row shows: the one that
    gives the status while the run is open, else the one that ended last."""
    if run.end is None:
        for stage, status in CASE_STATUS:
            for episode in reversed(run.episodes):
                if episode["stage"] == stage and ctx.is_open(episode["end_date"]):
                    return status, episode
    last = max(run.episodes, key=lambda episode: (episode["end_date"] or run.start, episode["start_date"]))
    return CLOSED, last
