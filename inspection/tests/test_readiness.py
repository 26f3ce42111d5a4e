"""The readiness checklist worked out from what is recorded."""

from datetime import date

from inspection.readiness import DONE, IN_PROGRESS, NOT_STARTED, Facts, checklist, quarter_start

TODAY = date(2026, 11, 29)


def _status(facts, name):
    return next(task for task in checklist(facts) if task.name.startswith(name))


def test_quarters_start_in_january_april_july_and_october():
    assert [quarter_start(date(2026, month, 15)) for month in (1, 4, 6, 11)] == [
        date(2026, 1, 1), date(2026, 4, 1), date(2026, 4, 1), date(2026, 10, 1)
    ]


def test_audits_are_not_started_in_progress_or_done_for_the_quarter():
    assert _status(Facts(TODAY, 0, 0, None), "This quarter").status == NOT_STARTED
    assert "1 October 2026" in _status(Facts(TODAY, 0, 0, None), "This quarter").hint
    assert _status(Facts(TODAY, 10, 4, None), "This quarter").status == IN_PROGRESS
    assert _status(Facts(TODAY, 10, 10, None), "This quarter").status == DONE


def test_a_self_evaluation_counts_only_if_saved_in_the_last_year():
    assert _status(Facts(TODAY, 0, 0, None), "Self-evaluation").status == NOT_STARTED
    assert _status(Facts(TODAY, 0, 0, date(2025, 11, 29)), "Self-evaluation").status == DONE
    stale = _status(Facts(TODAY, 0, 0, date(2025, 11, 28)), "Self-evaluation")
    assert stale.status == IN_PROGRESS and "over a year old" in stale.hint


def test_annex_a_counts_if_produced_in_the_last_month():
    assert _status(Facts(TODAY, 0, 0, None), "Annex A").status == NOT_STARTED
    assert _status(Facts(TODAY, 0, 0, None, annex_a_produced=date(2026, 10, 29)), "Annex A").status == DONE
    old = _status(Facts(TODAY, 0, 0, None, annex_a_produced=date(2026, 10, 28)), "Annex A")
    assert old.status == IN_PROGRESS and "Produce it again" in old.hint


def test_annex_a_data_is_clean_only_with_nothing_to_fix():
    assert _status(Facts(TODAY, 0, 0, None), "Annex A data").status == DONE
    dirty = _status(Facts(TODAY, 0, 0, None, annex_a_problems=3), "Annex A data")
    assert dirty.status == IN_PROGRESS and dirty.hint == "3 records to fix before Annex A."
