"""Reads for the members' dashboard: aggregates only. The council-wide figures with small numbers
suppressed (disclosure.py), the latest Ofsted judgements and how the action plans stand. Nothing
here names, numbers or dates a child. A fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from actionplans import selectors as action_plan_selectors
from actionplans.selectors import Counts
from judgements.models import JudgementSet, Source
from judgements.sets import selectors as judgement_selectors


@dataclass(frozen=True)
class OfstedJudgements:
    judgement_set: JudgementSet
    rows: list  # judgements.sets.selectors.AreaRow, in the framework's order


def latest_ofsted_judgements() -> OfstedJudgements | None:
    """The council's latest Ofsted inspection judgements, area by area: three queries."""
    latest = (judgement_selectors.judgement_sets().filter(source=Source.OFSTED)
              .order_by("-judged_on", "-pk").first())
    if latest is None:
        return None
    return OfstedJudgements(latest, list(judgement_selectors.area_rows(latest)))


@dataclass(frozen=True)
class ActionPlanTotals:
    plans: list  # actionplans.selectors.PlanRow: each plan with the RAG counts of its actions
    totals: Counts


def action_plan_totals(*, today: date) -> ActionPlanTotals:
    """Each action plan with how many of its actions are on track, at risk, off track, not
    started or complete today, and the totals across every plan: two queries."""
    rows = action_plan_selectors.plan_rows(today=today)
    totals = Counts()
    for row in rows:
        for status, count in row.counts.by_status.items():
            totals.by_status[status] += count
        totals.overdue += row.counts.overdue
    return ActionPlanTotals(plans=rows, totals=totals)
