"""What every Annex A list shares: the as-at date and the windows reckoned back from it, the
child's own columns, Yes/No codes, team and worker names, and the date filters.

Conventions used by every list:

* Everything is "as at" one date (the day the lists are drawn): nothing dated after it is
  counted or shown, and an episode that ends after it counts as open on it.
* "In the six months before the inspection" is the as-at date and the six calendar months before
  it, both days included (15 January back to 15 July); "12 months" likewise.
* Blank codes and dates are written as empty cells, never as text such as "N/A".
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from cases.codes import AccommodationSuitability, Disability
from cases.models import Team, Worker
from cases.rules import age_on, person_name

YES, NO, UNKNOWN = Disability.YES.value, Disability.NO.value, Disability.UNKNOWN.value  # "a) Yes", "b) No", "c) Unknown"
SUITABLE, UNSUITABLE = AccommodationSuitability.SUITABLE.value, AccommodationSuitability.UNSUITABLE.value
PLACED_IN, PLACED_OUT = "a) In", "b) Out"  # Placement Location, as the template's Codes_used gives them

CHUNK = 2000  # rows fetched at a time when a list is streamed from the database

# The child's columns, read through the episode (or other row) a list is built from.
CHILD = (
    "child_id", "child__local_id", "child__gender", "child__ethnicity", "child__date_of_birth",
    "child__disability", "child__team_id", "child__worker_id",
)


@dataclass
class Context:
    """One export: the as-at date, its windows, and the names of teams and workers (loaded once)."""

    as_at: date
    teams: dict[int, str] = field(default_factory=dict)
    workers: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self.six_months_before = self.as_at - relativedelta(months=6)
        self.twelve_months_before = self.as_at - relativedelta(months=12)

    @classmethod
    def load(cls, as_at: date) -> "Context":
        teams = dict(Team.objects.values_list("pk", "name"))
        workers = {
            pk: person_name(first, last, username)
            for pk, first, last, username in Worker.objects.values_list(
                "pk", "user__first_name", "user__last_name", "user__username"
            )
        }
        return cls(as_at=as_at, teams=teams, workers=workers)

    # --- values

    def age(self, born: date | None) -> int | None:
        """Age at the last birthday on the as-at date; -1 for a child not yet born (Ofsted's rule)."""
        if born is None:
            return None
        return -1 if born > self.as_at else age_on(born, self.as_at)

    def dated(self, day: date | None) -> date | None:
        """A date, or blank if it is after the as-at date (not yet happened as at that day)."""
        return day if day is not None and day <= self.as_at else None

    def is_open(self, end: date | None) -> bool:
        return end is None or end > self.as_at

    def child(self, row: dict, *, disability: bool = True) -> list:
        """Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years) and, where the
        list has it next, Does the Child have a Disability."""
        born = row["child__date_of_birth"]
        values = [row["child__local_id"], code(row["child__gender"]), code(row["child__ethnicity"]), born, self.age(born)]
        if disability:
            values.append(code(row["child__disability"]))
        return values

    def allocation(self, row: dict, *, current: bool) -> list:
        """Allocated Team and Allocated Worker, by name. For a case open on the as-at date, the
        child's current allocation (Ofsted: "currently allocated to"); for a closed case or a
        single event (a referral, an assessment, an enquiry), the episode's own team and worker
        (Ofsted: "last allocated to if ceased", "allocated to during this assessment"). Either
        falls back to the other when it is blank."""
        child = (row["child__team_id"], row["child__worker_id"])
        episode = (row.get("team_id"), row.get("worker_id"))
        first, second = (child, episode) if current else (episode, child)
        team = first[0] or second[0]
        worker = first[1] or second[1]
        return [self.teams.get(team), self.workers.get(worker)]

    # --- filters on a model with start_date and end_date

    def open_on_as_at(self) -> Q:
        return Q(start_date__lte=self.as_at) & (Q(end_date__isnull=True) | Q(end_date__gt=self.as_at))

    def active_since(self, since: date) -> Q:
        """Open at any time from ``since`` to the as-at date: open now, or ended on or after ``since``."""
        return Q(start_date__lte=self.as_at) & (Q(end_date__isnull=True) | Q(end_date__gte=since))

    def started_since(self, since: date) -> Q:
        return Q(start_date__gte=since, start_date__lte=self.as_at)


def code(value: str | None) -> str | None:
    """A stored code string as it is ("a) WBRI"), or blank."""
    return value or None


def yes_no(value: bool | None) -> str | None:
    """True/False as "a) Yes"/"b) No"; not recorded is blank."""
    return None if value is None else YES if value else NO


def yes_no_unknown(value: bool | None) -> str:
    """True/False as "a) Yes"/"b) No"; not recorded is "c) Unknown" (for columns that have that code)."""
    return UNKNOWN if value is None else YES if value else NO


def stream(queryset):
    """Rows from the database a chunk at a time, never the whole list in memory."""
    return queryset.iterator(chunk_size=CHUNK)


def months_before(day: date, months: int) -> date:
    return day - relativedelta(months=months)


def count_before_latest(rows, months: int = 12) -> dict[int, int]:
    """For rows of (child id, date) ordered by child: how many of each child's dates fall in the
    ``months`` before that child's latest date, not counting the latest itself (Ofsted's
    "number ... in the 12 months prior to their latest referral"; 0 when none)."""
    counts: dict[int, int] = {}
    child, days = None, []

    def flush():
        if child is not None and days:
            latest = max(days)
            since = months_before(latest, months)
            counts[child] = sum(1 for day in days if since <= day <= latest) - 1

    for child_id, day in rows:
        if child_id != child:
            flush()
            child, days = child_id, []
        days.append(day)
    flush()
    return counts
