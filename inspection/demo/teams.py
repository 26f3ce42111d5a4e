"""Each team's typical journey, from contact to plan, with closed history behind it."""

from cases.codes import ClosureReason, PrimaryNeed
from cases.models import Stage

from . import care
from .dates import add_working_days
from .record import CATEGORIES, Journey, pick, weighted

STEPPED_UP = "Stepped up to children's social care"
STEPPED_DOWN = "Stepped down to early help"

NEEDS = weighted([
    (PrimaryNeed.N1, 52), (PrimaryNeed.N3, 6), (PrimaryNeed.N4, 12), (PrimaryNeed.N5, 16),
    (PrimaryNeed.N6, 4), (PrimaryNeed.N7, 1), (PrimaryNeed.N8, 4), (PrimaryNeed.N0, 2),
])
CLOSURES = weighted([
    (ClosureReason.RC7, 70), (ClosureReason.RC3, 6), (ClosureReason.RC4, 5), (ClosureReason.RC5, 9),
    (ClosureReason.RC8, 10),
])
ASSESSED = weighted([("cin", 45), ("nfa", 35), ("down", 20)])
PLAN_AGE = weighted([((20, 90), 30), ((91, 182), 25), ((183, 365), 25), ((366, 730), 15), ((731, 1000), 5)])
CONTACT_NFA_REASONS = ["Information and advice given", "Signposted to early help", "Already known to another service"]
S47_NFA_REASONS = [
    "Concerns not substantiated", "Concerns substantiated, child not at continued risk of significant harm",
]


def need(j: Journey) -> str:
    """A child in need code: the child's disability for some disabled children."""
    return PrimaryNeed.N2 if j.disabled and j.chance(0.4) else pick(j.rng, NEEDS)


def build(journey: Journey) -> None:
    """Write the child's episodes for their team."""
    TEAM_JOURNEYS[journey.team](journey)


def _days_ago(j: Journey, pairs) -> int:
    low, high = pick(j.rng, pairs)
    return j.rng.randint(low, high)


def _step_up(j: Journey, referral_day: int):
    """An early-help episode that ended when the child was referred to social care, if it fits."""
    referral_day = j.weekday(referral_day)  # as Journey.front will date the contact
    start = max(j.floor, referral_day - j.between(60, 300))
    if referral_day - start < 21:
        return None
    return j.early_help(start, referral_day, end_reason=STEPPED_UP)


def history(j: Journey, before: int) -> None:
    """Closed episodes that ended by ``before``: earlier contacts, assessments and plans."""
    room = before - j.floor
    if room < 120:
        return
    kind = j.rng.choices(["contact", "assessed", "cin", "cp", "early_help"], [25, 20, 25, 20, 10])[0]
    if kind == "cp" and room > 420:
        plan_end = before - j.between(0, room - 400)
        plan_start = max(j.floor + 30, plan_end - j.between(120, 540))
        j.protection_chain(plan_start, plan_end, end_reason="Plan ended: no longer at risk of significant harm")
        cin_end = min(before, plan_end + j.between(60, 200))
        j.ep(Stage.CHILD_IN_NEED, plan_end, cin_end, primary_need=PrimaryNeed.N1, closure_reason=ClosureReason.RC7,
             end_reason="Plan completed")
    elif kind in ("cin", "cp") and room > 200:
        cin_end = before - j.between(0, room - 180)
        cin_start = max(j.floor + 60, cin_end - j.between(90, 420))
        referral, decided = j.front(cin_start - j.between(20, 55), cin_start)
        j.assessment(referral, decided, done=cin_start)
        reason = pick(j.rng, CLOSURES)
        j.ep(Stage.CHILD_IN_NEED, cin_start, cin_end, primary_need=need(j), closure_reason=reason,
             end_reason="Plan completed" if reason == ClosureReason.RC7 else "")
    elif kind == "assessed":
        day = j.between(j.floor, before - 70)
        referral, decided = j.front(day, before)
        j.assessment(referral, decided, limit=before - 1, child_in_need=False)
    elif kind == "early_help":
        end = before - j.between(0, room - 100)
        j.early_help(max(j.floor, end - j.between(60, 300)), end, end_reason="Family plan goals achieved")
    else:
        day = j.between(j.floor, before)
        decided = min(day + j.rng.choice((0, 0, 1)), before)
        j.ep(Stage.CONTACT, day, decided, source=j.source(), decision_date=decided, no_further_action=True,
             end_reason=j.rng.choice(CONTACT_NFA_REASONS))


