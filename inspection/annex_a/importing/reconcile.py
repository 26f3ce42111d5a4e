"""After the rows are records: the episode of need behind each List 6 row, the figures Annex A
gives about history we hold no records of, and a check of the lists drawn again.

All three draw the lists with the export's own code (lists.py), so what the import leaves is
judged exactly as the export will judge it.

* List 6 (Children in Need) is worked out, not stored: the run of episodes that follow on from
  each other (need.py). When the runs we now hold do not give the row's CIN Start Date, Primary
  Need Code, closure or case status, the import adds the child in need plan that does: from the
  CIN Start Date to the day before the plan, care or assessment that gives the case status
  (open until closed for "c) Child in need plan"; to the CIN Closure Date for a closed episode),
  with the primary need and closure reason. A row that still does not agree with the other
  lists is rejected, with the reason.
* Date Child Was Last Seen: the visit on that date is marked as one where the child was seen,
  or one is added.
* Counts and values no record of ours gives (earlier referrals, previous plans, placements and
  missing episodes in the last year, the IRO contact) are kept on the episode (carried.py).
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from cases.codes import PrimaryNeed
from cases.models import Event, EventKind, Stage

from .. import carried
from ..common import Context
from ..lists import BUILDERS
from ..reading import Row, RowError
from ..spec import LIST_BY_NUMBER
from .records import Records

STATUS_STAGES = {
    "a) Looked after child": ([Stage.LOOKED_AFTER], "List 8 has no open period of care"),
    "b) Child Protection plan": ([Stage.CHILD_PROTECTION], "List 7 has no open child protection plan"),
    "d) Open assessment": ([Stage.ASSESSMENT, Stage.SECTION_47], "Lists 4 and 5 have no open assessment or enquiry"),
}
NEED_COLUMNS = ["CIN Start Date", "Primary Need Code", "CIN Closure Date", "Reason for Closure", "Case status"]
MAX_WARNINGS = 200
MISSING = "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months"


def column(number: int, header: str) -> int:
    return LIST_BY_NUMBER[number].columns.index(header)


def _exported(number: int, as_at: date) -> list[list]:
    return list(BUILDERS[number](Context.load(as_at)))


def _by_child(rows: list[list]) -> dict[str, list[list]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return grouped


def _need_values(values) -> tuple:
    return tuple(values[column(6, header)] if isinstance(values, list) else values[header] for header in NEED_COLUMNS)


# --- List 6

def reconcile_children_in_need(records: Records, rows: list[Row]) -> None:
    as_at = records.as_at
    exported = {row[0]: row for row in _exported(6, as_at)}
    bridged = []
    for row in rows:
        local_id = row["Child Unique ID"]
        if local_id in exported and _need_values(exported[local_id]) == _need_values(row):
            continue
        if _add_plan(records, row):
            bridged.append(row)
    if records.errors:
        return
    if bridged:
        exported = {row[0]: row for row in _exported(6, as_at)}
        for row in bridged:
            got = exported.get(row["Child Unique ID"])
            if got is None or _need_values(got) != _need_values(row):
                records.errors.append(RowError(6, row.number, None, _disagreement(row, got)))
    _mark_seen(records, rows)


def _add_plan(records: Records, row: Row) -> bool:
    """Add the child in need plan behind a List 6 row; False (with an error) if it cannot be done."""
    child = records.children[row["Child Unique ID"]]
    start, status, closed = row["CIN Start Date"], row["Case status"], row["CIN Closure Date"]
    as_at = records.as_at
    if status == "e) Closed episode":
        if closed is None:
            records.errors.append(RowError(6, row.number, "CIN Closure Date",
                                           "A closed episode needs the date it closed."))
            return False
        end = closed
    elif status == "c) Child in need plan":
        if closed is not None:
            records.errors.append(RowError(6, row.number, "CIN Closure Date",
                                           "An open child in need plan cannot have a closure date."))
            return False
        open_plans = [episode for episode in records.held(child, Stage.CHILD_IN_NEED)
                      if episode.end_date is None and episode.start_date != start]
        if open_plans:
            records.errors.append(RowError(6, row.number, "CIN Start Date", (
                f"Child {child.local_id} already has a child in need plan open since "
                f"{open_plans[0].start_date:%d/%m/%Y}.")))
            return False
        end = None
    else:
        stages, missing = STATUS_STAGES[status]
        open_now = [episode for episode in records.episodes[child.pk]
                    if episode.stage in stages and episode.start_date <= as_at
                    and (episode.end_date is None or episode.end_date > as_at)]
        if not open_now:
            records.errors.append(RowError(6, row.number, "Case status",
                                           f"The case status is “{status}” but {missing} for child {child.local_id}."))
            return False
        giving = max(open_now, key=lambda episode: episode.start_date)
        if giving.start_date < start:
            records.errors.append(RowError(6, row.number, "CIN Start Date", (
                f"{start:%d/%m/%Y} is after the start of the child's {giving.get_stage_display().lower()} "
                f"({giving.start_date:%d/%m/%Y}), which is part of this episode of need.")))
            return False
        end = max(start, giving.start_date - timedelta(days=1))
    need = row["Primary Need Code"]
    records.add_child_in_need_plan(row, start, end, need if need in PrimaryNeed.values else None,
                                   row["Reason for Closure"])
    return True


def _disagreement(row: Row, got) -> str:
    if got is None:
        return ("This child would not be on List 6 from the records the other lists give "
                "(no plan, period of care or open assessment in the six months).")
    differences = [f"{header} would be {_shown(got[column(6, header)])}, not {_shown(row[header])}"
                   for header in NEED_COLUMNS if got[column(6, header)] != row[header]]
    return "This row does not agree with the other lists: " + "; ".join(differences) + "."


def _shown(value) -> str:
    if value is None:
        return "blank"
    return f"{value:%d/%m/%Y}" if isinstance(value, date) else f"“{value}”"


def _mark_seen(records: Records, rows: list[Row]) -> None:
    """Date Child Was Last Seen: the visit on that date is marked as one where the child was seen
    (where it says nothing either way), or a visit is added. One query for every row's visits."""
    wanted = {}
    for row in rows:
        if row["Date Child Was Last Seen"] is not None:
            child = records.children[row["Child Unique ID"]]
            wanted[child.pk] = (child, row["Date Child Was Last Seen"])
    if not wanted:
        return
    visits = defaultdict(list)  # (child pk, date) -> [(event pk, child seen)]
    for chunk in _chunks(list(wanted), 2000):
        for pk, child_id, day, seen in Event.objects.filter(kind=EventKind.VISIT, child_id__in=chunk).values_list(
                "pk", "child_id", "date", "child_seen"):
            visits[child_id, day].append((pk, seen))
    to_mark = []
    for child_pk, (child, day) in wanted.items():
        held = visits.get((child_pk, day), [])
        if any(seen for _, seen in held):
            continue
        unknown = [pk for pk, seen in held if seen is None]
        if unknown:
            to_mark.extend(unknown)
        else:
            records.event(child, EventKind.VISIT, day, None, child_seen=True)
    for chunk in _chunks(to_mark, 2000):
        Event.objects.filter(pk__in=chunk).update(child_seen=True)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- history not held

