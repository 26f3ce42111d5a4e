"""Practice events for a seeded child: visits at the statutory rhythm, conferences, reviews,
plans, supervision and oversight, health and education for children in care, pathway plans,
missing episodes and panel decisions.

Routine work (visits, supervision, core groups) is seeded for the last thirteen months; reviews,
conferences, plans and health checks for the last eighteen months (the earlier journey is there
as episodes, placements and legal statuses). Practice quality is drawn per child
(record.QUALITY): timely, late (a gap in visits, a late or missed review) or drifting (nothing
recorded for the last 3-6 months on an open plan).
"""

from cases.codes import InTouch
from cases.models import EventKind as K
from cases.models import Stage

from . import phrases as words
from .dates import add_months, add_working_days, birthday, next_term_window, on_a_weekday
from .record import Ep, Journey

FRONT_DOOR_TEAMS = ("Front Door", "Assessment North", "Assessment South")
PANEL_CHANCE = 0.03
MISSING_CHANCE = {"Children in Care": 0.25, "Child Protection 1": 0.1, "Child Protection 2": 0.1,
                  "Assessment North": 0.08, "Assessment South": 0.08, "Leaving Care": 0.15, "Early Help": 0.05}


def _views(years: float, in_care: bool):
    if years >= 18:
        return words.VIEWS_ADULT
    band = "baby" if years < 4 else "young" if years < 8 else "middle" if years < 13 else "teen"
    return words.VIEWS[band, "care" if in_care else "home"]


def _alone_chance(years: float) -> float:
    return 0.02 if years < 2 else 0.15 if years < 5 else 0.55 if years < 11 else 0.8 if years < 16 else 0.9


