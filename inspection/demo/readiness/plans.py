"""The demo council's action plans, through the action plans service: the plan answering the last
ILACS inspection (four areas for improvement, actions complete with evidence of impact, on track,
at risk and overdue, and progress reported by their owners), a smaller plan from the
self-assessment's shortfalls and one from the findings of the mock inspection's audit."""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.utils import timezone

from actionplans.models import Action, ActionPlan, PlanSource, Recommendation, RecommendationKind
from actionplans.rules import Status
from actionplans.services import action_raise, action_save, can_update, plan_save, progress_add, recommendation_save
from cases.working_days import add_working_days, is_working_day, next_working_day
from inspection.models import AuditSample, Finding, SamplePurpose
from judgements.models import SelfAssessment, Shortfall

from .inspections import History

OWNERS = ("team.manager", "auditor", "senior.manager")
PARTNER = ("Ruth Adeyemi, Designated Nurse for Safeguarding Children", "Health")


@dataclass(frozen=True)
class Planned:
    """One action of the inspection's plan. Dates are reckoned from the plan's approval
    (``done_months``: complete that many months after it) or from ``as_of`` (``due_days``: the
    target that many days from it; negative is overdue); ``due_working_days`` puts the target
    within the next ten working days."""

    description: str
    owner: str | None  # a demo login, or None for the partner agency's lead
    measure: str
    status: str = Status.ON_TRACK
    done_months: int | None = None
    impact: str = ""
    due_days: int = 0
    due_working_days: int | None = None
    progress: str = ""  # the latest progress note, a few weeks before as_of


# (area code, priority, area for improvement as Ofsted worded it, actions)
INSPECTION_PLAN = [
    ("help_protection", 1, "Improve the timeliness and quality of assessments, so that they are updated when children's "
     "circumstances change and take account of their history and identity.", [
        Planned("Introduce an assessment quality standard and train every assessment team manager in it.", "team.manager",
                "Audits grade assessment good or better in 70% of cases.", Status.COMPLETE, done_months=5,
                impact="Assessments within 45 working days rose from 71% to 84%; audits graded assessment good or "
                       "better in 62% of cases, up from 41%."),
        Planned("Audit ten assessments a month for updates after a change in the child's circumstances, and report "
                "the themes to the practice board.", "auditor", "Nine in ten assessments updated after a change.",
                due_days=95, progress="Thirty assessments audited since the summer: 19 were updated after a change, "
                                      "up from 11 in the first ten."),
        Planned("Review a weekly tracker of assessments nearing 35 working days at the head of service's meeting.",
                "senior.manager", "No assessment past 45 working days without a manager's reason.", Status.AT_RISK,
                due_days=-20, progress="The tracker is built but reviewed fortnightly, not weekly, until the new "
                                       "business support officer starts."),
    ]),
    ("help_protection", 1, "Strengthen the response to children living with long-standing neglect, so that "
     "pre-proceedings work is timely and purposeful.", [
        Planned("Take every child in pre-proceedings to a monthly legal gateway panel, with a decision within 12 weeks.",
                "senior.manager", "No child in pre-proceedings for more than 16 weeks.", Status.COMPLETE, done_months=8,
                impact="Pre-proceedings now last 14 weeks on average, down from 31; no child has waited more than 16 "
                       "weeks in the last six months."),
        Planned("Train health visitors and school nurses in the neglect toolkit, and use it at every core group.", None,
                "The toolkit is used at nine in ten core groups for neglect.", Status.AT_RISK, due_days=40,
                progress="Two of five sessions held; the trust cancelled the March session for lack of staff."),
        Planned("Review every child on a plan for neglect for more than a year, with a manager's decision on whether "
                "to escalate.", "team.manager", "Every such child reviewed and the decision recorded.", due_days=-9),
    ]),
    ("in_care", 2, "Ensure that personal education plans involve children, set specific targets, and show how pupil "
     "premium is used and the difference it makes.", [
        Planned("The virtual school to check every personal education plan each term against the new standard.",
                "auditor", "Nine in ten plans meet the standard.", due_days=120),
        Planned("Report the use and impact of pupil premium for children in care to the corporate parenting panel each "
                "term.", "senior.manager", "Every pupil premium grant tied to a target in the child's plan.",
                Status.COMPLETE, done_months=11,
                impact="The panel has had three termly reports; 94% of pupil premium is now tied to a target in the "
                       "child's plan, up from 60%."),
    ]),
    ("leaders", 2, "Ensure that supervision is regular and reflective, and that performance reports show children's "
     "experiences as well as whether tasks were done on time.", [
        Planned("Audit supervision across every team each month, using a reflective supervision template.",
                "senior.manager", "Supervision monthly in nine in ten files.", due_working_days=6,
                progress="Supervision is monthly in 78% of files audited, up from 55%; the template is in use in "
                         "every team."),
        Planned("Lead the monthly performance report with what audits and children's feedback show.", "auditor",
                "Leaders change priorities because of what the report shows.", Status.COMPLETE, done_months=14,
                impact="The report now leads with audit findings and children's feedback; the leadership team has "
                       "changed two priorities because of it."),
        Planned("Bring average caseloads in the assessment teams down to 20.", "team.manager",
                "Average caseload of 20 or fewer in every assessment team.", Status.AT_RISK, due_days=60,
                progress="Two posts still vacant; Assessment South averages 23 children per worker."),
    ]),
]