def front_door(j: Journey) -> None:
    A = j.A
    day = max(j.B, A - j.between(0, 30))
    if j.chance(0.25):
        history(j, day - 60)
    stepped = _step_up(j, day) if j.chance(0.15) else None
    outcome = "referral" if stepped else j.rng.choices(["contact_nfa", "open", "nfa", "accepted"], [35, 15, 20, 30])[0]
    if outcome == "contact_nfa":
        decided = min(day + j.rng.choice((0, 0, 1)), A)
        j.ep(Stage.CONTACT, day, decided, source=j.source(), decision_date=decided, no_further_action=True,
             end_reason=j.rng.choice(CONTACT_NFA_REASONS))
        return
    if outcome == "open":
        # Awaiting a decision: most referred today or yesterday, a few waiting longer than a day.
        day = max(j.B, A - j.rng.choice((0, 0, 0, 0, 1, 1, 1, 2, 5)))
        source = j.source()
        j.ep(Stage.CONTACT, day, day, source=source, decision_date=day, no_further_action=False)
        j.ep(Stage.REFERRAL, day, None, stepped, source=source)
        return
    referral, decided = j.front(day, stepped_from=stepped, nfa=outcome == "nfa")
    if outcome == "nfa":
        referral.fields["end_reason"] = "No further action after screening"
    elif j.chance(0.5):
        j.assessment(referral, decided).current = True


def assessment_team(j: Journey) -> None:
    A = j.A
    ago = _days_ago(j, weighted([((1, 45), 60), ((46, 80), 25), ((81, 110), 15)]))
    day = max(j.B, A - ago)
    if j.chance(0.25):
        history(j, day - 60)
    stepped = _step_up(j, day) if j.chance(0.12) else None
    referral, decided = j.front(day, stepped_from=stepped)
    assessment = j.assessment(referral, decided)
    assessment.current = True
    if assessment.end is not None and j.chance(0.7):
        # Most assessments are still open here: reopen it as still running (and so perhaps late).
        assessment.end = None
        for name in ("authorised_date", "child_in_need"):
            assessment.fields.pop(name, None)
    elif assessment.end is not None:
        outcome = pick(j.rng, ASSESSED)
        assessment.fields["child_in_need"] = outcome == "cin"
        if outcome == "cin":
            j.ep(Stage.CHILD_IN_NEED, assessment.end, None, primary_need=need(j)).current = True
        elif outcome == "down":
            assessment.fields["end_reason"] = STEPPED_DOWN
            j.early_help(assessment.end, stepped_from=assessment).current = True
        return
    if j.chance(0.3):
        strategy = min(A, decided + j.rng.choice((0, 0, 1, 2)))
        if j.chance(0.3) and add_working_days(strategy, 3) <= A:
            ended = min(A, add_working_days(strategy, j.between(3, 12)))
            j.ep(Stage.SECTION_47, strategy, ended, conference_not_required=True,
                 end_reason=j.rng.choice(S47_NFA_REASONS))
            return
        conference = add_working_days(strategy, j.between(16, 22) if j.chance(0.15) else j.between(8, 15))
        if conference > A:
            j.ep(Stage.SECTION_47, strategy, None, conference_not_required=False).current = True
            return
        led_to_plan = j.chance(0.85)
        j.ep(Stage.SECTION_47, strategy, conference, conference_not_required=False, conference_date=conference,
             conference_led_to_plan=led_to_plan, end_reason="" if led_to_plan else "Conference: no plan needed")
        if led_to_plan:
            category = pick(j.rng, CATEGORIES)
            j.ep(Stage.CHILD_PROTECTION, conference, None, initial_category=category,
                 latest_category=category).current = True