class Practice:
    def __init__(self, journey: Journey):
        self.j = journey
        self.rng = journey.rng
        self.late = journey.quality == "late"

    # --- one event

    def add(self, kind, day, episode, author, summary="", views="", **extra):
        self.j.events.append((kind, day, episode, author, summary, views, extra))

    def views(self, day: int, chance: float, episode: Ep | None = None) -> str:
        """What the child said or showed, for about ``chance`` of the records (fewer for under 5s)."""
        years = self.j.years(day)
        if years < 5:
            chance /= 2
        if self.rng.random() >= chance:
            return ""
        in_care = episode is not None and episode.stage in (Stage.LOOKED_AFTER, Stage.ADOPTION)
        return self.rng.choice(_views(years, in_care))

    def visit(self, episode: Ep, day: int, family: str, seen_chance: float = 0.94) -> None:
        rng, j = self.rng, self.j
        seen = rng.random() < seen_chance
        alone = seen and rng.random() < _alone_chance(j.years(day))
        self.add(K.VISIT, day, episode, j.user if rng.random() < 0.85 else j.colleague(),
                 rng.choice(words.VISIT_SUMMARIES[family]), self.views(day, 0.3, episode) if seen else "",
                 child_seen=seen, child_seen_alone=alone)

    def oversight(self, episode: Ep, day: int, text: str = "") -> None:
        self.add(K.MANAGEMENT_OVERSIGHT, day, episode, self.j.manager, text or self.rng.choice(words.OVERSIGHT))

    # --- rhythms

    def beats(self, episode: Ep, low: int, high: int, *, working: bool = True, first: int | None = None,
              stop: int | None = None) -> list[int]:
        """Days from ``first`` (default: the episode start or thirteen months ago) every ``low``-``high``
        days up to ``stop``. A late child's current plan has one long gap and may end overdue."""
        j, rng = self.j, self.rng
        end = j.A if episode.end is None else episode.end
        stop = end if stop is None else min(stop, end)
        if first is None:
            first = episode.start + rng.randint(0, 3) if episode.start >= j.window else j.window + rng.randint(0, low)
        first = max(first, episode.start, j.window)
        late = self.late and episode.current
        if late and rng.random() < 0.5:  # the last one is overdue now
            # (high * 7 // 5 + 3 calendar days hold more than ``high`` working days)
            overdue = (high * 7 // 5 + 3, high * 3) if working else (high + 1, high * 2)
            stop = min(stop, j.A - rng.randint(*overdue))
        gap_at = rng.randint(first, max(first, stop)) if late else None
        days, day = [], first
        while day <= stop:
            days.append(on_a_weekday(day, first, stop))
            step = rng.randint(low, high)
            if gap_at is not None and day >= gap_at:
                step, gap_at = rng.randint(high * 2, high * 3), None
            day = add_working_days(day, step) if working else day + step
        return days

    def reviews(self, episode: Ep, first_due: int, following, *, early: int = 14,
                stop: int | None = None) -> list[tuple[int, int]]:
        """(day held, next due) for reviews from ``first_due``; ``following(held, count)`` gives the
        next due date. A late child's current plan has one late review or a missed last one."""
        j, rng = self.j, self.rng
        stop = (j.A if episode.end is None else episode.end) if stop is None else stop
        late = self.late and episode.current
        late_one = late and rng.random() < 0.5
        held, due, previous = [], first_due, episode.start
        while True:
            day = max(previous + 1 if held else previous, due - rng.randint(0, early))
            if late_one and rng.random() < 0.4:
                day, late_one = due + rng.randint(5, 40), False
            day = on_a_weekday(day, previous + 1 if held else previous, stop)
            if day > stop:
                break
            due = following(day, len(held) + 1)
            held.append((day, due))
            previous = day
        if late and not late_one and len(held) > 1 and held[-2][1] < j.A:
            held.pop()  # the last review did not happen: it is overdue now
        return held

    def supervision(self, episode: Ep, low: int, high: int) -> None:
        for day in self.beats(episode, low, high):
            self.add(K.SUPERVISION, day, episode, self.j.manager, self.rng.choice(words.SUPERVISION))

    # --- by stage

    def contact(self, episode: Ep) -> None:
        if self.j.team in FRONT_DOOR_TEAMS and episode.start >= self.j.window:
            text = words.CASE_NOTES["contact_nfa" if episode.fields.get("no_further_action") else "contact"]
            self.add(K.CASE_NOTE, episode.start, episode, self.j.colleague(), text)

    def referral(self, episode: Ep) -> None:
        decided = episode.fields.get("decision_date")
        if self.j.team in FRONT_DOOR_TEAMS and decided and decided >= self.j.window:
            self.oversight(episode, decided, "Management oversight: referral decision recorded with rationale.")

    def assessment(self, episode: Ep) -> None:
        j = self.j
        for day in self.beats(episode, 10, 15):
            self.visit(episode, day, "assessment")
        if episode.end is not None and episode.end >= j.window:
            self.oversight(episode, episode.end, "Management oversight: assessment authorised; outcome agreed.")

    def section_47(self, episode: Ep) -> None:
        j = self.j
        self.add(K.CASE_NOTE, episode.start, episode, j.user, words.CASE_NOTES["strategy"])
        stop = j.A if episode.end is None else episode.end
        self.visit(episode, min(stop, add_working_days(episode.start, self.rng.choice((0, 1)))), "section_47", 0.98)
        fields = episode.fields
        if fields.get("conference_date") and not fields.get("conference_led_to_plan"):
            self.add(K.INITIAL_CONFERENCE, fields["conference_date"], episode, j.user,
                     "Initial child protection conference: no plan needed; child in need support offered.",
                     plan_continues=False)
        if episode.end is not None:
            self.oversight(episode, episode.end, "Management oversight: section 47 outcome agreed.")

    def child_protection(self, episode: Ep) -> None:
        j, rng, start = self.j, self.rng, episode.start
        category = episode.fields["initial_category"].split(") ", 1)[-1].lower()
        first_review = add_months(start, 3)
        self.add(K.INITIAL_CONFERENCE, start, episode, j.user,
                 f"Initial child protection conference: plan made under the category of {category}.",
                 self.views(start, 0.25, episode), next_review_date=first_review, plan_continues=True)
        self.add(K.PLAN, start, episode, j.user, "Child protection plan agreed with the family and core group.",
                 next_review_date=first_review)
        self.oversight(episode, start, "Management oversight: plan and contingency agreed after conference.")
        for held, due in self.reviews(episode, first_review, lambda day, count: add_months(day, 6), early=10):
            self.add(K.REVIEW_CONFERENCE, held, episode, j.user, "Review conference: the plan continues.",
                     self.views(held, 0.25, episode), next_review_date=due, plan_continues=True)
        for day in self.beats(episode, 6, 10):
            self.visit(episode, day, "child_protection")
        for day in self.beats(episode, 28, 40, first=add_working_days(start, rng.randint(5, 10))):
            self.add(K.CASE_NOTE, day, episode, j.user, words.CASE_NOTES["core_group"])
        self.supervision(episode, 28, 40)
        if episode.end is not None:
            reason = episode.fields.get("end_reason", "")
            if "looked after" not in reason:
                self.add(K.REVIEW_CONFERENCE, episode.end, episode, j.user,
                         "Review conference: the child is no longer at risk of significant harm; plan ended.",
                         plan_continues=False)
            self.oversight(episode, episode.end, f"Management oversight: {reason.lower() or 'plan ended'}.")

    def child_in_need(self, episode: Ep) -> None:
        j, start = self.j, episode.start
        months = 6 if j.team == "Disabled Children" else 3
        self.add(K.PLAN, start, episode, j.user, "Child in need plan agreed with the family.",
                 next_review_date=add_months(start, months))
        for held, due in self.reviews(episode, add_months(start, months), lambda day, n: add_months(day, months)):
            self.add(K.PLAN, held, episode, j.user, "Child in need review: plan updated.", self.views(held, 0.3, episode),
                     next_review_date=due)
        low, high = (20, 30) if j.team == "Disabled Children" else (14, 20)
        for day in self.beats(episode, low, high):
            self.visit(episode, day, "child_in_need")
        self.supervision(episode, 35, 50)
        if episode.end is not None:
            self.oversight(episode, episode.end, "Management oversight: case closure agreed.")

    def looked_after(self, episode: Ep) -> None:
        j, rng, start = self.j, self.rng, episode.start
        stop = j.A if episode.end is None else episode.end
        first_review = add_working_days(start, 20)
        self.add(K.PLAN, min(stop, start + rng.randint(0, 5)), episode, j.user, "Care plan agreed.",
                 next_review_date=first_review)
        self.oversight(episode, start,
                       "Management oversight: decision to look after the child agreed by the head of service.")
        following = (lambda day, count: add_months(day, 3 if count == 1 else 6))
        for held, due in self.reviews(episode, first_review, following, early=10):
            self.add(K.LOOKED_AFTER_REVIEW, held, episode, j.user,
                     "Looked-after review chaired by the IRO; care plan endorsed.", self.views(held, 0.45, episode),
                     next_review_date=due, plan_continues=True)
        for held, _ in self.reviews(episode, add_working_days(start, 20),
                                    lambda day, n: add_months(day, 6 if j.years(day) < 5 else 12), early=25):
            self.add(K.HEALTH_ASSESSMENT, held, episode, j.user,
                     "Initial health assessment completed." if held - start < 60 else "Review health assessment completed.")
        dental = start + rng.randint(30, 150)
        while dental <= stop:
            self.add(K.DENTAL_CHECK, on_a_weekday(dental, start, stop), episode, j.user, "Dental check completed.")
            dental = add_months(dental, 6 if j.years(dental) < 5 else 12) + rng.randint(-20, 20)
        self.education(episode, start, stop)
        self.placement_visits(episode, stop)
        self.supervision(episode, 40, 60)
        if episode.end is not None and episode.end >= j.window:
            self.oversight(episode, episode.end, "Management oversight: leaving care plan agreed.")

    def education(self, episode: Ep, start: int, stop: int) -> None:
        j, rng = self.j, self.rng
        day = add_working_days(start, rng.randint(10, 20))
        while day <= stop:
            if 4 <= j.years(day) < 18:
                self.add(K.PERSONAL_EDUCATION_PLAN, day, episode, j.user, "Personal education plan reviewed with the school.",
                         self.views(day, 0.3, episode))
            low, high = next_term_window(day)
            if self.late and episode.current and rng.random() < 0.15:
                low, high = next_term_window(low)  # a term missed
            day = on_a_weekday(rng.randint(low, high), low, high)

    def placement_visits(self, episode: Ep, stop: int) -> None:
        j, rng = self.j, self.rng
        for index, (begin, finish, _fields) in enumerate(episode.placements):
            end = stop if finish is None else min(finish, stop)
            if end < j.window:
                continue
            first = begin + rng.randint(1, 6) if begin >= j.window else None
            for day in self.beats(episode, 25, 42, working=False, first=first, stop=end):
                self.visit(episode, day, "looked_after")

    def care_leaver(self, episode: Ep) -> None:
        seen = 0.92 if episode.fields.get("in_touch") == InTouch.YES else 0.5
        for day in self.beats(episode, 40, 60, working=False):
            self.visit(episode, day, "care_leaver", seen)
        self.supervision(episode, 45, 65)

    def adoption(self, episode: Ep) -> None:
        j, fields = self.j, episode.fields
        text, follow = words.ADOPTION_DECISION
        self.add(K.PANEL_DECISION, episode.start, episode, j.manager, text, follow_up=follow,
                 follow_up_by=episode.start + 28)
        if fields.get("matched_date"):
            text, follow = words.ADOPTION_MATCH
            self.add(K.PANEL_DECISION, fields["matched_date"], episode, j.manager, text, follow_up=follow,
                     follow_up_by=fields["matched_date"] + 14)
        if fields.get("decision_reversed_date"):
            self.oversight(episode, fields["decision_reversed_date"],
                           "Management oversight: adoption decision reversed; permanence plan revised.")

    def early_help(self, episode: Ep) -> None:
        j = self.j
        completed = episode.fields.get("assessment_completed_date")
        if completed:
            self.add(K.PLAN, completed, episode, j.user, "Family plan agreed at the team around the family meeting.",
                     next_review_date=add_months(completed, 3))
            for held, due in self.reviews(episode, add_months(completed, 3), lambda day, n: add_months(day, 3)):
                self.add(K.PLAN, held, episode, j.user, "Team around the family review.", self.views(held, 0.25, episode),
                         next_review_date=due)
        for day in self.beats(episode, 10, 20):
            self.visit(episode, day, "early_help")
        self.supervision(episode, 45, 65)
        if episode.end is not None and episode.end >= j.window:
            reason = episode.fields.get("end_reason") or "closed"
            self.oversight(episode, episode.end, f"Management oversight: {reason.lower()}.")

    # --- across episodes

    def pathway_plans(self) -> None:
        """From 16 in care, and on as a care leaver: reviewed at least every six months."""
        j, rng = self.j, self.rng
        in_care = [ep for ep in j.eps if ep.stage == Stage.LOOKED_AFTER]
        if not in_care:
            return
        covering = [in_care[-1], *(ep for ep in j.eps if ep.stage == Stage.CARE_LEAVER)]
        day = max(in_care[-1].start, birthday(j.B, 16)) + rng.randint(10, 60)
        while day <= j.A:
            episode = next((ep for ep in covering if ep.start <= day <= (ep.end or j.A)), None)
            if episode is None:
                break
            due = add_months(day, 6)
            if day >= j.recent:
                self.add(K.PATHWAY_PLAN, day, episode, j.user, "Pathway plan reviewed with the young person.",
                         self.views(day, 0.4, episode), next_review_date=due)
            late = self.late and rng.random() < 0.2
            day = due + rng.randint(10, 60) if late else due - rng.randint(0, 30)

    def missing(self) -> None:
        j, rng = self.j, self.rng
        if not 12 <= j.years(j.A) < 18 or rng.random() >= MISSING_CHANCE.get(j.team, 0.02):
            return
        current = [ep for ep in j.eps if ep.end is None]
        episode = next((ep for ep in current if ep.current), current[0] if current else None)
        low = max(j.window, episode.start if episode else j.window, j.B + 12 * 365)
        if low > j.A - 2:
            return
        days = sorted({rng.randint(low, j.A - 1) for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6)))})
        in_care = episode is not None and episode.stage == Stage.LOOKED_AFTER
        for day in days:
            back = min(j.A, day + rng.choice((0, 0, 0, 1, 1, 2, 3, 6)))
            offered = rng.random() < 0.9
            self.add(K.MISSING_EPISODE, day, episode, j.user,
                     "Missing from care; found by police." if in_care else "Reported missing from home; returned.",
                     end_date=back, return_interview_offered=offered,
                     return_interview_accepted=offered and rng.random() < 0.6)
        j.missing = (days[0], days[-1], in_care)

    def panel(self) -> None:
        j, rng = self.j, self.rng
        current = [ep for ep in j.eps if ep.current and ep.end is None]
        if not current or rng.random() >= PANEL_CHANCE:
            return
        episode = current[0]
        low = max(episode.start, j.window)
        day = on_a_weekday(rng.randint(low, j.A), low, j.A)
        text, follow = rng.choice(words.PANELS)
        self.add(K.PANEL_DECISION, day, episode, j.manager, text, follow_up=follow,
                 follow_up_by=day + rng.randint(14, 42))