def seed_plans(*, rng: random.Random, as_of: date, actor, history: History,
               self_assessment: SelfAssessment | None) -> list[ActionPlan]:
    owners = {user.username: user for user in get_user_model().objects.filter(username__in=OWNERS)}
    plans = [_inspection_plan(rng, as_of, actor, history, owners)]
    if self_assessment is not None:
        plans.append(_shortfall_plan(rng, as_of, actor, self_assessment, owners))
    audit_plan = _audit_plan(rng, as_of, actor, owners)
    if audit_plan is not None:
        plans.append(audit_plan)
    return [plan for plan in plans if plan is not None]


def _inspection_plan(rng, as_of, actor, history: History, owners) -> ActionPlan:
    inspection = history.last
    published = inspection.published_on
    approved = add_working_days(published, 52 + rng.randint(0, 5))
    plan = plan_save(actor=actor, raised_by=inspection, plan=ActionPlan(
        title=f"{inspection.title}: action plan", source=PlanSource.INSPECTION, published_on=published,
        submitted_on=add_working_days(approved, 5 + rng.randint(0, 5)), approved_on=approved, approved_by="Cabinet",
        summary="How we will answer the four areas for improvement: assessments, neglect, personal education plans, "
                "and supervision and performance management. Reviewed monthly by the improvement board and reported "
                "to Cabinet and the Children's Scrutiny Committee each quarter.",
    ))
    start = add_working_days(approved, 5)
    for area, priority, text, planned in INSPECTION_PLAN:
        recommendation = recommendation_save(actor=actor, recommendation=Recommendation(
            plan=plan, kind=RecommendationKind.AREA_FOR_IMPROVEMENT, text=text, area=area, priority=priority))
        for item in planned:
            _planned_action(rng, as_of, actor, owners, recommendation, start, item)
    return plan


