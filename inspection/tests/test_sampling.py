"""Choosing audit samples: proportional strata within one case, spread across age bands and
flags, and the same cases from the same seed."""

from collections import Counter

import pytest

from inspection.sampling import Candidate, age_band, allocate, draw, systematic


def _population() -> list[Candidate]:
    people = []
    stages = {"child_in_need": 400, "child_protection": 150, "looked_after": 300, "care_leaver": 90, "assessment": 60}
    number = 0
    for stage, count in stages.items():
        for index in range(count):
            number += 1
            flags = ("missing",) if index % 7 == 0 else ("sexual_exploitation",) if index % 11 == 0 else ()
            people.append(Candidate(child_id=number, stratum=stage, age_band=age_band(index % 18), flags=flags))
    return people


@pytest.mark.parametrize("size", [1, 2, 18, 20, 30, 50, 99])
def test_each_stratum_gets_within_one_case_of_its_exact_share(size):
    population = _population()
    sample = draw(population, size, seed=11)
    assert len(sample) == size
    share = Counter(candidate.stratum for candidate in population)
    got = Counter(candidate.stratum for candidate in sample)
    for stratum, count in share.items():
        assert abs(got[stratum] - size * count / len(population)) < 1


def test_the_same_seed_gives_the_same_cases_and_another_seed_different_ones():
    population = _population()
    first = [candidate.child_id for candidate in draw(population, 20, seed=5)]
    assert first == [candidate.child_id for candidate in draw(list(reversed(population)), 20, seed=5)]
    assert first != [candidate.child_id for candidate in draw(population, 20, seed=6)]


def test_age_bands_within_a_stratum_are_spread_in_proportion():
    population = [Candidate(child_id=n, stratum="looked_after", age_band=age_band(n % 18)) for n in range(1, 901)]
    sample = draw(population, 50, seed=3)
    bands = Counter(candidate.age_band for candidate in population)
    got = Counter(candidate.age_band for candidate in sample)
    for band, count in bands.items():
        assert abs(got[band] - 50 * count / 900) <= 1


def test_weights_override_the_population_shares():
    population = _population()
    sample = draw(population, 20, seed=1, weights={"child_protection": 1, "looked_after": 1})
    assert Counter(candidate.stratum for candidate in sample) == {"child_protection": 10, "looked_after": 10}


def test_a_stratum_with_too_few_candidates_gives_its_places_to_the_others():
    places = allocate(10, {"small": 1, "large": 1}, {"small": 2, "large": 100})
    assert places == {"small": 2, "large": 8}


def test_asking_for_more_than_there_are_gives_everyone():
    assert allocate(50, {"a": 1, "b": 3}, {"a": 4, "b": 5}) == {"a": 4, "b": 5}
    assert len(draw(_population()[:9], 50, seed=2)) == 9


def test_systematic_sampling_takes_evenly_spaced_items():
    import random

    picked = systematic(list(range(100)), 10, random.Random(0))
    assert len(picked) == 10 and all(9 <= later - earlier <= 11 for earlier, later in zip(picked, picked[1:]))


@pytest.mark.parametrize("age, band", [(0, "Under 1"), (1, "1 to 4"), (4, "1 to 4"), (5, "5 to 9"), (15, "10 to 15"), (17, "16 to 17"), (21, "18 and over")])
def test_age_bands(age, band):
    assert age_band(age) == band
