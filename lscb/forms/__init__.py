"""Forms for the safeguarding board (GOV.UK Design System). Each checks the board's own rules in
``clean`` (dates in order, nothing recorded as done in the future, every member's attendance
given) so that a bad entry is shown back with its errors and nothing is saved."""

from .business import (
    AnnualReportForm, ChallengeForm, MultiAgencyAuditForm, PerformanceReportForm, ReviewForm, TrainingEventForm,
)
from .governance import BoardForm, MeetingForm, MemberForm, SubgroupForm

__all__ = [
    "AnnualReportForm", "BoardForm", "ChallengeForm", "MeetingForm", "MemberForm", "MultiAgencyAuditForm",
    "PerformanceReportForm", "ReviewForm", "SubgroupForm", "TrainingEventForm",
]