def carry_history_not_held(records: Records, rows: dict[int, list[Row]]) -> list[str]:
    """Keep on the episodes what Annex A says that our records do not give. Returns warnings for
    counts smaller than the records already show (they are left as the records give them)."""
    warnings: list[str] = []
    as_at = records.as_at
    if rows.get(3):
        _carry_counts(records, rows[3], 3, Stage.REFERRAL, "Date of referral",
                      {"Number of Referrals in Last 12 Months": carried.REFERRALS_12_MONTHS}, warnings)
    if rows.get(5):
        _carry_counts(records, rows[5], 5, Stage.SECTION_47, "Strategy discussion initiating Section 47 Enquiry Start Date",
                      {"Number of Section 47 Enquiries in the last 12 months": carried.ENQUIRIES_12_MONTHS,
                       "Number of ICPCs in the last 12 months": carried.CONFERENCES_12_MONTHS}, warnings)
    if rows.get(7):
        _carry_counts(records, rows[7], 7, Stage.CHILD_PROTECTION, "Child Protection Plan Start Date",
                      {"Number of Previous Child Protection Plans": carried.PREVIOUS_PLANS}, warnings,
                      flags={"Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
                             "Months (Y/N)": carried.EMERGENCY_PROTECTION_6_MONTHS})
    if rows.get(8):
        _carry_counts(records, rows[8], 8, Stage.LOOKED_AFTER, "Date Started to be Looked After",
                      {"Number of Placements in the Last 12 months": carried.PLACEMENTS_12_MONTHS,
                       MISSING: carried.MISSING_12_MONTHS}, warnings,
                      flags={"Is this a second or subsequent period of being a Looked After Child within the last 12 "
                             "months (Y/N)": carried.EARLIER_PERIOD_12_MONTHS},
                      values={"Was the child offered a Return Interview after their last missing episode (Y/N)?":
                              carried.RETURN_INTERVIEW_OFFERED,
                              "Did the child accept a Return Interview after their last missing episode (Y/N)?":
                              carried.RETURN_INTERVIEW_ACCEPTED},
                      absent=("Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 "
                              "months", carried.ABSENT_12_MONTHS))
    if rows.get(10):
        _carry_adoption_dates(records, rows[10], as_at)
    return warnings


