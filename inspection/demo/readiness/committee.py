"""The demo council's committee paper: a draft performance report to the scrutiny committee, written
the way the seeds' papers are (seed 000's Halton paper to its policy and performance board, seed
002's update to all members), so the committee pages and the members' PDF have a paper to show.
The figures are not written here: the PDF fills them from the dashboards when it is produced."""

from datetime import date

from dateutil.relativedelta import relativedelta

from inspection.committee.forms import EQUALITY_DUTY
from inspection.committee.services import committee_report_create
from inspection.models import CommitteeReport

PURPOSE = (
    "To update Members on the performance of children's social care against the council's targets, on the "
    "quality of practice found by case audits, and on progress with the action plan that answers the last "
    "Ofsted inspection, so that Members can scrutinise the service's readiness for its next inspection."
)
RECOMMENDATIONS = (
    "Members note the performance of children's social care set out in section 3.\n"
    "Members note the progress of the improvement action plan and the actions off track.\n"
    "Members receive a further report at the next meeting of the committee."
)
SUPPORTING = (
    "The council's children's services were last inspected under Ofsted's inspection of local authority "
    "children's services (ILACS) framework and judged to require improvement to be good. The council must "
    "expect its next standard inspection within three years of that judgement.\n\n"
    "Inspectors look first at the help and protection children receive, at the experiences and progress of "
    "children in care and care leavers, and at the difference leaders make. The figures below are the ones "
    "senior managers review each month, set against the targets the council has chosen, with case audit "
    "findings beside them: inspectors have asked councils to report children's experiences, not only "
    "compliance with timescales.\n\n"
    "Where a figure is based on fewer than five children it is not shown, so that no child can be identified."
)
RISK = (
    "If the weaknesses identified in the last inspection are not addressed, the council risks a judgement of "
    "inadequate at its next inspection, with government intervention to follow. The improvement action plan, "
    "monitored monthly by senior managers and reported to this committee, manages that risk."
)
PRIORITIES = (
    "Keeping children and young people safe is one of the council's priorities. The work reported here also "
    "bears on the health and community safety priorities, through the partners who share the safeguarding "
    "of children: the police, health services and schools."
)
BACKGROUND = (
    "Ofsted inspection report of the council's children's services, available on Ofsted's website\n"
    "Improvement action plan, available from the Director of Children's Services"
)


def clear_committee_papers() -> None:
    CommitteeReport._base_manager.all().delete()
    CommitteeReport.history.all().delete()


def seed_committee_paper(*, as_of: date, actor) -> CommitteeReport | None:
    """One draft paper for the next meeting (about three weeks after ``as_of``), when there is none."""
    if CommitteeReport.objects.exists():
        return None
    paper = CommitteeReport(
        report_to="Children and Young People Scrutiny Committee",
        meeting_date=as_of + relativedelta(weeks=3),
        reporting_officer="Director of Children's Services",
        portfolio="Children, Young People and Families",
        subject="Children's social care: performance and readiness for inspection",
        wards="All wards",
        purpose=PURPOSE,
        recommendations=RECOMMENDATIONS,
        supporting_information=SUPPORTING,
        policy_implications="None arising directly from this report.",
        financial_implications="There are no financial implications arising directly from this report.",
        legal_implications=(
            "Section 137 of the Education and Inspections Act 2006 requires the council, following an inspection "
            "report, to prepare a written statement of the action it proposes to take and the period within which it "
            "proposes to take it. The improvement action plan is that statement."
        ),
        priorities_implications=PRIORITIES,
        risk_analysis=RISK,
        equality_and_diversity=EQUALITY_DUTY,
        background_papers=BACKGROUND,
        figures_as_at=as_of,
    )
    return committee_report_create(actor=actor, report=paper)