def record_practice(journey: Journey) -> None:
    practice = Practice(journey)
    by_stage = {
        Stage.CONTACT: practice.contact, Stage.REFERRAL: practice.referral, Stage.ASSESSMENT: practice.assessment,
        Stage.SECTION_47: practice.section_47, Stage.CHILD_PROTECTION: practice.child_protection,
        Stage.CHILD_IN_NEED: practice.child_in_need, Stage.LOOKED_AFTER: practice.looked_after,
        Stage.CARE_LEAVER: practice.care_leaver, Stage.ADOPTION: practice.adoption,
        Stage.EARLY_HELP: practice.early_help,
    }
    for episode in journey.eps:
        if episode.end is None or episode.end >= journey.recent:
            by_stage[episode.stage](episode)
    if journey.team in ("Children in Care", "Leaving Care"):
        practice.pathway_plans()
    practice.missing()
    practice.panel()
    last = _drift(journey) if journey.quality == "drift" else journey.A
    journey.events[:] = [event for event in journey.events if journey.recent <= event[1] <= last]


def _drift(journey: Journey) -> int:
    """The last day anything was recorded for a drifting child: 3-6 months ago on an open plan."""
    current = [ep for ep in journey.eps if ep.current and ep.end is None]
    cut = journey.A - journey.rng.randint(91, 180)
    if not current or cut <= current[0].start + 14:
        return journey.A
    return cut
