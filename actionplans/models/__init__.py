"""Action plans: plans, recommendations, actions, progress updates and their evidence."""

from .plans import Action, ActionPlan, PlanSource, ProgressEvidence, ProgressUpdate, Recommendation, RecommendationKind

__all__ = ["Action", "ActionPlan", "PlanSource", "ProgressEvidence", "ProgressUpdate", "Recommendation",
           "RecommendationKind"]
