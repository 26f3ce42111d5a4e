"""Flags for a seeded child: the "toxic trio", exploitation and missing, private fostering, and
flags that follow from the child's record (disabled, unaccompanied, out of area, NEET).

At most one open flag of each kind (the database refuses a second)."""

from cases.codes import Disability
from cases.models import FlagKind as F
from cases.models import Stage

from .record import Journey

# Chance of each "toxic trio" flag by team: domestic abuse, parental substance misuse, mental ill health.
TOXIC_TRIO = {
    "Front Door": (0.3, 0.1, 0.12), "Assessment North": (0.4, 0.18, 0.22), "Assessment South": (0.4, 0.18, 0.22),
    "Child Protection 1": (0.55, 0.32, 0.38), "Child Protection 2": (0.55, 0.32, 0.38),
    "Disabled Children": (0.05, 0.02, 0.08), "Children in Care": (0.35, 0.3, 0.25), "Leaving Care": (0.0, 0.0, 0.0),
    "Early Help": (0.2, 0.08, 0.18),
}
PRIVATE_FOSTERING_TEAMS = ("Assessment North", "Assessment South", "Child Protection 1", "Child Protection 2")
NOTES = {
    F.DOMESTIC_ABUSE: ["Police domestic abuse notifications", "Discussed at MARAC",
                       "Mother's ex-partner; non-molestation order"],
    F.PARENTAL_SUBSTANCE_MISUSE: ["Father's alcohol use", "Mother's heroin use; in treatment",
                                  "Cannabis use by both parents"],
    F.PARENTAL_MENTAL_ILL_HEALTH: ["Mother's depression; under the GP", "Father: bipolar disorder",
                                   "Post-natal depression"],
    F.SEXUAL_EXPLOITATION: ["Older associates; exploitation screening tool completed",
                            "Discussed at the exploitation panel"],
    F.MISSING_FROM_HOME: ["Repeated missing episodes"],
    F.MISSING_FROM_CARE: ["Repeated missing episodes from placement"],
    F.MISSING_FROM_EDUCATION: ["Not on a school roll"], F.PRIVATE_FOSTERING: ["Living with a family friend"],
    F.DISABLED: ["Autism; learning disability", "Cerebral palsy", "Complex health needs", "Visual impairment"],
    F.UNACCOMPANIED_ASYLUM_SEEKING: ["Arrived unaccompanied; asylum claim pending"],
    F.LIVING_OUT_OF_AREA: ["Placed outside the council's area"], F.NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING: [""],
}


def _flag(j: Journey, kind: str, start: int, end: int | None = None) -> None:
    start = j.clamp(start)
    if end is not None:
        end = min(max(end, start), j.A)
    existing = j.flags.setdefault(kind, [])
    if end is None and any(flag[1] is None for flag in existing):
        return  # one open flag of each kind
    existing.append([start, end, j.rng.choice(NOTES[kind])])


def record_flags(j: Journey) -> None:
    A, rng, child = j.A, j.rng, j.child
    eps = j.eps
    social = [ep for ep in eps if ep.stage != Stage.CONTACT]
    open_eps = [ep for ep in social if ep.end is None]
    recent = [ep for ep in eps if ep.stage in (Stage.REFERRAL, Stage.EARLY_HELP, Stage.CONTACT)]
    anchor = max((ep.start for ep in recent), default=eps[0].start if eps else A)
    if not child.unaccompanied_asylum_seeking:  # the "toxic trio" is about the parents at home
        for kind, chance in zip((F.DOMESTIC_ABUSE, F.PARENTAL_SUBSTANCE_MISUSE, F.PARENTAL_MENTAL_ILL_HEALTH),
                                TOXIC_TRIO[j.team]):
            if rng.random() < chance:
                _flag(j, kind, anchor + rng.randint(0, 10))
        earlier = [ep for ep in social if ep.end is not None and ep.end < anchor - 30]
        if earlier and rng.random() < 0.3:  # known from an earlier episode, closed with it
            _flag(j, F.DOMESTIC_ABUSE, earlier[0].start, earlier[-1].end)
    if j.team in PRIVATE_FOSTERING_TEAMS and rng.random() < 0.005:
        _flag(j, F.PRIVATE_FOSTERING, anchor)
    first = eps[0].start if eps else A
    if child.disability == Disability.YES or j.team == "Disabled Children":
        _flag(j, F.DISABLED, first)
    in_care = [ep for ep in eps if ep.stage == Stage.LOOKED_AFTER]
    if child.unaccompanied_asylum_seeking:
        _flag(j, F.UNACCOMPANIED_ASYLUM_SEEKING, in_care[0].start if in_care else first)
    _out_of_area(j, in_care)
    for ep in eps:
        if ep.stage == Stage.CARE_LEAVER and ep.fields.get("activity", "")[:2] in ("G4", "G5", "G6"):
            _flag(j, F.NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING, rng.randint(ep.start, A))
    years = j.years(A)
    if j.missing:
        first_missing, last_missing, from_care = j.missing
        kind = F.MISSING_FROM_CARE if from_care else F.MISSING_FROM_HOME
        _flag(j, kind, first_missing, None if last_missing >= A - 90 else last_missing + rng.randint(60, 90))
        if rng.random() < 0.4:
            _flag(j, F.SEXUAL_EXPLOITATION, first_missing + rng.randint(0, 30))
    elif 12 <= years < 18 and open_eps and rng.random() < 0.03:
        _flag(j, F.SEXUAL_EXPLOITATION, max(open_eps[0].start, A - rng.randint(20, 300)))
    if 12 <= years < 16 and open_eps and j.team in ("Children in Care", "Child Protection 1", "Child Protection 2") \
            and rng.random() < 0.02:
        _flag(j, F.MISSING_FROM_EDUCATION, max(open_eps[0].start, A - rng.randint(20, 200)))


def _out_of_area(j: Journey, in_care) -> None:
    """Consistent with Child.out_of_area: open while the child lives out of area, closed for an
    earlier placement out of area."""
    current = in_care[-1] if in_care and in_care[-1].end is None else None
    if current is not None:
        for begin, finish, fields in current.placements:
            if fields["out_of_area"]:
                _flag(j, F.LIVING_OUT_OF_AREA, begin, finish)
    elif j.child.out_of_area:
        leaver = next((ep for ep in j.eps if ep.stage == Stage.CARE_LEAVER), None)
        start = leaver.start if leaver else (j.eps[0].start if j.eps else j.A)
        _flag(j, F.LIVING_OUT_OF_AREA, j.rng.randint(start, j.A))
