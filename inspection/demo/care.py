"""Children in care and care leavers: looked-after episodes, legal statuses, placements,
permanence and adoption, and the care-leaver episode after care ends."""

from cases.codes import (
    AccommodationType as Acc,
    ActivityStatus as Act,
    AdoptionReversalReason,
    CareLeaverEligibility,
    InTouch,
    LegalStatusCode as Legal,
    LookedAfterNeed as Need,
    PermanencePlan as Plan,
    PlacementProvider as Pr,
    PlacementType as Pt,
    ReasonCeased as Ceased,
)
from cases.models import Stage

from . import names
from .dates import YEAR, birthday
from .phrases import CHILDRENS_HOMES, FOSTER_AGENCIES, SUPPORTED_ACCOMMODATION
from .record import Ep, Journey, pick, weighted

LOOKED_AFTER_FOR = weighted([((14, 180), 20), ((181, 365), 25), ((366, 730), 25), ((731, 1095), 15), ((1096, 1800), 15)])
NEEDS = weighted([
    (Need.N1, 62), (Need.N3, 4), (Need.N4, 8), (Need.N5, 13), (Need.N6, 3), (Need.N7, 1), (Need.N8, 6),
])
ROUTES = weighted([("cp", 50), ("emergency", 15), ("s20", 25), ("cin", 10)])
PLACEMENTS_BY_AGE = [  # (under this age, weighted placement types)
    (5, weighted([(Pt.U6, 50), (Pt.U4, 10), (Pt.U3, 17), (Pt.U5, 5), (Pt.R3, 3), (Pt.P1, 3)])),
    (12, weighted([(Pt.U6, 45), (Pt.U4, 20), (Pt.U3, 14), (Pt.U1, 5), (Pt.K2, 8), (Pt.P1, 4), (Pt.S1, 2)])),
    (16, weighted([(Pt.U6, 35), (Pt.U4, 15), (Pt.U3, 8), (Pt.K2, 30), (Pt.S1, 3), (Pt.K1, 1), (Pt.P1, 3)])),
    (99, weighted([(Pt.U6, 20), (Pt.U4, 10), (Pt.K2, 20), (Pt.H5, 35), (Pt.P2, 10), (Pt.U3, 5)])),
]
FOSTER = {Pt.U4, Pt.U5, Pt.U6}
FOSTER_CARE = FOSTER | {Pt.U1, Pt.U2, Pt.U3}
PROVIDERS = {
    Pt.U1: weighted([(Pr.PR1, 1)]), Pt.U3: weighted([(Pr.PR1, 1)]),
    Pt.U4: weighted([(Pr.PR1, 55), (Pr.PR4, 40), (Pr.PR5, 5)]), Pt.U5: weighted([(Pr.PR1, 70), (Pr.PR4, 30)]),
    Pt.U6: weighted([(Pr.PR1, 55), (Pr.PR4, 40), (Pr.PR5, 5)]),
    Pt.K2: weighted([(Pr.PR4, 75), (Pr.PR1, 20), (Pr.PR5, 5)]),
    Pt.H5: weighted([(Pr.PR4, 60), (Pr.PR5, 30), (Pr.PR1, 10)]),
    Pt.P2: weighted([(Pr.PR1, 1)]), Pt.P1: weighted([(Pr.PR0, 1)]), Pt.R3: weighted([(Pr.PR4, 60), (Pr.PR5, 40)]),
    Pt.S1: weighted([(Pr.PR4, 70), (Pr.PR5, 30)]), Pt.K1: weighted([(Pr.PR2, 80), (Pr.PR3, 20)]),
    Pt.A5: weighted([(Pr.PR1, 70), (Pr.PR2, 30)]), Pt.A6: weighted([(Pr.PR1, 50), (Pr.PR2, 25), (Pr.PR5, 25)]),
}
REGULATED = {Pt.K1, Pt.K2, Pt.H5, Pt.R3, Pt.S1}
PLANS_BY_AGE = [
    (5, weighted([(Plan.RETURN_TO_FAMILY, 25), (Plan.SGO_CAO, 35), (Plan.LONG_TERM_FOSTERING, 35), (Plan.OTHER, 5)])),
    (12, weighted([(Plan.LONG_TERM_FOSTERING, 45), (Plan.SGO_CAO, 20), (Plan.RETURN_TO_FAMILY, 25),
                   (Plan.LONG_TERM_RESIDENTIAL_PLACEMENT, 5), (Plan.OTHER, 5)])),
    (16, weighted([(Plan.LONG_TERM_FOSTERING, 55), (Plan.RETURN_TO_FAMILY, 20),
                   (Plan.LONG_TERM_RESIDENTIAL_PLACEMENT, 15), (Plan.OTHER, 10)])),
    (99, weighted([(Plan.LONG_TERM_FOSTERING, 35), (Plan.SUPPORTED_LIVING_IN_THE_COMMUNITY, 35),
                   (Plan.RETURN_TO_FAMILY, 15), (Plan.LONG_TERM_RESIDENTIAL_PLACEMENT, 10), (Plan.OTHER, 5)])),
]
CEASED_AT_18 = weighted([(Ceased.E5, 38), (Ceased.E6, 10), (Ceased.E8, 18), (Ceased.E4A, 14), (Ceased.E13, 8),
                         (Ceased.E7, 3), (Ceased.E9, 2), (Ceased.E4B, 7)])
