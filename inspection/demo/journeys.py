"""Each demo child's journey, practice events and flags, written in bulk.

For a batch of children already inserted (with primary keys), ``seed_journeys`` builds every
child's record as plain values (teams.py, care.py, practice.py, flags.py), then inserts the
episodes (those a step follows first, so ``stepped_from`` can point at them), placements,
legal statuses, events and flags with ``bulk_create``. History tables are not written:
``bulk_create`` does not send the signals django-simple-history listens for.

Deterministic: one ``random.Random`` stream, drawn from in the order the children were made.
"""

import random
from dataclasses import dataclass
from datetime import date

from cases.models import Child, Episode, Event, Flag, LegalStatus, Placement, Team, Worker

from . import flags, practice, teams
from .dates import to_date
from .record import Journey

INSERT_BATCH = 2000
EPISODE_DATES = (
    "decision_date", "authorised_date", "conference_date", "assessment_completed_date", "permanent_since",
    "placement_order_date", "matched_date", "placed_date", "adoption_order_date", "decision_reversed_date",
)
EVENT_DATES = ("next_review_date", "end_date", "follow_up_by")


@dataclass
class Staff:
    """Who records: each team's workers' user ids, each worker's user, each team's manager."""

    users: dict[str, list[int]]
    worker_user: dict[int, int]
    manager: dict[str, int]

    @classmethod
    def of(cls, teams_by_name: dict[str, Team], workers: dict[str, list[Worker]]) -> "Staff":
        users = {name: [worker.user_id for worker in team_workers] for name, team_workers in workers.items()}
        worker_user = {worker.pk: worker.user_id for team_workers in workers.values() for worker in team_workers}
        managers = {}
        for name, team in teams_by_name.items():
            manager = team.managers.order_by("pk").first()
            # A team with no manager login: its first worker writes oversight (as practice manager).
            managers[name] = manager.user_id if manager else users[name][0]
        return cls(users=users, worker_user=worker_user, manager=managers)


class RowMaker:
    """Model instances built positionally from a template of defaults: several times faster than
    keyword arguments when a model has forty-odd columns and a row sets a handful."""

    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.model = model
        self.index = {field.attname: number for number, field in enumerate(fields)}
        self.defaults = [field.get_default() for field in fields]

    def __call__(self, values: dict):
        row = self.defaults.copy()
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        return self.model(*row)


@dataclass
class Counts:
    children: int = 0
    episodes: int = 0
    placements: int = 0
    legal_statuses: int = 0
    events: int = 0
    flags: int = 0
    audits: int = 0
    moderated_audits: int = 0


def journey_rng(seed: int) -> random.Random:
    """The journeys' own random stream: drawing from it never changes the children themselves."""
    return random.Random(f"line-of-sight-journeys-{seed}")


def seed_journeys(children: list[Child], team_names: list[str], staff: Staff, rng: random.Random, as_of: date,
                  counts: Counts) -> None:
    """Build and insert the journeys of ``children`` (saved, with pks), whose teams are ``team_names``."""
    today = as_of.toordinal()
    journeys = []
    for child, team in zip(children, team_names):
        journey = Journey(rng, today, child, team, staff)
        teams.build(journey)
        practice.record_practice(journey)
        flags.record_flags(journey)
        journeys.append(journey)
    _store(journeys, counts)


def _store(journeys: list[Journey], counts: Counts) -> None:
    make_episode, make_placement, make_status, make_event, make_flag = (
        RowMaker(model) for model in (Episode, Placement, LegalStatus, Event, Flag)
    )
    by_depth: dict[int, list] = {}
    for journey in journeys:
        child = journey.child
        for episode in journey.eps:
            fields = episode.fields
            for name in EPISODE_DATES:
                if name in fields:
                    fields[name] = to_date(fields[name])
            fields.update(
                child_id=child.pk, stage=episode.stage, start_date=to_date(episode.start),
                end_date=to_date(episode.end), team_id=child.team_id, worker_id=child.worker_id,
                recorded_by_id=journey.user,
            )
            episode.obj = make_episode(fields)
            by_depth.setdefault(episode.depth, []).append(episode)
    for depth in sorted(by_depth):
        episodes = by_depth[depth]
        if depth:
            for episode in episodes:
                episode.obj.stepped_from_id = episode.stepped_from.obj.pk
        Episode.objects.bulk_create([episode.obj for episode in episodes], batch_size=INSERT_BATCH)
        counts.episodes += len(episodes)

    placements, statuses, events, flag_rows = [], [], [], []
    for journey in journeys:
        child_id, user = journey.child.pk, journey.user
        for episode in journey.eps:
            for begin, finish, fields in episode.placements:
                fields.update(episode_id=episode.obj.pk, start_date=to_date(begin), end_date=to_date(finish),
                              recorded_by_id=user)
                placements.append(make_placement(fields))
            for begin, code in episode.legal:
                statuses.append(make_status({"episode_id": episode.obj.pk, "start_date": to_date(begin), "code": code,
                                             "recorded_by_id": user}))
        journey.events.sort(key=_day)
        for kind, day, episode, author, summary, views, extra in journey.events:
            for name in EVENT_DATES:
                if name in extra:
                    extra[name] = to_date(extra[name])
            extra.update(
                child_id=child_id, episode_id=episode.obj.pk if episode is not None else None, kind=kind,
                date=to_date(day), summary=summary, child_views=views, author_id=author,
            )
            events.append(make_event(extra))
        for kind, rows in journey.flags.items():
            for begin, finish, note in rows:
                flag_rows.append(make_flag({"child_id": child_id, "kind": kind, "start_date": to_date(begin),
                                            "end_date": to_date(finish), "note": note, "recorded_by_id": user}))
    for model, rows, name in (
        (Placement, placements, "placements"), (LegalStatus, statuses, "legal_statuses"),
        (Event, events, "events"), (Flag, flag_rows, "flags"),
    ):
        model.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        setattr(counts, name, getattr(counts, name) + len(rows))


def _day(event: tuple) -> int:
    return event[1]


JOURNEY_MODELS = (Event, Flag, Placement, LegalStatus, Episode)  # in an order that deletes safely


def clear_journeys() -> None:
    """Delete every event, flag, placement, legal status and episode, and their history.

    One statement per table (no per-row signals), so a large council clears in seconds. A table
    that something else has come to point at is deleted through the ORM instead, which follows
    (or refuses, for PROTECT) those links as the model says.
    """
    for model in JOURNEY_MODELS:
        for manager in (model.history, model._base_manager):
            queryset = manager.all()
            if manager is model.history or _only_journeys_point_at(model):
                queryset._raw_delete(queryset.db)
            else:
                queryset.delete()


def _only_journeys_point_at(model) -> bool:
    return all(relation.related_model in JOURNEY_MODELS for relation in model._meta.related_objects)
