"""The inspection readiness report for managers: per judgement area the figures against their
targets with their trends, the case audit grades, the latest self-assessed, mock and Ofsted grades
and the open actions; the front door; the children inspectors look at closely (missing, at risk
of exploitation, living out of area, disabled, care leavers' accommodation and activity); and
caseloads. report.py builds it; selectors.py holds its counting reads."""

from .report import ReadinessReport

__all__ = ["ReadinessReport"]
