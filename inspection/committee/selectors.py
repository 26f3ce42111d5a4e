"""Reads for committee reports: which papers a user may see (officers every paper, drafts and
issued; elected members only those issued to them: a draft is not found), the PDF behind a paper,
and the paper's figures as at its date. Each reader runs a fixed number of queries however many
children, audits or actions the council holds: the figures come from the dashboard's stored
snapshots and from counts, never from a child's record."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from actionplans import selectors as plan_selectors
from actionplans.rules import Status
from judgements.grades import Grade
from judgements.models import JudgementSet, Source
from judgements.sets import selectors as judgement_selectors

from ..dashboards.selectors import dashboard_figures
from ..judgement_evidence import figures as evidence_figures
from ..judgement_evidence import selectors as evidence_selectors
from ..models import CommitteeReport, FigureSnapshot, ReportJob
from . import figures, paper

OFFICER_PERMISSION = "inspection.change_committeereport"


def is_officer(user) -> bool:
    """Officers write, produce and issue papers; everyone else with view_committeereport reads
    those issued."""
    return user.has_perm(OFFICER_PERMISSION)


def reports_visible_to(*, user) -> QuerySet[CommitteeReport]:
    reports = CommitteeReport.objects.select_related("created_by", "issued_by")
    return reports if is_officer(user) else reports.filter(status=CommitteeReport.Status.ISSUED)


def report_for(*, user, pk: int) -> CommitteeReport:
    """One paper the user may see (404 for a member asking for a draft)."""
    return get_object_or_404(reports_visible_to(user=user), pk=pk)


def jobs_for(report: CommitteeReport) -> QuerySet[ReportJob]:
    """The PDFs produced from this paper, newest first."""
    return ReportJob.objects.filter(kind=ReportJob.Kind.COMMITTEE, parameters__report=report.pk).select_related(
        "requested_by")


def latest_ready_job(report: CommitteeReport) -> ReportJob | None:
    return jobs_for(report).filter(status=ReportJob.Status.READY).exclude(file="").first()


def latest_job(report: CommitteeReport) -> ReportJob | None:
    return jobs_for(report).first()


def pdf_is_current(report: CommitteeReport, job: ReportJob | None) -> bool:
    """The PDF was produced from the paper as it stands: nothing was saved after it was started."""
    return bool(job and job.started_at and job.started_at >= report.updated_at)


# --- the figures ----------------------------------------------------------------------------------


def figures_day(*, on_or_before: date) -> date | None:
    """The day of the council-wide figures nearest on or before the paper's date: one query."""
    return (FigureSnapshot.objects.filter(team__isnull=True, as_at__lte=on_or_before)
            .order_by("-as_at").values_list("as_at", flat=True).first())


@dataclass(frozen=True)
class JudgementRow:
    area: str
    grade: str
    within: bool  # a graded judgement within a key judgement (shown indented)


@dataclass(frozen=True)
class JudgementTable:
    heading: str  # "Ofsted's latest judgements"
    title: str
    judged_on: date
    framework: str
    rows: list[JudgementRow]


def _judgement_table(heading: str, judgement_set: JudgementSet | None) -> JudgementTable | None:
    if judgement_set is None:
        return None
    rows = [JudgementRow(area=row.area.name, grade=Grade(row.judgement.grade).label if row.judgement.grade else "Not graded",
                         within=row.within)
            for row in judgement_selectors.area_rows(judgement_set)]
    return JudgementTable(heading=heading, title=judgement_set.title, judged_on=judgement_set.judged_on,
                          framework=judgement_set.framework.name, rows=rows)


def latest_judgements(*, on_or_before: date) -> list[JudgementTable]:
    """Ofsted's latest judgements and the council's latest self-assessment made on or before the
    day (judgements app, read only): four queries."""
    tables = []
    for heading, source in (("Ofsted's latest judgements", Source.OFSTED),
                            ("The council's latest self-assessment", Source.SELF_ASSESSMENT)):
        latest = (judgement_selectors.judgement_sets().filter(source=source, judged_on__lte=on_or_before)
                  .order_by("-judged_on", "-pk").first())
        table = _judgement_table(heading, latest)
        if table:
            tables.append(table)
    return tables


@dataclass(frozen=True)
class PaperFigures:
    """Everything section 3 of the paper shows after the officer's narrative."""

    as_at: date  # the paper's "figures as at" date
    performance: figures.Performance
    judgements: list[JudgementTable]
    plans: figures.ActionPlanProgress
    audits: figures.AuditGrades

    withheld_note: str = figures.WITHHELD_NOTE

    @property
    def as_at_words(self) -> str:
        return f"{self.as_at:%-d %B %Y}"


def paper_figures(*, as_at: date) -> PaperFigures:
    """The paper's figures: the dashboard's as at the nearest day on or before ``as_at`` (four
    queries), the latest judgements (four), action plan progress (two) and case audit grades for
    the twelve months to ``as_at`` (four). Aggregates only."""
    day = figures_day(on_or_before=as_at)
    performance = figures.performance(dashboard_figures(as_at=day)) if day else figures.Performance(None, None, [])
    facts = evidence_selectors.audit_facts(today=as_at)
    counts = evidence_figures.GradeCounts.of(audit.grade for audit in facts.audits)
    audits = figures.audit_grades(labels=[grade.label for grade in Grade], counts=counts.counts, period=str(facts.period))
    plans = figures.action_plan_progress(
        statuses=Status.CHOICES, complete=Status.COMPLETE,
        plans=[(row.plan.title, row.counts.by_status, row.counts.overdue)
               for row in plan_selectors.plan_rows(today=as_at)],
    )
    return PaperFigures(as_at=as_at, performance=performance, judgements=latest_judgements(on_or_before=as_at),
                        plans=plans, audits=audits)


# --- the whole paper ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    """The paper as members read it, on screen and in the PDF: the officer's narrative numbered
    section by section, and section 3's figures after the narrative as numbered sub-sections."""

    report: CommitteeReport
    sections: dict[int, paper.Section]
    recommendations: list[tuple[str, str]]
    background_papers: list[str]
    figures: PaperFigures

    @property
    def supporting(self) -> paper.Section:
        return self.sections[paper.SUPPORTING]

    @property
    def subsections(self) -> dict[str, str]:
        """The numbers of section 3's figure sub-sections, after the narrative's paragraphs."""
        first = self.supporting.next_number
        names = ["performance", "judgements", "plans", "audits"]
        return {name: f"3.{first + offset}" for offset, name in enumerate(names)}

    @property
    def purpose(self) -> paper.Section:
        return self.sections[paper.PURPOSE]

    @property
    def implications(self) -> list[paper.Section]:
        """Sections 4 to 10: policy, financial, legal and other implications, the council's
        priorities, risk, and equality and diversity."""
        return [self.sections[number] for number in range(4, 11)]


def paper_for(report: CommitteeReport) -> Paper:
    """The paper with its figures as at its "figures as at" date: a fixed number of queries."""
    return Paper(report=report, sections=paper.narrative(report),
                 recommendations=paper.recommendations(report.recommendations),
                 background_papers=paper.lines(report.background_papers),
                 figures=paper_figures(as_at=report.figures_as_at))
