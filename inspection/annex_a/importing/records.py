"""Rows of an Annex A workbook made into records: children, teams, workers, episodes,
placements, legal statuses and events.

Annex A is a set of lists, not a case record, so some of what a record needs is not in it. What
we do where it is silent (each episode's notes say it came from Annex A):

* Children have no names: "Name not recorded" until a worker adds one.
* Teams and workers are found by name, or added; workers added this way get an account that
  cannot sign in until an administrator sets it up.
* Contacts end the day they were made. A referral with a decision (NFA yes or no) ends the day
  it was made; without one it is open. An assessment ends when it was authorised; a section 47
  enquiry at its initial conference. Where Annex A shows that something has ended but not when
  (an enquiry where a conference was deemed unnecessary; an earlier early help episode), it
  ends on the later of its start and the first day of the list's six months: the earliest end
  the list allows.
* A care leaver's services start the day after their period of care ended, if we hold it; else
  their 18th birthday, or the date the lists were drawn if that is earlier.
* Visits, reviews and checks are recorded as events on the dates given; "seen alone" as given.

Records that match what we already hold are updated, not duplicated: a child by Child Unique
ID; an episode by child, kind and start date; an event by child, kind, date and episode. What we hold is
kept where the workbook is blank or only assumes (see ``Records.episode``); an event we held
before the import matches on child, kind and date whatever episode it was recorded against.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from cases.models import Child, Episode, Event, EventKind, LegalStatus, Placement, Stage, Team, Worker

from .. import carried
from ..common import PLACED_OUT
from ..reading import Row, RowError

NOTE = "Added from the Annex A lists drawn on {as_at:%d/%m/%Y} (List {list}, row {row})."
CHILD_DETAILS = {
    "gender": "Gender", "ethnicity": "Ethnicity", "date_of_birth": "Date of Birth",
    "disability": "Does the Child have a Disability",
}


def yes_no(code: str | None) -> bool | None:
    """ "a) Yes" -> True, "b) No" -> False, blank or "c) Unknown" -> None."""
    return {"a) Yes": True, "b) No": False}.get(code)


@dataclass
class Built:
    """What the import made or changed, for the summary."""

    children_added: int = 0
    children_updated: int = 0
    episodes_added: int = 0
    episodes_updated: int = 0
    events_added: int = 0
    teams_added: list[str] = field(default_factory=list)
    workers_added: list[str] = field(default_factory=list)


class Records:
    """Builds the records for one workbook, inside the caller's transaction."""

    def __init__(self, as_at: date, user, errors: list[RowError], built: Built):
        self.as_at = as_at
        self.window_start = as_at - relativedelta(months=6)
        self.user = user
        self.errors = errors
        self.built = built
        self.children: dict[str, Child] = {}
        self.teams: dict[str, Team] = {}
        self.workers: dict[str, Worker] = {}
        self.episodes: dict[int, list[Episode]] = defaultdict(list)  # by child pk: every episode we hold
        self.events: set[tuple] = set()  # (child pk, kind, date, episode pk) made by this import
        self.held_events: set[tuple] = set()  # (child pk, kind, date) held before it: the same visit or check
        self._workers_by_name: dict[str, Worker] | None = None

    # --- children, teams and workers

    def load_children(self, rows: list[Row]) -> None:
        """Find or add every child named in the workbook, with details agreed across the lists."""
        details: dict[str, dict] = {}
        seen_in: dict[tuple[str, str], Row] = {}
        for row in rows:
            local_id = row["Child Unique ID"]
            child = details.setdefault(local_id, {})
            for name, header in CHILD_DETAILS.items():
                value = row[header]
                if value is None or header not in row.values:
                    continue
                if child.get(name) is None:
                    child[name], seen_in[local_id, name] = value, row
                elif child[name] != value:
                    first = seen_in[local_id, name]
                    shown = f"{value:%d/%m/%Y}" if isinstance(value, date) else value
                    before = f"{child[name]:%d/%m/%Y}" if isinstance(child[name], date) else child[name]
                    self.errors.append(RowError(row.list_number, row.number, header, (
                        f"Child {local_id} has {shown} here but {before} in List {first.list_number} "
                        f"row {first.number}.")))
            if row["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"] == "a) Yes":
                child["unaccompanied_asylum_seeking"] = True
        existing = {}
        ids = list(details)
        for start in range(0, len(ids), 2000):
            existing.update(Child.objects.in_bulk(ids[start:start + 2000], field_name="local_id"))
        new = []
        for local_id, values in details.items():
            child = existing.get(local_id)
            if child is None:
                values.setdefault("disability", "c) Unknown")
                child = Child(local_id=local_id, first_name="", last_name="", **values)
                new.append(child)
            else:
                changed = [name for name, value in values.items() if getattr(child, name) != value]
                if changed:
                    for name in changed:
                        setattr(child, name, values[name])
                    child._change_reason = "Annex A import"
                    child.save()
                    self.built.children_updated += 1
            self.children[local_id] = child
        Child.objects.bulk_create(new, batch_size=1000)
        self.built.children_added = len(new)
        self._load_held(existing.values())

    def _load_held(self, children) -> None:
        pks = [child.pk for child in children]
        for start in range(0, len(pks), 2000):
            chunk = pks[start:start + 2000]
            for episode in Episode.objects.filter(child_id__in=chunk).order_by("start_date", "pk"):
                self.episodes[episode.child_id].append(episode)
            self.held_events.update(Event.objects.filter(child_id__in=chunk).values_list("child_id", "kind", "date"))

    def team(self, name: str | None) -> Team | None:
        if not name:
            return None
        if name not in self.teams:
            team = Team.objects.filter(name__iexact=name).first()
            if team is None:
                team = Team.objects.create(name=name)
                self.built.teams_added.append(name)
            self.teams[name] = team
        return self.teams[name]

    def worker(self, name: str | None, team: Team | None) -> Worker | None:
        if not name:
            return None
        if name not in self.workers:
            self.workers[name] = self._find_worker(name) or self._add_worker(name, team)
        return self.workers[name]

    def _find_worker(self, name: str) -> Worker | None:
        if self._workers_by_name is None:
            self._workers_by_name = {}
            for worker in Worker.objects.select_related("user").order_by("pk"):
                self._workers_by_name.setdefault(str(worker).casefold(), worker)
        return self._workers_by_name.get(name.casefold())

    def _add_worker(self, name: str, team: Team | None) -> Worker:
        first, _, last = name.partition(" ")
        base = slugify(name).replace("-", ".") or "worker"
        username, n = base, 1
        User = get_user_model()
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}.{n}"
        user = User(username=username, first_name=first, last_name=last, is_active=False)
        user.set_unusable_password()
        user.save()
        self.built.workers_added.append(name)
        return Worker.objects.create(user=user, team=team, job_title="Added from Annex A")

    def allocate(self, row: Row) -> tuple[Team | None, Worker | None]:
        team = self.team(row["Allocated Team"])
        return team, self.worker(row["Allocated Worker"], team)

    def set_current_allocation(self, child: Child, row: Row) -> None:
        """The child's allocated team and worker now, from a row for a case open on the as-at date."""
        team, worker = self.allocate(row)
        team = child.team if team is None or _same_name(child.team, team) else team
        worker = child.worker if worker is None or _same_name(child.worker, worker) else worker
        if (child.team_id, child.worker_id) != (getattr(team, "pk", None), getattr(worker, "pk", None)):
            child.team, child.worker = team, worker
            child._change_reason = "Annex A import: allocation"
            child.save(update_fields=["team", "worker"])

    # --- episodes and what hangs off them

    def episode(self, row: Row, stage: str, start: date, *, assumed: dict | None = None, **given) -> Episode:
        """The child's episode of this kind starting on ``start``: updated if we hold it, else added.

        ``given`` are values the workbook states; ``assumed`` are what the import supposes where
        Annex A is silent (an end date, a decision date). A new episode takes both. An episode we
        already hold keeps its own values where the workbook is blank, keeps its team and worker
        if they have the names the workbook gives, and takes an assumed value only where it has
        none: the records we hold know more than Annex A does."""
        assumed = assumed or {}
        child = self.children[row["Child Unique ID"]]
        held = next((episode for episode in self.episodes[child.pk]
                     if episode.stage == stage and episode.start_date == start and not getattr(episode, "_touched", 0)),
                    None)
        if held is None:
            episode = Episode(child=child, stage=stage, start_date=start, recorded_by=self.user,
                              notes=NOTE.format(as_at=self.as_at, list=row.list_number, row=row.number),
                              **assumed, **given)
            episode._touched = 1
            try:
                with transaction.atomic():
                    episode.save()
            except IntegrityError:
                self._reject(row, stage, start)
                return episode
            self.episodes[child.pk].append(episode)
            self.built.episodes_added += 1
            return episode
        changes = {name: value for name, value in given.items()
                   if not _blank(value) and getattr(held, name) != value and not _same_name(getattr(held, name), value)}
        changes.update({name: value for name, value in assumed.items()
                        if not _blank(value) and _blank(getattr(held, name))})
        for name, value in changes.items():
            setattr(held, name, value)
        held._touched = 1
        if changes:
            held._change_reason = "Annex A import"
            try:
                with transaction.atomic():
                    held.save()
            except IntegrityError:
                self._reject(row, stage, start)
                return held
            self.built.episodes_updated += 1
        return held

    def _reject(self, row: Row, stage: str, start: date) -> None:
        self.errors.append(RowError(row.list_number, row.number, None, (
            f"Child {row['Child Unique ID']} would have two open {Stage(stage).label.lower()} episodes: this one "
            f"from {start:%d/%m/%Y} and one already held or listed.")))

    def event(self, child: Child, kind: str, day: date | None, episode: Episode | None = None, **values) -> None:
        if day is None or (episode is not None and episode.pk is None):
            return
        key = (child.pk, kind, day, getattr(episode, "pk", None))
        if key in self.events or key[:3] in self.held_events:
            if values:  # say what the workbook says only where the held event says nothing
                held = Event.objects.filter(child=child, kind=kind, date=day)
                for name, value in values.items():
                    held.filter(**{f"{name}__isnull": True}).update(**{name: value})
            return
        Event.objects.create(child=child, kind=kind, date=day, episode=episode, author=self.user,
                             summary="Recorded from the Annex A lists.", **values)
        self.events.add(key)
        self.built.events_added += 1

    def held(self, child: Child, stage: str) -> list[Episode]:
        return [episode for episode in self.episodes[child.pk] if episode.stage == stage]

    def _child(self, row: Row) -> Child:
        return self.children[row["Child Unique ID"]]

    def _ended_unknown(self, start: date) -> date:
        """An end Annex A implies but does not give: the earliest the list allows."""
        return max(start, self.window_start)

    # --- one method a list

    def contacts(self, rows: list[Row]) -> None:
        for row in rows:
            day = row["Date of Contact"]
            self.episode(row, Stage.CONTACT, day, assumed={"end_date": day}, source=row["Contact Source"] or "")

    def early_help(self, rows: list[Row]) -> None:
        by_child = defaultdict(list)
        for row in rows:
            by_child[row["Child Unique ID"]].append(row)
        for child_rows in by_child.values():
            child_rows.sort(key=lambda row: row["Assessment start date"])
            for index, row in enumerate(child_rows):
                start = row["Assessment start date"]
                latest = index == len(child_rows) - 1
                self.episode(row, Stage.EARLY_HELP, start,
                             assumed={"end_date": None if latest else self._ended_unknown(start)},
                             assessment_completed_date=row["Assessment completion date"],
                             organisation=row["Organisation completing assessment"] or "")

    def referrals(self, rows: list[Row]) -> None:
        for row in rows:
            day, no_further_action = row["Date of referral"], yes_no(row["Referral NFA?"])
            team, worker = self.allocate(row)
            decided = no_further_action is not None
            self.episode(row, Stage.REFERRAL, day,
                         assumed={"end_date": day if decided else None, "decision_date": day if decided else None},
                         source=row["Referral Source"] or "",
                         no_further_action=no_further_action, team=team, worker=worker)

    def assessments(self, rows: list[Row]) -> None:
        for row in rows:
            start, authorised = row["Continuous Assessment Start Date"], row["Continuous Assessment Date of Authorisation"]
            team, worker = self.allocate(row)
            self.episode(
                row, Stage.ASSESSMENT, start,
                assumed={"end_date": max(authorised, self.window_start) if authorised else None},
                child_seen=yes_no(row["Child Seen During Continuous Assessment"]), authorised_date=authorised,
                child_in_need=yes_no(row["Was the child assessed as requiring LA children’s social care support"]),
                team=team, worker=worker,
            )

    def enquiries(self, rows: list[Row]) -> None:
        for row in rows:
            start = row["Strategy discussion initiating Section 47 Enquiry Start Date"]
            not_required = yes_no(row["Was an Initial Child Protection Conference deemed unnecessary?"])
            held = row["Date of Initial Child Protection Conference"]
            end = held or (self._ended_unknown(start) if not_required else None)
            team, worker = self.allocate(row)
            self.episode(
                row, Stage.SECTION_47, start, assumed={"end_date": end}, conference_not_required=not_required,
                conference_date=held,
                conference_led_to_plan=yes_no(
                    row["Did the Initial Child Protection Conference Result in a Child Protection Plan"]),
                team=team, worker=worker,
            )

    def protection_plans(self, rows: list[Row]) -> None:
        for row in rows:
            child, ended = self._child(row), row["Child Protection Plan End Date"]
            team, worker = self.allocate(row)
            if ended is None:
                self.set_current_allocation(child, row)
            plan = self.episode(row, Stage.CHILD_PROTECTION, row["Child Protection Plan Start Date"], end_date=ended,
                                initial_category=row["Initial Category of Abuse"] or "",
                                latest_category=row["Latest Category of Abuse"] or "", team=team, worker=worker)
            alone = row["Was the Child Seen Alone?"]
            self.event(child, EventKind.VISIT, row["Date of the Last Statutory Visit"], plan,
                       child_seen_alone=yes_no(alone), **({"child_seen": False} if alone == "b) No" else {}))
            self.event(child, EventKind.REVIEW_CONFERENCE, row["Date of latest review conference"], plan)

    def children_in_care(self, rows: list[Row]) -> None:
        for row in rows:
            child, ended = self._child(row), row["Date Ceased to be Looked After "]
            team, worker = self.allocate(row)
            if ended is None:
                self.set_current_allocation(child, row)
            care = self.episode(
                row, Stage.LOOKED_AFTER, row["Date Started to be Looked After"], end_date=ended,
                category_of_need=row["Child's Category of Need"] or "",
                permanence_plan=row["What is the permanence plan for this child?"] or "",
                reason_ceased=row["Reason Ceased to be Looked After"] or "", team=team, worker=worker,
            )
            self._legal_status(row, care)
            self._placement(row, care)
            self.event(child, EventKind.LOOKED_AFTER_REVIEW, row["Date of Latest Statutory Review"], care)
            self.event(child, EventKind.VISIT, row["Date of Last Social Work Visit"], care)
            self.event(child, EventKind.HEALTH_ASSESSMENT, row["Date of Last Health Assessment"], care)
            self.event(child, EventKind.DENTAL_CHECK, row["Date of Last Dental Check"], care)
            self._carry(care, {
                carried.LAST_IRO_CONTACT: _iso(row["Date of Last IRO Visit / Contact to the Child"]),
                carried.LA_OF_PLACEMENT: row["LA of Placement"],
            })

    def _legal_status(self, row: Row, care: Episode) -> None:
        status, start = row["Child's Legal Status"], row["Start date of current legal status"]
        if status is None or care.pk is None:
            return
        if start is None:
            self.errors.append(RowError(8, row.number, "Start date of current legal status",
                                        "Give the date the legal status started."))
            return
        if not LegalStatus.objects.filter(episode=care, start_date=start, code=status).exists():
            LegalStatus.objects.create(episode=care, start_date=start, code=status, recorded_by=self.user)

    def _placement(self, row: Row, care: Episode) -> None:
        start = row["Start Date of Most Recent Placement"]
        if start is None or care.pk is None:
            return
        values = dict(
            placement_type=row["Placement Type"] or "", provider=row["Placement Provider"] or "",
            postcode=row["Placement postcode"] or "", urn=row["URN of Placement"] or "",
            out_of_area=row["Placement Location"] == PLACED_OUT,
        )
        updated = Placement.objects.filter(episode=care, start_date=start).update(**values)
        if not updated:
            Placement.objects.create(episode=care, start_date=start, recorded_by=self.user, **values)

    def care_leavers(self, rows: list[Row]) -> None:
        for row in rows:
            child = self._child(row)
            team, worker = self.allocate(row)
            self.set_current_allocation(child, row)
            suitability = row["Suitability of Accommodation"]
            self.episode(
                row, Stage.CARE_LEAVER, self._leaving_care_start(child), eligibility=row["Eligibility Category"] or "",
                in_touch=row["LA In Touch "] or "", accommodation=row["Type of Accommodation"] or "",
                accommodation_suitable=None if suitability is None else suitability == "a) Suitable",
                activity=row["Activity Status"] or "", team=team, worker=worker,
            )

    def _leaving_care_start(self, child: Child) -> date:
        held = [episode for episode in self.held(child, Stage.CARE_LEAVER) if episode.end_date is None]
        if held:
            return held[-1].start_date
        ended = [episode.end_date for episode in self.held(child, Stage.LOOKED_AFTER)
                 if episode.end_date is not None and episode.end_date < self.as_at]
        if ended:
            return max(ended) + timedelta(days=1)
        return min(child.date_of_birth + relativedelta(years=18), self.as_at)

    def adoptions(self, rows: list[Row]) -> None:
        for row in rows:
            ordered, reversed_on = row["Date of Adoption Order "], row[
                "Date of Decision that Child Should No Longer be Placed for Adoption"]
            adoption = self.episode(
                row, Stage.ADOPTION, row["Date of Decision that Child Should be Placed for Adoption"],
                end_date=ordered or reversed_on, placement_order_date=row["Date of Placement Order"],
                matched_date=row["Date of Matching Child and Prospective Adopters"],
                placed_date=row["Date Placed for Adoption"], adoption_order_date=ordered,
                decision_reversed_date=reversed_on,
                reversal_reason=row["Reason Why Child No Longer Placed for Adoption"] or "",
            )
            self._carry(adoption, {carried.FAMILY_IDENTIFIER: row["Family identifier"]})

    def _carry(self, episode: Episode, figures: dict) -> None:
        """Keep figures on the episode (None removes one)."""
        if episode.pk is None:
            return
        current = dict(episode.history_not_held or {})
        for key, value in figures.items():
            if value is None or value is False or (value == 0 and key not in carried.KEPT_WHEN_ZERO):
                current.pop(key, None)
            else:
                current[key] = value
        if any(key != carried.IMPORTED_AS_AT for key in current):
            current[carried.IMPORTED_AS_AT] = self.as_at.isoformat()
        else:
            current = {}
        if current != episode.history_not_held:
            episode.history_not_held = current
            episode._change_reason = "Annex A import: history not held"
            episode.save(update_fields=["history_not_held"])

    def add_child_in_need_plan(self, row: Row, start: date, end: date | None, need: str | None,
                               reason: str | None) -> Episode:
        team, worker = self.allocate(row)
        return self.episode(row, Stage.CHILD_IN_NEED, start, end_date=end, primary_need=need or "",
                            closure_reason=(reason or "") if end else "", team=team, worker=worker)


def _blank(value) -> bool:
    return value is None or value == ""


def _same_name(held, given) -> bool:
    """A held team or worker with the name the workbook gives (names are all Annex A has)."""
    return isinstance(held, (Team, Worker)) and isinstance(given, (Team, Worker)) and \
        str(held).casefold() == str(given).casefold()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
