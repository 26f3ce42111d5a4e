"""The safeguarding board: governance, reviews, audits, training, challenge, data and the annual report."""

from .business import (
    AnnualReport, AnnualReportCheck, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview,
    TrainingAttendance, TrainingEvent,
)
from .governance import Attendance, AttendanceStatus, Board, Meeting, Member, Subgroup

__all__ = [
    "AnnualReport", "AnnualReportCheck", "Attendance", "AttendanceStatus", "Board", "Challenge", "Meeting", "Member",
    "MultiAgencyAudit", "PerformanceReport", "SafeguardingReview", "Subgroup", "TrainingAttendance", "TrainingEvent",
]