def _planned_action(rng, as_of, actor, owners, recommendation, start: date, item: Planned) -> Action:
    if item.done_months is not None:
        target = next_working_day(start + relativedelta(months=item.done_months) + timedelta(days=rng.randint(0, 10)))
    elif item.due_working_days is not None:
        target = add_working_days(as_of, item.due_working_days + rng.randint(-2, 2))
    else:  # at least four days either side of as_of, so an overdue action stays overdue
        target = as_of + timedelta(days=item.due_days + rng.randint(-5, 5))
        target = _working_day_before(target) if item.due_days < 0 else next_working_day(target)
    owner = owners.get(item.owner) if item.owner else None
    role, agency = ("", "") if item.owner else PARTNER
    action = action_save(actor=actor, action=Action(
        recommendation=recommendation, description=item.description, owner=owner, owner_role=role, lead_agency=agency,
        start_date=start, target_date=target, measure_of_success=item.measure,
        status=Status.ON_TRACK if item.status == Status.COMPLETE else item.status,
    ))
    reporter = owner if owner is not None and can_update(owner, action) else actor
    if item.status == Status.COMPLETE:
        done = min(target - timedelta(days=rng.randint(0, 12)), as_of)
        progress_add(actor=reporter, action=action, date=next_working_day(done), status=Status.COMPLETE,
                     note="Complete: see the evidence of impact.", evidence_of_impact=item.impact)
    elif item.progress:
        progress_add(actor=reporter, action=action, date=next_working_day(as_of - timedelta(days=rng.randint(14, 30))),
                     status=item.status, note=item.progress)
    return action


