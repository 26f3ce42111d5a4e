"""Models of the cases app: people (teams, workers, children, access log), the journey
(episodes, placements, legal statuses) and events (visits, reviews, plans...), flags and settings."""

from .events import CouncilSettings, Event, EventKind, Flag, FlagKind
from .journey import ONE_OPEN_AT_A_TIME, Episode, LegalStatus, Placement, Stage
from .people import AccessLogEntry, Child, Team, Worker
from .summaries import CaseSummary, DueWork

__all__ = [
    "AccessLogEntry", "CaseSummary", "Child", "CouncilSettings", "DueWork", "Episode", "Event", "EventKind", "Flag", "FlagKind",
    "LegalStatus", "ONE_OPEN_AT_A_TIME", "Placement", "Stage", "Team", "Worker",
]
