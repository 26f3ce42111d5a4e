"""Reads for the cases app, always scoped to the user asking.

scope.py: who may see which children; record.py: one child's record and what is due;
caseloads.py: caseloads and stuck cases worked out live; summaries.py: a team's caseload and
the stuck cases read a page at a time from the rows cases/summaries.py keeps.
"""

from .caseloads import (
    caseload_children_for_team,
    caseload_children_for_worker,
    caseload_rows,
    drift_for_children,
    stuck_cases,
    worker_counts_for_team,
)
from .record import (
    ChildRecordRows,
    change_history_for_child,
    child_record_rows,
    chronology_for_child,
    due_for_child,
    due_for_children,
    journey_for_child,
    open_flags_for_child,
)
from .scope import (
    access_log_for_child,
    access_log_visible_to,
    child_for_user,
    children_visible_to,
    open_episode_exists,
    restricted_child_behind_glass,
    team_ids_for_worker,
    teams_visible_to,
    worker_for_user,
    workers_visible_to,
)
from .summaries import stuck_cases_page, summaries_worked_out_at, team_caseload_page

__all__ = [
    "ChildRecordRows", "access_log_for_child", "access_log_visible_to", "caseload_children_for_team",
    "caseload_children_for_worker", "caseload_rows", "change_history_for_child", "child_for_user",
    "child_record_rows", "children_visible_to", "chronology_for_child", "drift_for_children", "due_for_child", "due_for_children",
    "journey_for_child", "open_episode_exists", "open_flags_for_child", "restricted_child_behind_glass",
    "stuck_cases", "stuck_cases_page", "summaries_worked_out_at", "team_caseload_page", "team_ids_for_worker", "teams_visible_to", "worker_counts_for_team", "worker_for_user",
    "workers_visible_to",
]