def _working_day_before(day: date) -> date:
    """``day`` if it is a working day, otherwise the working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


# --- the self-assessment's shortfalls and the mock inspection's audit findings

SHORTFALL_ACTIONS = {
    "Assessments are timely": "Reassess every child whose circumstances have changed since their last assessment, "
                              "starting with children on child protection plans.",
    "Plans have clear actions": "Check every child protection plan at its next review for actions with an owner and "
                                "a timescale.",
    "Where neglect is long-standing": "Add the neglect toolkit's scores to the pre-proceedings tracker, so that drift "
                                      "shows early.",
    "Children understand their history": "Start life story work within three months of a plan for adoption or "
                                         "long-term fostering.",
    "Caseloads are manageable": "Recruit to the two vacant posts in the assessment teams.",
    "Care leavers have learning and employment": "Ring-fence apprenticeships for care leavers in every council "
                                                 "directorate.",
}


def _shortfall_plan(rng, as_of, actor, self_assessment: SelfAssessment, owners) -> ActionPlan | None:
    version = self_assessment.versions.order_by("-number").first()
    shortfalls = list(Shortfall.objects.filter(version=version).select_related("area", "indicator")
                      .order_by("area__order", "indicator__order", "pk"))
    if not shortfalls:
        return None
    plan = plan_save(actor=actor, raised_by=version, plan=ActionPlan(
        title=f"Self-assessment, {timezone.localtime(version.saved_at):%B %Y}: shortfalls",
        source=PlanSource.SELF_ASSESSMENT,
        summary="The indicators of good we partly meet, with help and protection first: our own plan, not one Ofsted "
                "asked for.",
    ))
    # Up to three of help and protection's shortfalls under one recommendation, and the first shortfall
    # of another area under a second.
    chosen = [shortfall for shortfall in shortfalls if shortfall.area.code == "help_protection"][:3]
    chosen += [shortfall for shortfall in shortfalls if shortfall.area.code != "help_protection"][:1]
    recommendations: dict[int, Recommendation] = {}
    for number, shortfall in enumerate(chosen):
        recommendation = recommendations.get(shortfall.area_id) or Recommendation(
            plan=plan, kind=RecommendationKind.AREA_FOR_IMPROVEMENT, area=shortfall.area.code,
            priority=1 if shortfall.area.code == "help_protection" else 2,
            text=f"Meet the indicators of good we only partly meet for {shortfall.area.name[0].lower()}"
                 f"{shortfall.area.name[1:]}.",
        )
        description = next((text for start, text in SHORTFALL_ACTIONS.items()
                            if shortfall.indicator.text.startswith(start)), f"Meet the indicator: {shortfall.indicator.text}")
        action = action_raise(actor=actor, origin=shortfall, recommendation=recommendation, action=Action(
            description=description, owner=owners.get(OWNERS[number % len(OWNERS)]),
            start_date=as_of - timedelta(days=14), target_date=next_working_day(as_of + relativedelta(months=2 + number)
                                                                                + timedelta(days=rng.randint(0, 10))),
            measure_of_success="The indicator is scored met at the next self-assessment.",
            status=Status.ON_TRACK if number == 0 else Status.NOT_STARTED,
        ))
        recommendations[shortfall.area_id] = action.recommendation
    return plan


# Audit domain key -> (judgement area, recommendation, action) for the findings the demo's audits make
# (inspection/demo/audits.py); a finding in another domain is answered in its own words.
FINDINGS = {
    "child_seen": ("help_protection", "Children are seen, and seen alone, as often as their plans say.",
                   "Check in supervision that visits keep to each plan's frequency and that the record says whether "
                   "the child was seen alone."),
    "child_voice": ("help_protection", "Children's views are recorded in their own words and shape their plans.",
                    "Quote the child's own words in every plan review, and have the next monthly audit look for them."),
    "assessment": ("help_protection", "Assessments analyse risk and are completed on time.",
                   "Train team managers to sign off only assessments that analyse risk, not only describe it."),
    "plans": ("help_protection", "Plans have measurable outcomes, named owners and timescales.",
              "Rewrite each plan's actions at its next review with an owner, a timescale and a measurable outcome."),
    "drift": ("help_protection", "No child's plan drifts: progress is checked at every review.",
              "Review every plan with no progress for three months, and record the manager's decision."),
    "oversight": ("leaders", "Managers' oversight is recorded at every key decision, with their reasons.",
                  "Record management oversight at each key decision, using the new supervision template."),
    "multi_agency": ("help_protection", "Partners attend core groups, and escalation is used when they do not act.",
                     "Report partners' attendance at core groups to the safeguarding board each quarter, and escalate "
                     "when a partner does not act."),
    "impact": ("leaders", "Records show the difference help has made for the child.",
               "Ask what difference the help has made at every review and in supervision, and record the answer."),
}


def _audit_plan(rng, as_of, actor, owners) -> ActionPlan | None:
    """The three findings the mock inspection's case audit made most often, each in its own domain."""
    sample = (AuditSample.objects.filter(purpose=SamplePurpose.COUNCIL_AUDIT, drawn_on__lte=as_of)
              .order_by("-drawn_on", "-pk").first())
    findings = list(Finding.objects.filter(audit__member__sample=sample).select_related("domain")
                    .order_by("domain__order", "audit__completed_at", "pk")) if sample else []
    if not findings:
        return None
    often = Counter((finding.domain_id, finding.text) for finding in findings)
    chosen, domains = [], set()
    for finding in sorted(findings, key=lambda finding: -often[(finding.domain_id, finding.text)]):
        if finding.domain_id not in domains:
            domains.add(finding.domain_id)
            chosen.append(finding)
    plan = plan_save(actor=actor, raised_by=sample, plan=ActionPlan(
        title=f"Mock inspection case audit, {sample.drawn_on:%B %Y}: findings", source=PlanSource.AUDIT,
        summary=f"What our own audit of {sample.size} children's cases found during the mock inspection, the most "
                f"common first.",
    ))
    for number, finding in enumerate(chosen[:3]):
        key = finding.domain.key if finding.domain else ""
        area, text, description = FINDINGS.get(key, ("", finding.text, finding.text))
        action_raise(actor=actor, origin=finding, action=Action(
            description=description, owner=owners.get(OWNERS[(number + 1) % len(OWNERS)]),
            start_date=sample.drawn_on + timedelta(days=30),
            target_date=next_working_day(as_of + relativedelta(months=1 + number) + timedelta(days=rng.randint(0, 10))),
            measure_of_success=f"Found in {often[(finding.domain_id, finding.text)]} of the {sample.size} cases "
                               f"audited; in none at the next audit on the same theme.",
            status=Status.NOT_STARTED,
        ), recommendation=Recommendation(plan=plan, kind=RecommendationKind.FINDING, area=area, text=text, priority=2))
    return plan