CEASED_AT_16 = weighted([(Ceased.E5, 40), (Ceased.E4A, 25), (Ceased.E4B, 10), (Ceased.E13, 10), (Ceased.E6, 5),
                         (Ceased.E14, 5), (Ceased.E9, 5)])
ACCOMMODATION_AFTER = {
    Ceased.E5: weighted([(Acc.D, 70), (Acc.E, 15), (Acc.T, 15)]), Ceased.E6: weighted([(Acc.U, 80), (Acc.K, 20)]),
    Ceased.E8: weighted([(Acc.Z, 85), (Acc.D, 15)]),  # "staying put" with former foster carers
    Ceased.E4A: weighted([(Acc.B, 1)]), Ceased.E4B: weighted([(Acc.B, 1)]),
    Ceased.E13: weighted([(Acc.B, 70), (Acc.K, 30)]), Ceased.E7: weighted([(Acc.C, 60), (Acc.Y, 40)]),
    Ceased.E9: weighted([(Acc.X, 60), (Acc.D, 40)]), Ceased.E14: weighted([(Acc.D, 70), (Acc.B, 30)]),
}
ACCOMMODATION_LATER = weighted([
    (Acc.D, 28), (Acc.U, 22), (Acc.B, 12), (Acc.Z, 6), (Acc.E, 5), (Acc.T, 5), (Acc.K, 6), (Acc.S, 3), (Acc.W, 1),
    (Acc.V, 2), (Acc.X, 3), (Acc.Y, 3), (Acc.C, 1), (Acc.G, 1),
])
UNSUITABLE = {Acc.S, Acc.W, Acc.V, Acc.X}
IN_TOUCH = weighted([(InTouch.YES, 88), (InTouch.NO, 5), (InTouch.REFUSED, 4), (InTouch.RETURNED_HOME, 2),
                     (InTouch.NO_LONGER_REQUIRED, 1)])
ACTIVITY_ADULT = weighted([(Act.F1, 6), (Act.P1, 1), (Act.F2, 22), (Act.P2, 4), (Act.F3, 16), (Act.P3, 9), (Act.G4, 8),
                           (Act.G5, 25), (Act.G6, 9)])
ACTIVITY_UNDER_18 = weighted([(Act.F2, 60), (Act.P2, 5), (Act.F3, 8), (Act.P3, 2), (Act.G4, 5), (Act.G5, 18),
                              (Act.G6, 2)])
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _postcode(j: Journey, out_of_area: bool) -> str:
    district = j.rng.choice(names.OUT_OF_AREA_DISTRICTS if out_of_area else names.POSTCODE_DISTRICTS)
    return f"{district} {j.rng.randint(1, 9)}{j.rng.choice(LETTERS)}{j.rng.choice(LETTERS)}"


def _by_age(table, years: float):
    for under, choices in table:
        if years < under:
            return choices
    return table[-1][1]


