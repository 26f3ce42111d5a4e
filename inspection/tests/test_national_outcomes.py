"""The national outcomes reference data: written by migration 0004, each row a whole published
distribution of councils with its source."""

from datetime import date

import pytest

from judgements.frameworks import FRAMEWORKS
from judgements.models import NationalOutcome
from judgements.national_outcomes import OUTCOMES

COUNTS = ("outstanding", "good", "requires_improvement", "inadequate")


def test_there_are_outcomes_to_compare_with():
    assert OUTCOMES


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda outcome: f"{outcome['framework']}-{outcome['area']}")
def test_each_row_is_a_plausible_count_of_english_councils_with_a_source(outcome):
    assert all(isinstance(outcome[key], int) and outcome[key] >= 0 for key in COUNTS)
    assert 150 <= sum(outcome[key] for key in COUNTS) <= 153
    assert outcome["source_url"].startswith("https://")
    assert outcome["source_title"] and outcome["description"]
    assert isinstance(outcome["as_at"], date)
    spec = FRAMEWORKS[outcome["framework"]]
    spec.area(outcome["area"])  # raises for an area the framework does not judge
    assert date.fromisoformat(spec.in_force_from) <= outcome["as_at"]


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda outcome: f"{outcome['framework']}-{outcome['area']}")
def test_each_row_fits_the_database_columns(outcome):
    for name in ("description", "source_title", "source_url"):
        assert len(outcome[name]) <= NationalOutcome._meta.get_field(name).max_length, name


def test_the_sif_programme_covers_all_152_councils():
    sif = next(outcome for outcome in OUTCOMES if (outcome["framework"], outcome["area"]) == ("sif_2013", "overall"))
    assert (sif["outstanding"], sif["good"], sif["requires_improvement"], sif["inadequate"]) == (3, 51, 68, 30)


@pytest.mark.django_db
def test_the_migration_writes_every_row():
    written = {
        (row.framework.code, row.area.code, row.as_at): (row.outstanding, row.good, row.requires_improvement, row.inadequate,
                                                         row.source_url)
        for row in NationalOutcome.objects.select_related("framework", "area")
    }
    assert written == {
        (outcome["framework"], outcome["area"], outcome["as_at"]): tuple(outcome[key] for key in COUNTS) + (outcome["source_url"],)
        for outcome in OUTCOMES
    }
    assert all(150 <= row.total <= 153 for row in NationalOutcome.objects.all())
