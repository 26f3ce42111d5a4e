"""A believable demo council: teams, workers, one login per role, and children with their
journeys, practice events and flags (inspection/demo/journeys.py), and the safeguarding board
(inspection/demo/lscb.py).

Deterministic: the same ``seed`` and ``as_of`` date give the same council, row for row.
Children are bulk-inserted in batches, each batch followed by its journeys, so an
authority-sized council seeds quickly.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from cases.codes import Disability, Gender
from cases.models import AccessLogEntry, Child, Team, Worker
from cases.services import case_summaries_refresh
from inspection.dashboards.services import figures_refresh
from inspection.models import FigureSnapshot, ReportJob
from inspection.roles import Role

from . import names
from .audits import clear_audits, seed_audits
from .journeys import Counts, Staff, clear_journeys, journey_rng, seed_journeys
from .lscb import clear_board, seed_board
from .readiness import clear_readiness, seed_readiness

BATCH = 5000

# (team name, service area, share of children, youngest, oldest)
TEAMS = [
    ("Front Door", "Contact, referral and multi-agency safeguarding hub", 8, 0, 17),
    ("Assessment North", "Assessment and section 47 enquiries", 10, 0, 17),
    ("Assessment South", "Assessment and section 47 enquiries", 10, 0, 17),
    ("Child Protection 1", "Child in need and child protection", 14, 0, 17),
    ("Child Protection 2", "Child in need and child protection", 14, 0, 17),
    ("Disabled Children", "Children with disabilities", 6, 0, 17),
    ("Children in Care", "Looked after children and permanence", 20, 0, 17),
    ("Leaving Care", "Care leavers aged 16 to 25", 10, 16, 21),
    ("Early Help", "Early help and family support", 8, 0, 17),
]
MIN_WORKERS_PER_TEAM = 6
# Enough social workers for caseloads near the council's standard at any size: about half of a
# team's seeded children are open at a time, and a worker aims to hold about 18.
OPEN_SHARE, CASELOAD_AIM = 0.5, 18


def workers_per_team(children: int, share: int) -> int:
    """How many social workers a team gets for a council of ``children``: 6 at demo size, about
    550 for the Children in Care team of a 100,000-child council."""
    return max(MIN_WORKERS_PER_TEAM, math.ceil(children * share / 100 * OPEN_SHARE / CASELOAD_AIM))


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    team: str


# One login per role: (username, first name, last name, role, home team or None, managed teams)
DEMO_LOGINS = [
    ("practitioner", "Priya", "Shah", Role.PRACTITIONER, "Child Protection 1", []),
    ("team.manager", "Gareth", "Holt", Role.TEAM_MANAGER, "Child Protection 1", ["Child Protection 1", "Child Protection 2"]),
    ("auditor", "Helen", "Marsden", Role.AUDITOR, None, []),
    ("senior.manager", "Amanda", "Sutcliffe", Role.SENIOR_MANAGER, None, []),
    ("councillor", "Maureen", "Bateson", Role.ELECTED_MEMBER, None, []),
    ("admin", "Stephen", "Lomax", Role.ADMINISTRATOR, None, []),
    ("board.member", "Mark", "Doyle", Role.BOARD_MEMBER, None, []),
]


def seed_demo(*, children: int, seed: int, as_of: date, password: str, replace: bool) -> tuple[list[DemoLogin], Counts]:
    """Create the demo council. Returns the logins and the counts of rows created now
    (all zero when children already existed and were left alone)."""
    rng = random.Random(seed)
    counts = Counts()
    with transaction.atomic():
        if replace:
            _clear()
        teams = _teams()
        workers_by_team = _workers(teams, rng, children)
        logins = _logins(teams, password)
        seed_board(rng=random.Random(f"line-of-sight-board-{seed}"), as_of=as_of)
        if not Child.objects.exists():
            staff = Staff.of(teams, workers_by_team)
            _children(children, teams, workers_by_team, rng, as_of, journeys=(staff, journey_rng(seed), counts))
            audited = seed_audits(rng=random.Random(f"line-of-sight-audits-{seed}"), as_of=as_of)
            counts.audits, counts.moderated_audits = audited.audits, audited.moderated
        seed_readiness(rng=random.Random(f"line-of-sight-readiness-{seed}"), as_of=as_of)
    case_summaries_refresh(today=as_of)  # what is due and what is drifting, for caseloads and stuck cases
    figures_refresh(today=as_of)  # the dashboards' figures for the day and the twelve month ends before it
    return logins, counts


def _clear() -> None:
    FigureSnapshot.objects.all().delete()  # and the children behind them: worked out again once seeded
    clear_readiness()
    clear_board()
    clear_audits()
    clear_journeys()
    # The whole access log goes with the council it is about, so the next entry is numbered 1 again
    # and chained to the start (cases/access_chain.py): the new demo's log verifies.
    AccessLogEntry.objects.all().delete()
    ReportJob.objects.all().delete()
    Child.named_workers.through.objects.all().delete()
    _delete_children()
    Child.history.all().delete()
    Team.managers.through.objects.all().delete()
    users = [worker.user_id for worker in Worker.objects.all()]
    Worker.objects.all().delete()
    get_user_model().objects.filter(pk__in=users).delete()
    get_user_model().objects.filter(username__in=[login[0] for login in DEMO_LOGINS]).delete()
    Team.objects.all().delete()


def _delete_children() -> None:
    """Every child. When nothing points at a child any more (the journeys are gone), one DELETE
    statement: the ORM's delete would load each child and write a history row for it, which
    takes minutes for an authority-sized council. Otherwise the ORM's delete, which cascades or
    refuses as the models say."""
    children = Child._base_manager.all()
    pointing = [relation.related_model for relation in Child._meta.related_objects]
    pointing += [field.remote_field.through for field in Child._meta.many_to_many]
    if any(model._base_manager.exists() for model in pointing):
        children.delete()
    else:
        children._raw_delete(children.db)


def _teams() -> dict[str, Team]:
    teams = {}
    for name, area, *_ in TEAMS:
        teams[name], _ = Team.objects.get_or_create(name=name, defaults={"service_area": area})
    return teams


def _workers(teams: dict[str, Team], rng: random.Random, children: int) -> dict[str, list[Worker]]:
    User = get_user_model()
    practitioners = Group.objects.get(name=Role.PRACTITIONER.label)
    workers: dict[str, list[Worker]] = {}
    for index, (name, _area, share, *_rest) in enumerate(TEAMS):
        team = teams[name]
        workers[name] = []
        for number in range(workers_per_team(children, share)):
            username = f"worker.{index + 1}.{number + 1}"
            user, made = User.objects.get_or_create(
                username=username,
                defaults={"first_name": rng.choice(names.WORKER_FIRST), "last_name": rng.choice(names.WORKER_LAST)},
            )
            if made:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(practitioners)
            worker, _ = Worker.objects.get_or_create(user=user, defaults={"team": team, "job_title": "Social worker"})
            workers[name].append(worker)
    return workers


def _logins(teams: dict[str, Team], password: str) -> list[DemoLogin]:
    User = get_user_model()
    logins = []
    for username, first, last, role, home, managed in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.set_password(password)
        user.is_staff = role == Role.ADMINISTRATOR
        user.save()
        user.groups.set([Group.objects.get(name=role.label)])
        if role not in (Role.ELECTED_MEMBER, Role.BOARD_MEMBER):  # not council staff
            title = role.label if role != Role.PRACTITIONER else "Social worker"
            worker, _ = Worker.objects.update_or_create(
                user=user, defaults={"team": teams.get(home) if home else None, "job_title": title}
            )
            for team_name in managed:
                teams[team_name].managers.add(worker)
        scope = home or {
            Role.AUDITOR: "All teams", Role.SENIOR_MANAGER: "All teams",
            Role.ELECTED_MEMBER: "Aggregate reports only", Role.ADMINISTRATOR: "Users and teams only",
            Role.BOARD_MEMBER: "Safeguarding board business only",
        }[role]
        logins.append(DemoLogin(username=username, role=role, team=scope))
    return logins


def _children(count: int, teams: dict[str, Team], workers: dict[str, list[Worker]], rng: random.Random, as_of: date,
              journeys: tuple[Staff, random.Random, Counts] | None = None) -> int:
    """Create ``count`` children in batches; with ``journeys`` (staff, the journeys' random
    stream, counts), each batch's journeys, events and flags follow it."""
    team_names = [name for name, *_ in TEAMS]
    team_weights = [share for _, _, share, _, _ in TEAMS]
    age_range = {name: (young, old) for name, _, _, young, old in TEAMS}
    ethnicities = list(names.ETHNICITY_WEIGHTS)
    ethnicity_weights = list(names.ETHNICITY_WEIGHTS.values())
    restricted_links = []
    batch: list[Child] = []
    batch_teams: list[str] = []
    created = 0

    def flush() -> int:
        made = Child.objects.bulk_create(batch)
        if journeys is not None:
            staff, journey_random, counts = journeys
            seed_journeys(made, batch_teams, staff, journey_random, as_of, counts)
            counts.children += len(made)
        return len(made)

    for number in range(count):
        team_name = rng.choices(team_names, team_weights)[0]
        youngest, oldest = age_range[team_name]
        age_days = rng.randint(youngest * 365 + 30, oldest * 365 + 330)
        gender = rng.choices([Gender.MALE, Gender.FEMALE, Gender.NOT_STATED, Gender.NEITHER], [50, 48, 1.5, 0.5])[0]
        first_pool = names.BOYS if gender == Gender.MALE else names.GIRLS if gender == Gender.FEMALE else names.NEUTRAL
        allocated = rng.random() > 0.04
        worker = rng.choice(workers[team_name]) if allocated else None
        out_of_area = team_name in {"Children in Care", "Leaving Care"} and rng.random() < 0.3
        district = rng.choice(names.OUT_OF_AREA_DISTRICTS if out_of_area else names.POSTCODE_DISTRICTS)
        restricted = rng.random() < 0.005 and worker is not None
        batch.append(
            Child(
                local_id=f"{100001 + number}",
                first_name=rng.choice(first_pool),
                last_name=rng.choice(names.SURNAMES),
                date_of_birth=as_of - timedelta(days=age_days),
                gender=gender,
                ethnicity=rng.choices(ethnicities, ethnicity_weights)[0],
                disability=Disability.YES if team_name == "Disabled Children" else rng.choices(
                    [Disability.YES, Disability.NO, Disability.UNKNOWN], [8, 85, 7]
                )[0],
                unaccompanied_asylum_seeking=team_name in {"Children in Care", "Leaving Care"} and rng.random() < 0.08,
                postcode=f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                out_of_area=out_of_area,
                team=teams[team_name] if allocated or rng.random() < 0.5 else None,
                worker=worker,
                restricted=restricted,
            )
        )
        batch_teams.append(team_name)
        if restricted:
            restricted_links.append((f"{100001 + number}", worker.pk))
        if len(batch) >= BATCH:
            created += flush()
            batch, batch_teams = [], []
    if batch:
        created += flush()
    if restricted_links:
        ids = dict(Child.objects.filter(local_id__in=[local for local, _ in restricted_links]).values_list("local_id", "pk"))
        Child.named_workers.through.objects.bulk_create(
            [Child.named_workers.through(child_id=ids[local], worker_id=worker) for local, worker in restricted_links]
        )
    return created
