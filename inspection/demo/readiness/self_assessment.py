"""The demo council's self-assessment against the indicators of good (two versions five months
apart: most areas move to good, help and protection still requires improvement) and its annual
self-evaluation (two versions), both saved through their services."""

import random
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from inspection.models import AuditSample, SelfEvaluation, SelfEvaluationVersion
from inspection.self_evaluation import services as self_evaluation
from judgements.models import Framework, Indicator, SelfAssessment, SelfAssessmentVersion
from judgements.rules import Confidence
from judgements.self_assessment.services import ScoreInput, self_assessment_start, version_save
from judgements.sets.selectors import framework_in_force

# The start of an indicator's wording (judgements/indicator_library.py) -> (first version's score,
# second version's score, evidence in the second version, evidence in the first where it differed).
# None: not scored yet. Indicators a council has reworded are scored "met" with a general line.
SCORES: dict[str, tuple[int | None, int | None, str, str]] = {
    # Leaders
    "Leaders know the quality and impact": (3, 2, "A quarterly practice report to the leadership team combines audit "
        "grades, timescales and what children and families tell us.", "Practice reports count timescales; audit "
        "findings are not yet brought together."),
    "Leaders have an accurate view": (3, 2, "The spring peer review confirmed our view of strengths and weaknesses; "
        "the improvement plan was reset around it.", "Improvements since the inspection are recent and not yet "
        "shown to last."),
    "The workforce is stable": (2, 2, "Agency social workers down from 21% to 9% in a year; every newly qualified "
        "social worker completes the assessed first year.", ""),
    "Caseloads are manageable": (3, 3, "Average caseload 17, but the assessment teams average 23; supervision monthly "
        "in 78% of files audited against a target of 90%.", ""),
    "Performance management": (3, 2, "Audits now grade the child's experience and the difference made, and a second "
        "auditor moderates 7 in 10.", "Performance reports count tasks done on time, not what children experience."),
    "Elected members": (2, 2, "The corporate parenting panel meets the children in care council every two months; "
        "the lead member visits a team each quarter.", ""),
    "Leaders work well with partners": (2, 1, "The safeguarding board's challenge log shows partners held to "
        "account; we commissioned a peer review and acted on all of it.", "Partnership working is good; no external "
        "challenge sought since the inspection."),
    "Children and families influence services": (3, 2, "Young inspectors rewrote the front door's letters to families; "
        "a parents' panel shaped the new child protection conference.", "Participation is limited to children in "
        "care."),
    # Help and protection
    "Children and families get help when needs first emerge": (2, 2, "Early help assessments up 18%; 86% of families "
        "say their needs were met when their early help closed.", ""),
    "Families get the help they need to stay together": (2, 2, "The edge-of-care service worked with 64 families; 81% "
        "of the children were still safely at home a year later.", ""),
    "Children at immediate risk of harm": (2, 2, "Decisions on 97% of contacts within 24 hours; out-of-hours records "
        "reach day teams by 9am.", ""),
    "Assessments are timely": (3, 3, "84% of assessments within 45 working days, up from 71%, but audits find them "
        "rarely updated when a child's circumstances change.", "71% of assessments within 45 working days."),
    "Children are seen regularly": (3, 2, "Visits on time for 92% of children on plans; the child's own words are "
        "recorded in 8 of 10 files audited.", "The child's views are recorded, but it is rarely clear how they shaped "
        "the plan."),
    "Plans have clear actions": (3, 3, "Plans are clearer since the new template, but a third of those audited had "
        "actions with no timescale.", ""),
    "Children who go missing": (2, 2, "Return interviews offered to 95% of children within 72 hours; a monthly "
        "exploitation meeting with the police.", ""),
    "Where neglect is long-standing": (4, 3, "A pre-proceedings tracker since the spring; 3 of 8 neglect cases audited "
        "had drifted for over six months before it.", "Children living with neglect wait too long: no tracking of "
        "pre-proceedings."),
    # Children in care (and, under ILACS 2018, care leavers)
    "Decisions for children to come into care": (2, 2, "Legal gateway panel decisions within a week; support plans for "
        "every child who returns home.", ""),
    "Children achieve permanence": (3, 2, "Permanence planned by the second review for 88% of children; adoption "
        "timescales better than England's.", "Permanence planning often starts after the second review."),
    "Placements are well matched": (2, 2, "11% of children had three or more homes in the year; 68% live within 20 "
        "miles.", ""),
    "Children have positive, trusting relationships": (2, 2, "84% of children in the children in care council's "
        "survey trust their social worker; visits on time for 94%.", ""),
    "Children's education is supported": (3, 2, "Personal education plans set specific targets in 8 of 10 audited; "
        "pupil premium spending reported each term.", "Personal education plans are vague about targets."),
    "Children's health needs are met": (None, None, "Waiting for the health trust's figures for children living out "
        "of the area.", ""),
    "Children understand their history": (3, 3, "Life story work started for 61% of children whose plan is adoption "
        "or long-term fostering; later life letters are often late.", ""),
    "Children are listened to": (2, 1, "Children chair part of their own reviews; the children in care council "
        "presented to Cabinet in July.", "Children's views are recorded at reviews."),
    # Care leavers
    "Care leavers are in touch with personal advisers": (2, 1, "In touch with 97% of care leavers aged 19 to 21, who "
        "rate their advisers highly in the annual survey.", "In touch with 91% of care leavers."),
    "Care leavers have relationships that matter": (2, 2, "Mentoring scheme matched 23 care leavers; free leisure "
        "passes for all.", ""),
    "Care leavers influence the services": (2, 2, "Care leavers wrote the local offer with us; their forum meets "
        "monthly.", ""),
    "Care leavers' health and emotional well-being": (3, 2, "Health passports for every care leaver at 18; a weekly "
        "drop-in with the leaving care nurse.", "Health histories are not given to care leavers."),
    "Care leavers have learning and employment": (3, 3, "56% in education, employment or training; only four "
        "apprenticeships in the council's own services.", ""),
    "Care leavers live in safe, suitable accommodation": (2, 2, "91% in suitable accommodation; no care leaver in bed "
        "and breakfast this year.", ""),
    "Decisions for care leavers are made well": (None, 2, "Transition planning for disabled young people starts at 14 "
        "with adult services; pathway plans reviewed every six months.", ""),
}
REWORDED = (2, 2, "Met in the files audited this year.", "")
# Chance of (high, medium, low) confidence by score; an indicator not met is scored with low
# confidence (the evidence is thin), so one weak area is not proposed inadequate.
CONFIDENCE = {1: (70, 30, 0), 2: (45, 45, 10), 3: (25, 55, 20), 4: (0, 0, 100)}
LEVELS = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)


