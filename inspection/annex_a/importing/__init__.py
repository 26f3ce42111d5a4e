"""Importing an Annex A workbook: children and their episodes from the lists a council already has.

``import_annex_a(source, as_at=..., user=...)`` reads the workbook (reading.py), and only if
every row of every list can be read builds the records (records.py), works out the episode of
need behind each List 6 row and the figures Annex A gives about history we hold no records of
(reconcile.py), and then draws the lists again from what it built to compare them with the
workbook. All of it happens in one transaction: if any row is rejected, nothing is kept. With
``dry_run`` everything is checked and counted and then undone.
"""

from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from typing import BinaryIO

from django.db import transaction

from cases.summaries import case_summaries_refresh

from ..reading import RowError, read_workbook
from .records import Built, Records
from .reconcile import carry_history_not_held, compare_with_export, reconcile_children_in_need

__all__ = ["ImportResult", "RowError", "import_annex_a"]


@dataclass
class ImportResult:
    as_at: date
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: dict[int, int] = field(default_factory=dict)  # rows read, by list number
    layouts: dict[int, str] = field(default_factory=dict)
    built: Built = field(default_factory=Built)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> list[str]:
        if not self.ok:
            return [f"Nothing was imported: {len(self.errors)} problem{'s' if len(self.errors) != 1 else ''} "
                    f"to put right in the workbook."]
        built = self.built
        verb, updated = ("Would add", "update") if self.dry_run else ("Added", "updated")
        lines = [f"Read {_count(sum(self.rows.values()), 'row')} from {len(self.rows)} lists "
                 f"(as at {self.as_at:%d/%m/%Y}).",
                 f"{verb} {_count(built.children_added, 'child', 'children')} and {updated} {built.children_updated}.",
                 f"{verb} {_count(built.episodes_added, 'episode')} and {updated} {built.episodes_updated}; "
                 f"{_count(built.events_added, 'visit, review or check', 'visits, reviews and checks')}."]
        if built.teams_added:
            lines.append(f"{verb} {_count(len(built.teams_added), 'team')}: {', '.join(built.teams_added)}.")
        if built.workers_added:
            lines.append(f"{verb} {_count(len(built.workers_added), 'worker')} (accounts that cannot sign in until "
                         f"an administrator sets them up).")
        return lines

    def as_dict(self) -> dict:
        built = self.built
        return {
            "as_at": self.as_at.isoformat(), "dry_run": self.dry_run, "rows": self.rows,
            "children_added": built.children_added, "children_updated": built.children_updated,
            "episodes_added": built.episodes_added, "episodes_updated": built.episodes_updated,
            "events_added": built.events_added, "teams_added": built.teams_added,
            "workers_added": len(built.workers_added), "warnings": self.warnings, "summary": self.summary(),
        }


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def import_annex_a(source: str | PathLike | BinaryIO, *, as_at: date, user, dry_run: bool = False,
                   verify: bool = True) -> ImportResult:
    """Import the workbook at ``source``, whose lists were drawn as at ``as_at``, recording
    ``user`` as the author of what it adds. ``verify`` draws the lists again afterwards and
    reports any differences as warnings."""
    book = read_workbook(source, as_at)
    result = ImportResult(as_at=as_at, dry_run=dry_run, errors=list(book.errors), layouts=book.layouts,
                          rows={number: len(rows) for number, rows in sorted(book.rows.items())})
    if result.errors:
        return result
    with transaction.atomic():
        _build(book.rows, result, user)
        if result.ok and verify:
            result.warnings.extend(compare_with_export(book.rows, as_at))
        if not result.ok or dry_run:
            transaction.set_rollback(True)
    if book.rows.get(11):
        result.warnings.insert(0, f"List 11 (adopters): {len(book.rows[11])} rows not imported; Line of Sight "
                                  f"holds no records of adopters.")
    return result


def _build(rows: dict, result: ImportResult, user) -> None:
    records = Records(result.as_at, user, result.errors, result.built)
    records.load_children([row for number, list_rows in rows.items() if number != 11 for row in list_rows])
    if result.errors:
        return
    steps = [(1, records.contacts), (2, records.early_help), (3, records.referrals), (4, records.assessments),
             (5, records.enquiries), (7, records.protection_plans), (8, records.children_in_care),
             (10, records.adoptions), (9, records.care_leavers)]
    for number, step in steps:
        step(rows.get(number, []))
    if result.errors:
        return
    reconcile_children_in_need(records, rows.get(6, []))
    if result.errors:
        return
    result.warnings.extend(carry_history_not_held(records, rows))
    # What is due and what is drifting for every child the workbook names, worked out at once (as
    # a recording through the services does), so caseloads and stuck cases show them today.
    case_summaries_refresh(child_ids=[child.pk for child in records.children.values()])
