"""Data quality before Annex A: each check finds what it should, and the page links to the records."""

from datetime import date

import pytest

from cases.codes import LookedAfterNeed
from cases.models import Episode, Placement, Stage
from inspection.data_quality import CHECKS, counts_by_list, data_quality

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
