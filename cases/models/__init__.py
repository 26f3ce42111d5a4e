"""Models of the cases app: people (teams, workers, children, access log), the journey
(episodes, placements, legal statuses) and events (visits, reviews, plans...), flags and settings,
and retention review decisions."""

from .events import CouncilSettings, Event, EventKind, Flag, FlagKind
from .journey import ONE_OPEN_AT_A_TIME, Episode, LegalStatus, Placement, Stage
from .people import AccessLogEntry, Child, Team, Worker
from .retention import RetentionReview
from .summaries import CaseSummary, DueWork, WorkerCaseload

__all__ = [
    "AccessLogEntry", "CaseSummary", "Child", "CouncilSettings", "DueWork", "WorkerCaseload", "Episode", "Event", "EventKind", "Flag", "FlagKind",
    "LegalStatus", "ONE_OPEN_AT_A_TIME", "Placement", "RetentionReview", "Stage", "Team", "Worker",
]