def protection_team(j: Journey) -> None:
    A = j.A
    if j.chance(0.6):
        plan_start = A - _days_ago(j, PLAN_AGE)
        if plan_start < j.B + 15:
            plan_start = min(A, j.B + j.between(10, 20))
        if j.chance(0.3):
            history(j, plan_start - 90)
        j.protection_chain(plan_start, None).current = True
        return
    cin_start = A - j.between(30, 540)
    if cin_start < j.B + 25:
        cin_start = min(A, j.B + j.between(20, 30))
    if j.chance(0.3) and cin_start - j.floor > 150:
        plan_start = max(j.floor + 30, cin_start - j.between(120, 450))
        j.protection_chain(plan_start, cin_start, end_reason="Plan ended: stepped down to a child in need plan")
        primary = PrimaryNeed.N1
    else:
        if j.chance(0.25):
            history(j, cin_start - 120)
        stepped = None
        referred = max(j.B, cin_start - j.between(15, 63))
        if j.chance(0.1):
            stepped = _step_up(j, referred)
        referral, decided = j.front(referred, cin_start, stepped_from=stepped)
        j.assessment(referral, decided, done=cin_start)
        primary = need(j)
    j.ep(Stage.CHILD_IN_NEED, cin_start, None, primary_need=primary).current = True


def disabled_team(j: Journey) -> None:
    A = j.A
    cin_start = A - j.between(60, 1800)
    if cin_start < j.B + 30:
        cin_start = min(A, j.B + j.between(20, 40))
    if j.chance(0.15) and cin_start - j.floor > 200:
        j.early_help(max(j.floor, cin_start - j.between(120, 400)), cin_start - j.between(30, 60),
                     end_reason="Needs met by specialist services")
    referral, decided = j.front(max(j.B, cin_start - j.between(20, 60)), cin_start)
    j.assessment(referral, decided, done=cin_start)
    j.ep(Stage.CHILD_IN_NEED, cin_start, None, primary_need=PrimaryNeed.N2).current = True


def early_help_team(j: Journey) -> None:
    A = j.A
    if j.chance(0.25) and j.A - j.floor > 200:
        # Stepped down: a child in need plan closed and early help took over.
        handed = A - j.between(20, 300)
        cin_start = max(j.floor + 60, handed - j.between(90, 400))
        if cin_start < handed:
            referral, decided = j.front(max(j.B, cin_start - j.between(20, 50)), cin_start)
            j.assessment(referral, decided, done=cin_start)
            cin = j.ep(Stage.CHILD_IN_NEED, cin_start, handed, primary_need=need(j),
                       closure_reason=ClosureReason.RC7, end_reason=STEPPED_DOWN)
            start = min(A, handed + j.between(0, 7))
            j.early_help(start, stepped_from=cin).current = True
            return
    start = max(j.B, A - j.between(10, 365))
    if j.chance(0.15) and start - j.floor > 200:
        end = start - j.between(60, start - j.floor - 100)
        j.early_help(max(j.floor, end - j.between(60, 250)), end, end_reason="Family plan goals achieved")
    j.early_help(start).current = True


TEAM_JOURNEYS = {
    "Front Door": front_door,
    "Assessment North": assessment_team,
    "Assessment South": assessment_team,
    "Child Protection 1": protection_team,
    "Child Protection 2": protection_team,
    "Disabled Children": disabled_team,
    "Children in Care": care.children_in_care,
    "Leaving Care": care.leaving_care,
    "Early Help": early_help_team,
}