def _latest_episode(records: Records, child, stage: str, start: date):
    matching = [episode for episode in records.held(child, stage) if episode.start_date == start]
    return matching[-1] if matching else None


def _carry_counts(records, rows, number, stage, start_header, counts, warnings, *, flags=None, values=None,
                  absent=None):
    """For each child's latest row in the list: counts beyond what the records give, flags the
    records do not give, and values the records do not give, kept on that row's episode."""
    as_at = records.as_at
    exported = _by_child(_exported(number, as_at))
    latest_rows = {}
    for row in rows:
        current = latest_rows.get(row["Child Unique ID"])
        if current is None or row[start_header] >= current[start_header]:
            latest_rows[row["Child Unique ID"]] = row
    for local_id, row in latest_rows.items():
        child = records.children[local_id]
        episode = _latest_episode(records, child, stage, row[start_header])
        got = exported.get(local_id)
        if episode is None or not got:
            continue
        got = got[-1] if number in (3, 5) else got[0]
        figures = dict(episode.history_not_held or {})
        update = {}
        for header, key in counts.items():
            wanted = row[header]
            if wanted is None:
                continue
            held = got[column(number, header)] - carried.extra(figures, key, as_at)
            if wanted < held:
                warnings.append(f"List {number} row {row.number}: {header} is {wanted}, but the records the "
                                f"lists give already make {held}; {held} will be shown.")
            update[key] = max(wanted - held, 0)
        for header, key in (flags or {}).items():
            wanted_yes = row[header] == "a) Yes"
            update[key] = wanted_yes and (got[column(number, header)] != "a) Yes" or carried.flag(figures, key, as_at))
        if values:
            # The return interview after the last missing episode: kept when Annex A counts missing
            # episodes but we hold none to read it from.
            held_missing = update.get(carried.MISSING_12_MONTHS, 0) == row[MISSING] if row[MISSING] else True
            for header, key in values.items():
                update[key] = row[header] if row[MISSING] and held_missing else None
        if absent:
            header, key = absent
            update[key] = row[header]
        records._carry(episode, update)


def _carry_adoption_dates(records: Records, rows: list[Row], as_at: date) -> None:
    exported = {(row[0], row[column(10, "Date of Decision that Child Should be Placed for Adoption")]): row
                for row in _exported(10, as_at)}
    for row in rows:
        decided = row["Date of Decision that Child Should be Placed for Adoption"]
        child = records.children[row["Child Unique ID"]]
        episode = _latest_episode(records, child, Stage.ADOPTION, decided)
        got = exported.get((row["Child Unique ID"], decided))
        if episode is None or got is None:
            continue
        update = {}
        for header, key in (("Date the Child Entered Care", carried.ENTERED_CARE),
                            ("Date the child was placed for fostering in FFA or concurrent planning placement",
                             carried.FOSTERING_FOR_ADOPTION)):
            held = got[column(10, header)] if not carried.value(episode.history_not_held, key) else None
            wanted = row[header]
            update[key] = wanted.isoformat() if wanted is not None and wanted != held else None
        records._carry(episode, update)


# --- the check

def compare_with_export(rows: dict[int, list[Row]], as_at: date) -> list[str]:
    """Draw every list again and compare it with the workbook, row for row (ignoring the ages,
    which are worked out from the dates of birth). Returns a warning for each difference."""
    warnings = []
    for number in range(1, 12):
        spec = LIST_BY_NUMBER[number]
        ignore = {index for index, header in enumerate(spec.columns) if header == "Age of Child (Years)"}

        def key(values):
            return tuple(value for index, value in enumerate(values) if index not in ignore)

        wanted = Counter(key([row[header] for header in spec.columns]) for row in rows.get(number, []))
        if number == 11:
            continue
        got = Counter(key(values) for values in BUILDERS[number](Context.load(as_at)))
        missing, extra = wanted - got, got - wanted
        if not missing and not extra:
            continue
        numbers = {}
        for row in rows.get(number, []):
            numbers.setdefault(key([row[header] for header in spec.columns]), row.number)
        for values in sorted(missing, key=lambda values: numbers.get(values, 0)):
            warnings.append(f"List {number} row {numbers.get(values)} (child {values[0]}) will not be drawn exactly "
                            f"as the workbook has it.")
        for values in extra:
            warnings.append(f"List {number}: child {values[0]} will have a row the workbook does not have.")
    if len(warnings) > MAX_WARNINGS:
        warnings = [*warnings[:MAX_WARNINGS], f"… and {len(warnings) - MAX_WARNINGS} more differences."]
    return warnings
