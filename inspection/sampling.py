"""Choosing cases to audit the way inspectors choose them. Pure: no database.

A sample is drawn from candidates, each with a stratum (the stage of their journey) and
secondary characteristics (age band, flags). Places are shared between strata in proportion
to their targets by the largest-remainder method, so every stratum gets within one case of its
exact share. Within a stratum the candidates are put in a seeded random order and then sorted
by age band and flags, and a systematic sample is taken from that list with a seeded random
start: the sample then spreads across age bands and flags much as the stratum does ("implicit
stratification"). The same candidates, targets and seed always give the same cases.
"""

import math
import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    child_id: int
    stratum: str
    age_band: str = ""
    flags: tuple[str, ...] = field(default_factory=tuple)


AGE_BANDS = [(0, 0, "Under 1"), (1, 4, "1 to 4"), (5, 9, "5 to 9"), (10, 15, "10 to 15"), (16, 17, "16 to 17"), (18, 99, "18 and over")]


def age_band(age: int) -> str:
    return next(label for youngest, oldest, label in AGE_BANDS if youngest <= age <= oldest)


def allocate(size: int, weights: dict[str, float], available: dict[str, int]) -> dict[str, int]:
    """Share ``size`` places between strata in proportion to ``weights``, never giving a stratum
    more places than it has candidates (largest remainder; ties go to the larger weight, then name)."""
    strata = [name for name, weight in weights.items() if weight > 0 and available.get(name, 0) > 0]
    size = min(size, sum(available[name] for name in strata))
    places = {name: 0 for name in weights}
    remaining = size
    while remaining > 0 and strata:
        total = sum(weights[name] for name in strata)
        exact = {name: remaining * weights[name] / total for name in strata}
        given = {name: min(math.floor(exact[name]), available[name] - places[name]) for name in strata}
        left = remaining - sum(given.values())
        for name in sorted(strata, key=lambda name: (-(exact[name] - math.floor(exact[name])), -weights[name], name)):
            if left == 0:
                break
            if places[name] + given[name] < available[name]:
                given[name] += 1
                left -= 1
        for name in strata:
            places[name] += given[name]
        remaining = size - sum(places.values())
        strata = [name for name in strata if places[name] < available[name]]
    return places


def draw(candidates: list[Candidate], size: int, seed: int, weights: dict[str, float] | None = None) -> list[Candidate]:
    """Draw ``size`` candidates: proportional to ``weights`` by stratum (default: to each
    stratum's share of the candidates), spread across age bands and flags within each."""
    by_stratum: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda candidate: candidate.child_id):
        by_stratum.setdefault(candidate.stratum, []).append(candidate)
    if weights is None:
        weights = {name: float(len(members)) for name, members in by_stratum.items()}
    places = allocate(size, weights, {name: len(members) for name, members in by_stratum.items()})
    rng = random.Random(seed)
    chosen: list[Candidate] = []
    for name in sorted(by_stratum):
        members = by_stratum[name]
        rng.shuffle(members)
        members.sort(key=lambda candidate: (candidate.age_band, candidate.flags))  # stable: random within groups
        chosen += systematic(members, places.get(name, 0), rng)
    return chosen


def systematic(ordered: list, count: int, rng: random.Random) -> list:
    """Every k-th item from a random start, k = len / count (fractional steps keep it exact)."""
    if count <= 0:
        return []
    if count >= len(ordered):
        return list(ordered)
    step = len(ordered) / count
    start = rng.random() * step
    return [ordered[int(start + index * step)] for index in range(count)]
