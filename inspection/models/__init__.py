"""Inspection app models: report jobs and case audits (inspections and Annex A follow)."""

from .annex_a_imports import AnnexAImport
from .audits import (
    DEFAULT_SAMPLE_SIZES,
    AuditDomain,
    AuditSample,
    AuditTemplate,
    CaseAudit,
    DomainGrade,
    DomainModeration,
    Finding,
    Moderation,
    SampleMember,
    SamplePurpose,
)
from .committee import CommitteeReport
from .dashboards import FigureMember, FigureSnapshot, FigureTarget
from .inspections import Inspection, InspectionKind
from .reports import ReportJob, report_upload_path
from .self_evaluation import SelfEvaluation, SelfEvaluationVersion

__all__ = [
    "AnnexAImport", "CommitteeReport", "FigureMember", "FigureSnapshot", "FigureTarget", "DEFAULT_SAMPLE_SIZES", "AuditDomain", "AuditSample", "AuditTemplate", "CaseAudit", "DomainGrade",
    "DomainModeration", "Finding", "Inspection", "InspectionKind", "Moderation", "ReportJob", "SampleMember", "SamplePurpose", "SelfEvaluation",
    "SelfEvaluationVersion", "report_upload_path",
]
