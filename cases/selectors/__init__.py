"""Reads for the cases app, always scoped to the user asking.

scope.py: who may see which children; children.py: the children list a page at a time; record.py: one child's record and what is due;
caseloads.py: caseloads and stuck cases worked out live; summaries.py: a team's caseload and
the stuck cases read a page at a time from the rows cases/summaries.py keeps; access_log.py: the
whole access log in order, to check its chain and export it; retention.py: closed records due
for retention review.
"""

from .access_log import access_log_chain_entries, access_log_in_batches, access_log_verify
from .caseloads import (
    caseload_children_for_team,
    caseload_children_for_worker,
    caseload_rows,
    drift_for_children,
    stuck_cases,
    worker_counts_for_team,
)
from .children import ChildrenListPage, children_list_page
from .record import (
    ChildRecordRows,
    change_history_for_child,
    child_record_rows,
    chronology_for_child,
    chronology_page_for_child,
    chronology_pending_for_child,
    due_for_child,
    due_for_children,
    journey_for_child,
    open_flags_for_child,
)
from .retention import (
    children_due_for_retention_review,
    retention_children_for,
    retention_position,
    retention_review_page,
)
from .scope import (
    access_log_for_child,
    access_log_visible_to,
    child_for_user,
    children_hidden_from,
    children_visible_to,
    open_episode_exists,
    restricted_child_behind_glass,
    team_ids_for_worker,
    teams_in_sight,
    teams_of_worker,
    teams_visible_to,
    worker_for_user,
    workers_visible_to,
)
from .summaries import stuck_cases_page, summaries_worked_out_at, team_caseload_page, worker_caseload_page

__all__ = [
    "ChildRecordRows", "ChildrenListPage", "access_log_chain_entries", "access_log_for_child", "access_log_in_batches",
    "access_log_verify", "children_due_for_retention_review", "retention_children_for", "retention_position",
    "retention_review_page", "access_log_visible_to", "caseload_children_for_team",
    "caseload_children_for_worker", "caseload_rows", "change_history_for_child", "child_for_user",
    "child_record_rows", "children_hidden_from", "children_list_page", "children_visible_to", "chronology_for_child", "chronology_page_for_child", "chronology_pending_for_child", "drift_for_children", "due_for_child", "due_for_children",
    "journey_for_child", "open_episode_exists", "open_flags_for_child", "restricted_child_behind_glass",
    "stuck_cases", "stuck_cases_page", "summaries_worked_out_at", "team_caseload_page", "team_ids_for_worker", "teams_in_sight", "teams_of_worker", "teams_visible_to", "worker_caseload_page", "worker_counts_for_team", "worker_for_user",
    "workers_visible_to",
]