def _placement(j: Journey, start: int, kind=None, *, current: bool = False, has_care_order: bool = True) -> dict:
    rng = j.rng
    if kind is None:
        kind = pick(rng, _by_age(PLACEMENTS_BY_AGE, j.years(start)))
        if kind == Pt.P1 and not has_care_order:
            kind = Pt.U6
    provider = pick(rng, PROVIDERS[kind])
    if kind in FOSTER:
        name = rng.choice(FOSTER_AGENCIES) if provider in (Pr.PR4, Pr.PR5) else "Council foster carers"
    elif kind in (Pt.K1, Pt.K2, Pt.S1, Pt.R3):
        name = rng.choice(CHILDRENS_HOMES)
    elif kind == Pt.H5:
        name = rng.choice(SUPPORTED_ACCOMMODATION)
    else:
        name = {Pt.U1: "Family and friends carers", Pt.U3: "Family and friends carers", Pt.P1: "Parents' home",
                Pt.P2: "Own tenancy", Pt.A5: "Adoptive family", Pt.A6: "Adoptive family"}.get(kind, "")
    urn = f"SC{rng.randint(100000, 999999)}" if kind in REGULATED or provider in (Pr.PR4, Pr.PR5) else ""
    if current:
        out_of_area, postcode = j.child.out_of_area, j.child.postcode
    else:
        out_of_area = j.chance(0.4 if provider == Pr.PR4 else 0.12)
        postcode = _postcode(j, out_of_area)
    return {"placement_type": kind, "provider": provider, "provider_name": name, "urn": urn, "postcode": postcode,
            "out_of_area": out_of_area}