def seed_self_assessment(*, rng: random.Random, as_of: date, actor) -> SelfAssessment | None:
    """Against the framework in force on ``as_of``: a first version five months ago and a second
    a month ago, each scoring every indicator in the library but one or two."""
    framework = Framework.objects.filter(code=framework_in_force(as_of)).first()
    indicators = list(Indicator.objects.filter(area__framework=framework, active=True)
                      .order_by("area__order", "order", "pk")) if framework else []
    if not indicators:
        return None
    first_on, second_on = as_of - relativedelta(months=5), as_of - relativedelta(months=1)
    assessment = self_assessment_start(actor=actor, framework=framework,
                                       title=f"Self-assessment against the indicators of good, {as_of.year}")
    scored = [(indicator, _score(indicator.text)) for indicator in indicators]
    first = version_save(actor=actor, self_assessment=assessment, note="First scoring, after the focused visit", scores={
        indicator.pk: ScoreInput(grade=v1, confidence=_confidence(rng, v1), evidence=before or evidence)
        for indicator, (v1, _v2, evidence, before) in scored if v1 is not None
    })
    second = version_save(actor=actor, self_assessment=assessment, note="Rescored after the mock inspection", scores={
        indicator.pk: ScoreInput(grade=v2, confidence=_confidence(rng, v2), evidence=evidence)
        for indicator, (_v1, v2, evidence, _before) in scored if v2 is not None or evidence
    })
    SelfAssessment.objects.filter(pk=assessment.pk).update(created_at=_moment(first_on))
    for version, on in ((first, first_on), (second, second_on)):
        SelfAssessmentVersion.objects.filter(pk=version.pk).update(saved_at=_moment(on))
    return assessment


def _score(text: str) -> tuple[int | None, int | None, str, str]:
    return next((score for start, score in SCORES.items() if text.startswith(start)), REWORDED)


def _confidence(rng: random.Random, grade: int | None) -> str:
    return rng.choices(LEVELS, CONFIDENCE[grade])[0] if grade else Confidence.LOW


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(16, 30)))


# --- the self-evaluation

QUALITY = (
    "Practice has improved since the ILACS inspection found it required improvement. {better} Help and "
    "protection is where practice is least consistent: assessments are timelier but not updated when children's "
    "circumstances change, and children living with long-standing neglect have waited too long for decisions."
)
HOW_WE_KNOW = (
    "Monthly case audits of ten children, graded on the child's experience and moderated by a second auditor; "
    "{extra}performance figures reported to the leadership team each month; what children, families and "
    "partners tell us."
)
PLANS = (
    "The action plan answering the inspection, reviewed monthly by the improvement board. {next}"
)
VERSIONS = [
    {"months_ago": 10, "better": "Children in care and care leavers are well supported.",
     "extra": "", "next": "Next: a pre-proceedings tracker and a monthly audit of assessments.",
     "other": "ILACS inspection report and action plan\nFocused visit letter"},
    {"months_ago": 1, "better": "Leaders now know practice well, and children in care and care leavers are well "
                                "supported: the mock inspection judged both good.",
     "extra": "a peer-led mock inspection with our own audit of 20 cases; ",
     "next": "Next: every assessment updated when a child's circumstances change, and no child in pre-proceedings "
             "for more than 16 weeks.",
     "other": "ILACS inspection report and action plan\nFocused visit letter\nMock inspection feedback\n"
              "Self-assessment against the indicators of good"},
]


def seed_self_evaluation(*, as_of: date, actor) -> SelfEvaluation:
    """This year's self-evaluation: a first version ten months ago and an update a month ago, each
    citing the audit samples drawn by then."""
    evaluation = self_evaluation.self_evaluation_start(actor=actor, title=f"Self-evaluation {as_of.year} to "
                                                                          f"{as_of.year + 1}")
    for texts in VERSIONS:
        on = as_of - relativedelta(months=texts["months_ago"])
        samples = list(AuditSample.objects.filter(drawn_on__lte=on).order_by("-drawn_on", "-pk")[:3])
        version = self_evaluation.version_save(actor=actor, self_evaluation=evaluation, audit_samples=samples, texts={
            "quality_and_impact": QUALITY.format(better=texts["better"]),
            "how_we_know": HOW_WE_KNOW.format(extra=texts["extra"]),
            "plans": PLANS.format(next=texts["next"]),
            "other_evidence": texts["other"],
        })
        # Dated the day the version stands for, its key figures with it (taken from the seeded records).
        SelfEvaluationVersion.objects.filter(pk=version.pk).update(
            saved_at=_moment(on), figures={**version.figures, "as_at": on.isoformat()})
        if texts is VERSIONS[0]:
            SelfEvaluation.objects.filter(pk=evaluation.pk).update(created_at=_moment(on))
    return evaluation
