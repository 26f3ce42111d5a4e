"""Reads for the safeguarding board: its members by agency, meetings and attendance rates, reviews
with their deadlines, the business registers, annual reports, the judgements of the board and the
dashboard.

Everything here is board business: nothing reads a child's record (a review is known by its
reference), so board members from partner agencies may see all of it. Each reader runs a fixed
number of queries, however much the board has recorded.
"""

from .business import (
    LSCB_AREA, WORKING_DAY_RULES, CheckLine, DeadlineRow, TrainingByAgency, annual_report_detail, annual_reports,
    audits, board_judgements, challenges, checklist, deadline_rows, performance_reports, reference_names_a_child,
    review_detail, reviews, training_by_agency, training_events,
)
from .dashboard import Dashboard, dashboard
from .governance import (
    LAY_MEMBERS_EXPECTED, AgencyMembers, AttendanceRates, AttendanceRow, Period, Rate, agencies, attendance_rates, last_twelve_months,
    meeting_detail, meetings, members_by_agency, members_for_meeting, subgroups, the_board,
)

__all__ = [
    "LAY_MEMBERS_EXPECTED", "LSCB_AREA", "WORKING_DAY_RULES", "AgencyMembers", "AttendanceRates", "AttendanceRow", "CheckLine", "Dashboard",
    "DeadlineRow", "Period", "Rate", "TrainingByAgency", "agencies", "annual_report_detail", "annual_reports",
    "attendance_rates", "audits", "board_judgements", "challenges", "checklist", "dashboard", "deadline_rows",
    "last_twelve_months", "meeting_detail", "meetings", "members_by_agency", "members_for_meeting",
    "performance_reports", "reference_names_a_child", "review_detail", "reviews", "subgroups", "the_board",
    "training_by_agency", "training_events",
]