def _placements(j: Journey, episode: Ep, start: int, end: int | None, *, last_open: bool, final_kind=None) -> None:
    """1-4 placements from ``start``; the last ends on ``end`` (or stays open)."""
    stop = j.A if end is None else end
    count = j.rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]
    count = max(1, min(count, 1 + (stop - start) // 45))
    cuts = sorted(j.rng.sample(range(start + 1, stop + 1), count - 1)) if count > 1 else []
    bounds = [start, *cuts]
    care_order = any(code == Legal.C2 for _, code in episode.legal)
    for index, begin in enumerate(bounds):
        last = index == len(bounds) - 1
        finish = end if last else bounds[index + 1]
        kind = final_kind if last else None
        fields = _placement(j, begin, kind, current=last and last_open, has_care_order=care_order)
        episode.placements.append((begin, finish, fields))


def _legal(j: Journey, episode: Ep, route: str, start: int, stop: int) -> None:
    rng, legal = j.rng, episode.legal

    def care_proceedings(first: int, interim=True):
        if interim:
            legal.append((first, Legal.C1))
        final = first + rng.randint(150, 400)
        if final <= stop:
            legal.append((final, Legal.C2))

    if route in ("uasc",) or (route == "s20" and not j.chance(0.15)):
        legal.append((start, Legal.V2))
    elif route == "s20":
        legal.append((start, Legal.V2))
        moved = start + rng.randint(60, 240)
        if moved <= stop:
            care_proceedings(moved)
    elif route == "emergency":
        legal.append((start, rng.choice((Legal.L1, Legal.L1, Legal.L2))))
        interim = start + rng.randint(1, 8)
        if interim <= stop:
            care_proceedings(interim)
    elif route == "remand":
        legal.append((start, Legal.J1))
        if j.chance(0.5) and start + 30 <= stop:
            legal.append((start + rng.randint(30, min(120, stop - start)), Legal.V2))
    elif route == "leaver":
        if j.chance(0.6):
            legal.append((start, Legal.V2))
        else:
            care_proceedings(start)
    elif j.chance(0.35):
        legal.append((start, Legal.V2))
    else:
        care_proceedings(start)


def looked_after(j: Journey, start: int, end: int | None, *, route: str, reason: str = "") -> Ep:
    if route == "uasc":
        need = Need.N8 if j.chance(0.8) else Need.N4
    else:
        need = Need.N2 if j.disabled and j.chance(0.2) else pick(j.rng, NEEDS)
    episode = j.ep(Stage.LOOKED_AFTER, start, end, category_of_need=need, reason_ceased=reason)
    _legal(j, episode, route, start, j.A if end is None else end)
    return episode


def _adoption(j: Journey, episode: Ep) -> int | None:
    """An adoption plan for a young child: the milestones so far. Returns the day placed, if placed."""
    A, rng = j.A, j.rng
    decided = episode.start + rng.randint(60, 200)
    episode.fields["permanence_plan"] = Plan.ADOPTION
    if decided > A:
        return None  # adoption is the plan; the agency decision is still to come
    fields = {}
    order = decided + rng.randint(50, 150)
    matched = order + rng.randint(30, 180) if j.chance(0.85) else A + 1
    placed = matched + rng.randint(7, 35)
    reversed_on = None
    if j.chance(0.12) and decided + 60 <= A:
        reversed_on = rng.randint(decided + 60, A)
        if order >= reversed_on:
            reason = AdoptionReversalReason.RD2
        elif matched >= reversed_on:
            reason = rng.choice((AdoptionReversalReason.RD3, AdoptionReversalReason.RD1))
        else:
            reason = AdoptionReversalReason.RD4
        fields.update(decision_reversed_date=reversed_on, reversal_reason=reason)
        A = reversed_on - 1  # nothing further happened on the adoption plan
        episode.fields["permanence_plan"] = rng.choice((Plan.LONG_TERM_FOSTERING, Plan.SGO_CAO))
    if order <= A:
        fields["placement_order_date"] = order
        # The placement order is made with (or replaces) the final care order.
        episode.legal[:] = [(day, code) for day, code in episode.legal if not (code == Legal.C2 and day > order)]
        episode.legal.append((order, Legal.E1))
        episode.legal.sort()
    if matched <= A:
        fields["matched_date"] = matched
    placed_on = placed if placed <= A and reversed_on is None else None
    if placed_on:
        fields["placed_date"] = placed
    j.ep(Stage.ADOPTION, decided, reversed_on, **fields)
    return placed_on


def children_in_care(j: Journey) -> None:
    A, child = j.A, j.child
    start = A - j.rng.randint(*pick(j.rng, LOOKED_AFTER_FOR))
    if start < j.B:
        start = j.B + int(j.rng.random() * min(j.age_days, 45))
    uasc = child.unaccompanied_asylum_seeking
    if uasc:
        if j.B + 14 * YEAR <= A - 7:  # most arrive as teenagers
            start = max(start, j.B + 14 * YEAR)
        route = "uasc"
    else:
        route = pick(j.rng, ROUTES)
        if j.years(start) >= 12 and j.chance(0.04):
            route = "remand"
    earliest = j.B
    if not uasc and j.chance(0.08) and start - j.floor > 500:
        # An earlier time in care: returned home, then came back.
        previous_end = start - j.between(120, start - j.floor - 300)
        previous_start = max(j.floor + 40, previous_end - j.between(60, 400))
        referral, decided = j.front(previous_start - j.between(5, 30), previous_start)
        j.assessment(referral, decided, limit=previous_end)
        previous = looked_after(j, previous_start, previous_end, route="s20", reason=Ceased.E4A)
        previous.fields["permanence_plan"] = Plan.RETURN_TO_FAMILY
        _placements(j, previous, previous_start, previous_end, last_open=False)
        earliest = previous_end + 1
    if route == "cp":
        plan_start = max(earliest + 26, start - j.between(45, 420))
        j.protection_chain(min(plan_start, start), start, end_reason="Child became looked after")
    elif route == "cin":
        cin_start = max(earliest + 50, j.B + 20, start - j.between(60, 500))
        if cin_start < start:
            referral, decided = j.front(max(earliest, cin_start - j.between(15, 50)), cin_start)
            j.assessment(referral, decided, done=cin_start)
            j.ep(Stage.CHILD_IN_NEED, cin_start, start, primary_need="N1 - Abuse or neglect",
                 end_reason="Child became looked after")
    else:
        referral, decided = j.front(max(earliest, start - j.between(0, 10)), start)
        j.assessment(referral, decided)
    episode = looked_after(j, start, None, route=route)
    episode.current = True
    placed = None
    in_proceedings = any(code == Legal.C1 for _, code in episode.legal)
    if in_proceedings and j.years(start) < 4 and j.chance(0.45):
        placed = _adoption(j, episode)
    if "permanence_plan" not in episode.fields:
        if uasc:
            plan = Plan.SUPPORTED_LIVING_IN_THE_COMMUNITY if j.years(A) >= 16 else Plan.LONG_TERM_FOSTERING
        else:
            plan = pick(j.rng, _by_age(PLANS_BY_AGE, j.years(A)))
        episode.fields["permanence_plan"] = plan
    if placed:
        _placements(j, episode, start, placed, last_open=False)
        adoptive = _placement(j, placed, j.rng.choice((Pt.A5, Pt.A6, Pt.A6)), current=True)
        episode.placements.append((placed, None, adoptive))
    else:
        _placements(j, episode, start, None, last_open=True)
    current_start, _, current = episode.placements[-1]
    if (episode.fields["permanence_plan"] == Plan.LONG_TERM_FOSTERING and current["placement_type"] in FOSTER_CARE
            and current_start + 90 <= A and j.chance(0.7)):
        episode.fields["permanent_since"] = j.rng.randint(current_start + 90, A)


def leaving_care(j: Journey) -> None:
    A, B = j.A, j.B
    turned_16, turned_18 = birthday(B, 16), birthday(B, 18)
    if A >= turned_18 and j.chance(0.85):
        left = turned_18
        reason = pick(j.rng, CEASED_AT_18)
    else:
        left = j.between(turned_16, min(turned_18 - 1, A - 7))
        reason = pick(j.rng, CEASED_AT_16)
    qualifying = A >= turned_18 and j.chance(0.06)
    length = j.between(30, 85) if qualifying else j.between(91, 2200)
    start = min(max(left - length, B + 6 * YEAR, j.floor), left - (30 if qualifying else 91))
    uasc = j.child.unaccompanied_asylum_seeking
    if start - 40 >= j.floor:
        referral, decided = j.front(start - j.between(3, 40), start)
        j.assessment(referral, decided, limit=left)
    episode = looked_after(j, start, left, route="uasc" if uasc else "leaver", reason=reason)
    episode.fields["permanence_plan"] = (
        Plan.SUPPORTED_LIVING_IN_THE_COMMUNITY if reason in (Ceased.E5, Ceased.E6) else
        Plan.RETURN_TO_FAMILY if reason in (Ceased.E4A, Ceased.E13) else Plan.LONG_TERM_FOSTERING
    )
    final_kind = j.rng.choice((Pt.U4, Pt.U6)) if reason == Ceased.E8 else Pt.H5 if reason == Ceased.E5 else None
    _placements(j, episode, start, left, last_open=False, final_kind=final_kind)
    accommodation = pick(j.rng, ACCOMMODATION_AFTER.get(reason, ACCOMMODATION_LATER))
    if A - left > 365 and j.chance(0.4):
        accommodation = pick(j.rng, ACCOMMODATION_LATER)
    in_touch = pick(j.rng, IN_TOUCH)
    if in_touch in (InTouch.NO, InTouch.REFUSED) and j.chance(0.6):
        accommodation = Acc.R
    if in_touch == InTouch.RETURNED_HOME:
        accommodation = Acc.B
    under_18 = A < turned_18
    eligibility = (
        CareLeaverEligibility.RELEVANT_CHILD if under_18 else
        CareLeaverEligibility.QUALIFYING_CARE_LEAVER if qualifying else CareLeaverEligibility.FORMER_RELEVANT_CHILD
    )
    j.ep(
        Stage.CARE_LEAVER, left, None, eligibility=eligibility, in_touch=in_touch, accommodation=accommodation,
        accommodation_suitable=None if accommodation == Acc.R else (accommodation not in UNSUITABLE and j.chance(0.95)),
        activity=pick(j.rng, ACTIVITY_UNDER_18 if under_18 else ACTIVITY_ADULT),
    ).current = True
