"""Bad input gets a clear error on the form and saves nothing; good input saves with its author.

Dates are posted as the GOV.UK date input posts them: day, month and year in ``<name>_0``,
``<name>_1`` and ``<name>_2``.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.codes import CategoryOfAbuse, PlacementProvider, PlacementType
from cases.forms import FlagForm, PlacementForm, episode_form_class, event_form_class
from cases.models import Episode, Event, EventKind, Flag, FlagKind, Placement, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(child_a):
    """Ava Ahmed, born 1 March 2015, read back from the database as a view would (so her date of
    birth is a date: make_child passes it to create() as text)."""
    child_a.refresh_from_db()
    return child_a


def date_parts(name: str, day: date | None = None, *, parts: tuple = ()) -> dict[str, str]:
    """The three POST keys for one date: from a real date, or typed parts (day, month, year)."""
    values = parts or (day.day, day.month, day.year)
    return {f"{name}_{i}": str(value) for i, value in enumerate(values)}


def visit_form(child, **data):
    return event_form_class(EventKind.VISIT)(data, child=child, kind=EventKind.VISIT, instance=Event(child=child))


def episode_form(child, stage, **data):
    return episode_form_class(stage)(data, child=child, stage=stage, instance=Episode(child=child, stage=stage))


def open_plan(child, user, start=date(2024, 1, 15)):
    return Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=start,
                                  initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user)


def plan_data(start: date, end: date | None = None) -> dict[str, str]:
    data = {**date_parts("start_date", start), "initial_category": CategoryOfAbuse.NEGLECT}
    if end:
        data.update(date_parts("end_date", end))
    return data


# --- Visits ---------------------------------------------------------------------------------------


def test_a_visit_dated_before_the_child_was_born_is_refused_and_nothing_is_saved(child):
    form = visit_form(child, **date_parts("date", date(2015, 2, 28)), child_seen="True")
    assert not form.is_valid()
    assert "on or after the child's date of birth (1 March 2015)" in form.errors["date"][0]
    assert Event.objects.count() == 0


def test_a_visit_on_the_day_the_child_was_born_is_accepted(child):
    assert visit_form(child, **date_parts("date", date(2015, 3, 1)), child_seen="True").is_valid()


def test_a_visit_dated_tomorrow_is_refused(child):
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = visit_form(child, **date_parts("date", tomorrow))
    assert not form.is_valid()
    assert form.errors["date"] == ["The date must be today or in the past"]


def test_a_child_seen_alone_but_not_seen_is_refused(child):
    form = visit_form(child, **date_parts("date", date(2024, 5, 1)), child_seen="False", child_seen_alone="True")
    assert not form.is_valid()
    assert form.errors["child_seen_alone"] == ["A child who was not seen cannot have been seen alone"]
    assert Event.objects.count() == 0


def test_a_visit_with_no_date_asks_for_the_date_of_the_visit(child):
    form = visit_form(child, child_seen="True")
    assert not form.is_valid()
    assert form.errors["date"] == ["Enter the date of the visit"]


def test_31_february_is_not_a_real_date(child):
    form = visit_form(child, **date_parts("date", parts=(31, 2, 2024)))
    assert not form.is_valid()
    assert form.errors["date"] == ["Enter a real date"]


def test_a_two_digit_year_must_be_written_with_4_numbers(child):
    form = visit_form(child, **date_parts("date", parts=(1, 5, 24)))
    assert not form.is_valid()
    assert form.errors["date"] == ["The year must include 4 numbers"]


def test_a_visit_before_the_plan_it_belongs_to_started_is_refused(child, practitioner):
    plan = open_plan(child, practitioner, start=date(2024, 1, 15))
    form = visit_form(child, **date_parts("date", date(2024, 1, 14)), episode=str(plan.pk))
    assert not form.is_valid()
    assert form.errors["date"] == ["The date must be on or after the child protection plan started (15 January 2024)"]


def test_a_valid_visit_saves_with_its_author_the_open_plan_and_a_history_row_naming_the_actor(child, practitioner):
    plan = open_plan(child, practitioner)
    Episode.objects.create(child=child, stage=Stage.CHILD_IN_NEED, start_date=date(2023, 6, 1),
                           end_date=date(2024, 1, 14), recorded_by=practitioner)
    offered = visit_form(child)  # the episode the officer sees chosen when the form opens
    assert offered.fields["episode"].initial == plan.pk

    form = visit_form(child, **date_parts("date", date(2024, 5, 1)), child_seen="True", child_seen_alone="True",
                      child_views="Said school was better", episode=str(offered.fields["episode"].initial))
    assert form.is_valid(), form.errors
    services.event_save(actor=practitioner, child=child, event=form.instance, kind=EventKind.VISIT)

    event = Event.objects.get()
    assert (event.child, event.kind, event.date, event.author) == (child, "visit", date(2024, 5, 1), practitioner)
    assert event.episode == plan
    assert (event.child_seen, event.child_seen_alone) == (True, True)
    history = event.history.get()
    assert history.history_user == practitioner
    assert history.history_change_reason == "Recorded"


def test_a_correction_keeps_the_original_author_and_records_who_corrected_it(child, practitioner, team_manager):
    event = services.event_save(actor=practitioner, child=child, kind=EventKind.VISIT,
                                event=Event(date=date(2024, 5, 1), child_seen=True))
    form = event_form_class(EventKind.VISIT)(
        {**date_parts("date", date(2024, 5, 2)), "child_seen": "True"}, child=child, kind=EventKind.VISIT, instance=event
    )
    assert form.is_valid(), form.errors
    services.event_save(actor=team_manager, child=child, event=form.instance, kind=EventKind.VISIT)
    event.refresh_from_db()
    assert (event.date, event.author) == (date(2024, 5, 2), practitioner)
    latest = event.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason) == (team_manager, "Corrected")


# --- Episodes -------------------------------------------------------------------------------------


def test_a_child_protection_plan_ending_before_it_started_is_refused(child):
    form = episode_form(child, Stage.CHILD_PROTECTION, **plan_data(date(2024, 3, 10), date(2024, 3, 9)))
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date must be the same as or after the start date"]
    assert Episode.objects.count() == 0


def test_a_child_protection_plan_ending_the_day_it_started_is_accepted(child):
    assert episode_form(child, Stage.CHILD_PROTECTION, **plan_data(date(2024, 3, 10), date(2024, 3, 10))).is_valid()


def test_an_assessment_authorised_tomorrow_is_refused(child):
    today = timezone.localdate()
    form = episode_form(child, Stage.ASSESSMENT, **date_parts("start_date", today - timedelta(days=7)),
                        **date_parts("authorised_date", today + timedelta(days=1)))
    assert not form.is_valid()
    assert form.errors["authorised_date"] == ["The date must be today or in the past"]
    assert Episode.objects.count() == 0


def test_an_assessment_authorised_today_is_accepted(child):
    today = timezone.localdate()
    form = episode_form(child, Stage.ASSESSMENT, **date_parts("start_date", today - timedelta(days=7)),
                        **date_parts("authorised_date", today))
    assert form.is_valid(), form.errors


def test_a_second_open_child_protection_plan_is_refused_and_the_first_stays_the_only_one(child, practitioner):
    first = open_plan(child, practitioner)
    form = episode_form(child, Stage.CHILD_PROTECTION, **plan_data(date(2024, 6, 1)))
    assert not form.is_valid()
    [message] = form.non_field_errors()
    assert "Ava Ahmed already has an open child protection plan" in message
    assert list(Episode.objects.all()) == [first]


def test_a_new_plan_is_accepted_once_the_previous_one_has_ended(child, practitioner):
    open_plan(child, practitioner, start=date(2023, 1, 2))
    Episode.objects.update(end_date=date(2023, 12, 1))
    assert episode_form(child, Stage.CHILD_PROTECTION, **plan_data(date(2024, 6, 1))).is_valid()


def test_correcting_the_open_plan_is_not_a_second_open_plan(child, practitioner):
    plan = open_plan(child, practitioner)
    form = episode_form_class(Stage.CHILD_PROTECTION)(
        plan_data(date(2024, 1, 16)), child=child, stage=Stage.CHILD_PROTECTION, instance=plan
    )
    assert form.is_valid(), form.errors


# --- Flags and placements -------------------------------------------------------------------------


def flag_data(start: date, end: date | None = None) -> dict[str, str]:
    data = {"kind": FlagKind.DOMESTIC_ABUSE, **date_parts("start_date", start)}
    if end:
        data.update(date_parts("end_date", end))
    return data


def test_a_second_open_flag_of_the_same_kind_is_refused(child, practitioner):
    Flag.objects.create(child=child, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2024, 1, 1), recorded_by=practitioner)
    form = FlagForm(flag_data(date(2024, 5, 1)), child=child, instance=Flag(child=child))
    assert not form.is_valid()
    assert form.errors["kind"] == ["Ava Ahmed already has this flag open"]
    assert Flag.objects.count() == 1


def test_an_ended_flag_of_the_same_kind_can_be_recorded_alongside_an_open_one(child, practitioner):
    Flag.objects.create(child=child, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2024, 1, 1), recorded_by=practitioner)
    form = FlagForm(flag_data(date(2022, 1, 1), date(2022, 6, 1)), child=child, instance=Flag(child=child))
    assert form.is_valid(), form.errors


def test_a_placement_ending_before_it_started_is_refused(child, practitioner):
    care = Episode.objects.create(child=child, stage=Stage.LOOKED_AFTER, start_date=date(2024, 1, 8), recorded_by=practitioner)
    data = {**date_parts("start_date", date(2024, 2, 1)), **date_parts("end_date", date(2024, 1, 31)),
            "placement_type": PlacementType.U6, "provider": PlacementProvider.PR1}
    form = PlacementForm(data, child=child, instance=Placement(episode=care))
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date must be the same as or after the start date"]
    assert Placement.objects.count() == 0


# --- The services are a backstop when a form is bypassed ----------------------------------------


def test_the_service_refuses_a_second_open_child_protection_plan_and_saves_nothing(child, practitioner):
    def new_plan():
        return Episode(start_date=date(2024, 1, 15), initial_category=CategoryOfAbuse.NEGLECT)

    services.episode_save(actor=practitioner, child=child, episode=new_plan(), stage=Stage.CHILD_PROTECTION)
    with pytest.raises(ValidationError) as refused:
        services.episode_save(actor=practitioner, child=child, episode=new_plan(), stage=Stage.CHILD_PROTECTION)
    assert "This child already has an open episode of this kind." in refused.value.messages
    assert Episode.objects.count() == 1
    assert Episode.history.count() == 1


def test_the_service_refuses_a_missing_episode_returning_before_it_began(child, practitioner):
    event = Event(date=date(2024, 5, 2), end_date=date(2024, 5, 1))
    with pytest.raises(ValidationError) as refused:
        services.event_save(actor=practitioner, child=child, event=event, kind=EventKind.MISSING_EPISODE)
    assert "The end date must be on or after the date." in refused.value.messages
    assert Event.objects.count() == 0
