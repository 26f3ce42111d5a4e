"""Action plan pages: plans and their recommendations (plans.py), actions and the lists of them
(actions.py), progress updates and their evidence (progress.py)."""

from .actions import action_create, action_detail, action_edit, action_from_origin, action_list, my_actions
from .plans import plan_create, plan_detail, plan_edit, plan_list, recommendation_create, recommendation_edit
from .progress import evidence_download, progress_add

__all__ = [
    "action_create", "action_detail", "action_edit", "action_from_origin", "action_list", "evidence_download",
    "my_actions", "plan_create", "plan_detail", "plan_edit", "plan_list", "progress_add", "recommendation_create",
    "recommendation_edit",
]
