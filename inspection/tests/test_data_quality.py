"""Data quality before Annex A: each check finds what it should, and the page links to the records."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.codes import LookedAfterNeed
from cases.models import Episode, Placement, Stage
from inspection.data_quality import CHECKS, counts_by_list, data_quality, problem_count
from inspection.inspections.views import readiness_facts

pytestmark = pytest.mark.django_db
AS_AT = date(2026, 11, 27)


def _found(key):
    return next(finding for finding in data_quality(AS_AT) if finding.check.key == key)


def _episode(child, user, stage, **fields):
    return Episode.objects.create(child=child, stage=stage, start_date=fields.pop("start_date", date(2026, 1, 5)),
                                  recorded_by=user, **fields)


def test_every_check_is_clean_on_good_records(practitioner, child_a):
    care = _episode(child_a, practitioner, Stage.LOOKED_AFTER, category_of_need=LookedAfterNeed.N1)
    Placement.objects.create(episode=care, start_date=date(2026, 1, 5), placement_type="f) U6: Foster placement - not FFA",
                             provider="b) PR1: Own provision", recorded_by=practitioner)
    care.legal_statuses.create(start_date=date(2026, 1, 5), code="C2: FCO", recorded_by=practitioner)
    assert all(finding.count == 0 for finding in data_quality(AS_AT))


def test_missing_codes_and_missing_placements_are_found(practitioner, child_a, child_b):
    _episode(child_a, practitioner, Stage.CHILD_IN_NEED)
    _episode(child_b, practitioner, Stage.LOOKED_AFTER)
    assert _found("no_primary_need").count == 1
    assert {_found(key).count for key in ("no_need_category", "no_legal_status", "no_placement")} == {1}
    assert _found("no_primary_need").examples[0]["stage_label"] == "Child in need"


def test_impossible_dates_and_contradictory_lists_are_found(practitioner, make_child, team_a):
    baby = make_child(team_a, date_of_birth=date(2026, 6, 1))
    _episode(baby, practitioner, Stage.REFERRAL, start_date=date(2026, 5, 1), source="q) 6: Police")
    _episode(baby, practitioner, Stage.ASSESSMENT, start_date=date(2026, 7, 1), authorised_date=date(2026, 6, 20))
    adult = make_child(team_a, date_of_birth=date(2007, 1, 1))
    _episode(adult, practitioner, Stage.LOOKED_AFTER, category_of_need=LookedAfterNeed.N1)
    _episode(adult, practitioner, Stage.CARE_LEAVER, eligibility="a) Relevant child")
    young = make_child(team_a, date_of_birth=date(2012, 1, 1))
    _episode(young, practitioner, Stage.CARE_LEAVER, eligibility="a) Relevant child")
    assert _found("before_birth").count == 1
    assert _found("authorised_before_start").count == 1
    assert _found("care_leaver_and_looked_after").count == 1
    assert _found("looked_after_adult").count == 1
    assert _found("care_leaver_under_16").count == 1
    assert counts_by_list(data_quality(AS_AT))[9] >= 2


def test_every_check_names_the_lists_it_affects():
    assert all(check.lists and all(1 <= number <= 11 for number in check.lists) for check in CHECKS)


def test_the_page_is_for_those_who_produce_annex_a(client, practitioner, auditor, child_a):
    _episode(child_a, practitioner, Stage.CHILD_IN_NEED)
    assert client.get("/inspections/annex-a/data-quality/").status_code == 302
    client.force_login(practitioner)
    assert client.get("/inspections/annex-a/data-quality/").status_code == 403
    client.force_login(auditor)
    page = client.get("/inspections/annex-a/data-quality/").content.decode()
    assert "Child in need episode with no primary need code: 1" in page and f"/children/{child_a.pk}/" in page


def _records_failing_every_check(practitioner, make_child, team_a) -> int:
    """Episodes failing each check once, and one check twice: how many failures in all."""
    baby = make_child(team_a, date_of_birth=date(2026, 6, 1))
    _episode(baby, practitioner, Stage.CONTACT, start_date=date(2026, 5, 1))  # no source, and before birth
    _episode(baby, practitioner, Stage.ASSESSMENT, start_date=date(2026, 7, 1), authorised_date=date(2026, 6, 20))
    _episode(baby, practitioner, Stage.CHILD_IN_NEED, start_date=date(2026, 7, 1))  # no primary need
    adult = make_child(team_a, date_of_birth=date(2007, 1, 1))
    _episode(adult, practitioner, Stage.REFERRAL, start_date=date(2026, 3, 1))  # no source
    _episode(adult, practitioner, Stage.LOOKED_AFTER)  # at 19, with no category of need, legal status or placement
    _episode(adult, practitioner, Stage.CARE_LEAVER, eligibility="a) Relevant child")  # and looked after
    young = make_child(team_a, date_of_birth=date(2012, 1, 1))
    _episode(young, practitioner, Stage.CHILD_PROTECTION)  # no initial category
    _episode(young, practitioner, Stage.CARE_LEAVER)  # under 16, with no eligibility
    return len(CHECKS) + 1


def test_the_readiness_count_is_the_pages_total_without_examples(practitioner, make_child, team_a):
    expected = _records_failing_every_check(practitioner, make_child, team_a)
    findings = data_quality(AS_AT)
    assert sum(finding.count for finding in findings) == expected
    assert all(finding.count for finding in findings)
    with CaptureQueriesContext(connection) as queries:
        assert problem_count(AS_AT) == expected
    assert len(queries) == len(CHECKS)  # one count a check, and no examples read


def test_the_readiness_checklist_counts_what_the_page_shows(practitioner, make_child, team_a):
    expected = _records_failing_every_check(practitioner, make_child, team_a)
    assert readiness_facts(AS_AT).annex_a_problems == expected


# Each check whose problem is in the episode's own columns, and the partial index holding exactly
# the episodes with that problem (cases/models/journey.py).
CHECK_INDEXES = {
    "contact_source": "episode_dq_no_source",
    "no_primary_need": "episode_dq_no_primary_need",
    "no_category": "episode_dq_no_initial_category",
    "no_need_category": "episode_dq_no_need_category",
    "no_eligibility": "episode_dq_no_eligibility",
    "authorised_before_start": "episode_dq_authorised_early",
}
# What the other checks and the readiness report read without the table: a stage's episodes by
# start date, and a child's episodes by date (episodes started before the child was born).
COVERING_INDEXES = {"episode_stage_start", "episode_child_start"}


@pytest.mark.parametrize("key", CHECK_INDEXES)
def test_a_check_counts_from_its_own_index(key, practitioner, make_child, team_a):
    """A partial index's condition must be what the check asks, or the database cannot use it:
    with the table scans switched off, the check's count reads its index."""
    _records_failing_every_check(practitioner, make_child, team_a)
    check = next(check for check in CHECKS if check.key == key)
    with CaptureQueriesContext(connection) as counted:
        assert check.episodes(AS_AT).count() == (2 if key == "contact_source" else 1)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + counted[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f" using {CHECK_INDEXES[key]} " in plan, plan


def test_the_indexes_for_the_counts_are_in_the_database():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Episode._meta.db_table)
    assert {*CHECK_INDEXES.values(), *COVERING_INDEXES} <= {name for name, index in indexes.items() if index["index"]}
