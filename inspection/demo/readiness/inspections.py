"""The demo council's inspections and their judgements: the SIF inspection of 2016 (requires
improvement, the LSCB review too), the last ILACS standard inspection about two years and nine
months before ``as_of`` (requires improvement, published about six weeks after inspectors left), a
focused visit a year before ``as_of`` (findings, no grades) and a peer-led mock inspection three
months before it. Each graded one has its judgement set, recorded through the judgement sets
service (so the limiting rules are checked) under the framework in force on its first day on site,
and tied to the inspection as the inspection's page ties it."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.urls import reverse

from cases.working_days import add_working_days, next_working_day
from inspection.models import AuditSample, Inspection, InspectionKind, SamplePurpose
from inspection.timetable import before
from judgements.models import Framework, JudgementSet, Source
from judgements.sets import origins
from judgements.sets.selectors import framework_in_force
from judgements.sets.services import Entry, judgement_set_create

RI, GOOD = 3, 2

# Area code -> (grade, evidence summary); only the codes of the framework in force are recorded.
SIF_JUDGEMENTS = {
    "overall": (RI, "Children are safe, and services have improved since the council came out of intervention, but "
                    "too much practice is not yet good and some of the improvement is recent."),
    "help_protection": (RI, "Early help is a strength and the front door is effective. Assessments are not always "
                            "timely, and the response to children living with chronic neglect is too slow."),
    "looked_after": (RI, "Most children live in good local foster homes. Personal education plans are weak and "
                         "life story work is not routinely done."),
    "adoption": (GOOD, "Tenacious family finding for children who are harder to place; adopters speak highly of the "
                       "support before and after adoption."),
    "care_leavers": (RI, "Personal advisers are in touch with most care leavers, but too few are in education, "
                         "employment or training."),
    "leadership": (RI, "Leaders know their services and have made caseloads manageable; performance management "
                       "counts tasks rather than showing children's experiences."),
    "lscb": (RI, "The board meets its statutory duties but does not yet know how well agencies work together: "
                 "multi-agency audit is limited and the annual report was late."),
}
ILACS_JUDGEMENTS = {
    "overall": (RI, "Services for children have improved since the last inspection but are not yet consistently "
                    "good. Leaders know where practice is weakest and have credible plans to improve it."),
    "leaders": (RI, "Leaders have an accurate view of practice and have stabilised the workforce, but supervision is "
                    "irregular in some teams and performance reports count tasks rather than showing what children "
                    "experience."),
    "help_protection": (RI, "Children at immediate risk are protected quickly and the front door is effective. "
                            "Assessments are not always updated when children's circumstances change, and children "
                            "living with long-standing neglect wait too long for pre-proceedings decisions."),
    "in_care": (GOOD, "Children in care live in stable homes and have trusting relationships with their social "
                      "workers. Personal education plans are not consistently specific about targets."),
    "care_leavers": (GOOD, "Personal advisers stay in touch with almost all care leavers, and most live in suitable "
                           "accommodation. The council offers too few apprenticeships across its own services."),
}
MOCK_JUDGEMENTS = {
    "overall": (RI, "Close to good: help and protection holds it back. Every other area was judged good by the peer "
                    "team."),
    "leaders": (GOOD, "Supervision is now monthly in 9 of 10 files sampled, and the performance report leads with "
                      "what audits and children tell us. Agency social workers are down from 21% to 9%."),
    "help_protection": (RI, "The front door is strong and assessments are timelier (84% within 45 working days), but "
                            "they are rarely updated when circumstances change; 3 of 8 neglect cases had drifted "
                            "before pre-proceedings."),
    "in_care": (GOOD, "Children live in stable homes, and personal education plans now set specific targets in most "
                      "files. Life story work starts too late for younger children."),
    "care_leavers": (GOOD, "Personal advisers know their young people well; eleven apprenticeships are ring-fenced "
                           "across the council."),
}
FOCUSED_VISIT_NOTES = (
    "Focused visit on the front door and children in need of help and protection. No areas for priority action. "
    "Inspectors found threshold decisions appropriate and timely, and children at risk protected quickly; "
    "assessments for some children in need are still not updated when their circumstances change."
)


@dataclass
class History:
    sif: Inspection
    last: Inspection  # the last ILACS standard inspection, the one the action plan answers
    focused_visit: Inspection
    mock: Inspection


def seed_inspections(*, rng: random.Random, as_of: date, actor) -> History | None:
    on_site = _monday(as_of - relativedelta(years=2, months=9) + timedelta(days=rng.randint(0, 13)))
    ilacs = framework_in_force(on_site)
    if not (ilacs or "").startswith("ilacs"):
        return None
    sif = _sif(rng, actor)
    last = _ilacs_standard(rng, on_site, actor)
    for inspection, framework, judgements in ((sif, "sif_2013", SIF_JUDGEMENTS), (last, ilacs, ILACS_JUDGEMENTS)):
        _judgements(inspection, framework, Source.OFSTED, inspection.published_on, judgements, actor)
    focused = _focused_visit(rng, as_of, actor)
    mock = _mock(rng, as_of, actor)
    return History(sif=sif, last=last, focused_visit=focused, mock=mock)


def _monday(day: date) -> date:
    """The first working day of the week on or after ``day`` (a Tuesday after a bank holiday)."""
    return next_working_day(day + timedelta(days=(7 - day.weekday()) % 7))


def _save(actor, **fields) -> Inspection:
    inspection = Inspection(created_by=actor, **fields)
    inspection.full_clean()
    inspection._history_user = actor
    inspection._change_reason = "Recorded"
    inspection.save()
    return inspection


def _sif(rng: random.Random, actor) -> Inspection:
    first = _monday(date(2016, 2, 29) + timedelta(weeks=rng.randint(0, 6)))
    last_day = add_working_days(first, 19)
    return _save(
        actor, kind=InspectionKind.SIF, title=f"Single inspection framework, {first:%B %Y}",
        notified_on=before(first, 1), on_site_from=first, on_site_to=last_day, feedback_on=last_day,
        draft_report_on=add_working_days(last_day, 20), published_on=add_working_days(last_day, 35),
        overall_grade=RI, notes="Inspection of services for children in need of help and protection, children looked "
                                "after and care leavers, with the review of the Local Safeguarding Children Board.",
    )


def _ilacs_standard(rng: random.Random, first: date, actor) -> Inspection:
    last_day = add_working_days(first, 9)
    return _save(
        actor, kind=InspectionKind.ILACS_STANDARD, title=f"ILACS standard inspection, {first:%B %Y}",
        notified_on=before(first, 5), on_site_from=first, on_site_to=last_day, feedback_on=last_day,
        draft_report_on=add_working_days(last_day, 18),
        published_on=next_working_day(last_day + timedelta(weeks=6, days=rng.randint(-3, 3))),
        overall_grade=RI, notes="Two weeks on site. Four areas for improvement: assessments, the response to "
                                "long-standing neglect, personal education plans, and supervision and performance "
                                "management.",
    )


def _focused_visit(rng: random.Random, as_of: date, actor) -> Inspection:
    first = _monday(as_of - relativedelta(years=1) + timedelta(days=rng.randint(0, 13)))
    last_day = add_working_days(first, 1)
    return _save(
        actor, kind=InspectionKind.FOCUSED_VISIT, title=f"Focused visit, {first:%B %Y}",
        notified_on=before(first, 5), on_site_from=first, on_site_to=last_day, feedback_on=last_day,
        draft_report_on=add_working_days(last_day, 12), published_on=add_working_days(last_day, 22),
        notes=FOCUSED_VISIT_NOTES,
    )


def _mock(rng: random.Random, as_of: date, actor) -> Inspection:
    first = _monday(as_of - relativedelta(months=3) + timedelta(days=rng.randint(0, 6)))
    last_day = add_working_days(first, 3)
    mock = _save(
        actor, kind=InspectionKind.MOCK, title=f"Mock inspection (peer review), {first:%B %Y}",
        on_site_from=first, on_site_to=last_day, feedback_on=last_day,
        notes="Four days on site with a peer team led by a neighbouring council's assistant director, tracking "
              "children's cases as inspectors would; the council's own audit of 20 cases beside it.",
    )
    framework = framework_in_force(first)
    _judgements(mock, framework, Source.MOCK, last_day, MOCK_JUDGEMENTS, actor, audit=_mock_audit(as_of))
    return mock


def _mock_audit(as_of: date) -> AuditSample | None:
    return (AuditSample.objects.filter(purpose=SamplePurpose.COUNCIL_AUDIT, drawn_on__lte=as_of)
            .order_by("-drawn_on", "-pk").first())


def _judgements(inspection: Inspection, framework_code: str, source: str, judged_on: date,
                judgements: dict[str, tuple[int, str]], actor, audit: AuditSample | None = None) -> JudgementSet:
    """The inspection's judgement set through the service, tied to the inspection as the set form
    opened from the inspection's page ties it (judgements.sets.origins)."""
    framework = Framework.objects.get(code=framework_code)
    codes = {area.code for area in framework.spec.areas}
    report = (inspection.title, reverse("inspections:detail", args=[inspection.pk]))
    links = [report]
    if audit is not None:
        links.append((f"The council's audit: {audit.name}", reverse("audits:sample_detail", args=[audit.pk])))
    entries = {code: Entry(grade=grade, evidence=evidence, links=tuple(links) if code != "overall" else (report,))
               for code, (grade, evidence) in judgements.items() if code in codes}
    recorded_for = origins.parse(f"inspection:{inspection.pk}")
    return judgement_set_create(
        actor=actor, framework=framework, source=source, title=inspection.title, judged_on=judged_on,
        entries=entries, summary=judgements["overall"][1],
        on_saved=recorded_for.attach(actor=actor) if recorded_for else None,
    )
