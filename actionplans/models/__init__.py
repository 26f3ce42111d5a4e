"""Action plans: plans, recommendations, actions, progress updates and their evidence."""

from .plans import Action, ActionPlan, PlanSource, ProgressEvidence, ProgressUpdate, Recommendation, RecommendationKind
from .reminders import ActionReminder

__all__ = ["Action", "ActionPlan", "ActionReminder", "PlanSource", "ProgressEvidence", "ProgressUpdate",
           "Recommendation", "RecommendationKind"]
