"""Recording and correcting a child's journey, events, flags, placements and legal statuses:
who may record, what a good entry saves, and what a bad one shows back."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.codes import CategoryOfAbuse, LegalStatusCode, LookedAfterNeed, PlacementProvider, PlacementType
from cases.forms import EVENT_FIELDS, STAGE_FIELDS
from cases.models import Episode, Event, EventKind, Flag, FlagKind, LegalStatus, Placement, Stage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_MONTH = TODAY - timedelta(days=30)


def dated(name: str, day: date) -> dict:
    """A date as the GOV.UK date input posts it: day, month and year in three fields."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def child_url(child) -> str:
    return reverse("cases:child_detail", args=[child.pk])


@pytest.fixture
def record(child_a, practitioner):
    """child_a with an open child protection plan, an open looked-after episode, a visit and a flag."""
    episode = lambda stage, **codes: Episode.objects.create(  # noqa: E731
        child=child_a, stage=stage, start_date=LAST_MONTH, recorded_by=practitioner, **codes
    )
    protection = episode(Stage.CHILD_PROTECTION, initial_category=CategoryOfAbuse.NEGLECT)
    looked_after = episode(Stage.LOOKED_AFTER, category_of_need=LookedAfterNeed.N1)
    visit = services.event_save(actor=practitioner, child=child_a, event=Event(date=LAST_MONTH), kind=EventKind.VISIT)
    flag = services.flag_save(actor=practitioner, child=child_a, flag=Flag(kind=FlagKind.DOMESTIC_ABUSE, start_date=LAST_MONTH))
    return {"child": child_a, "protection": protection, "looked_after": looked_after, "visit": visit, "flag": flag}


def recording_urls(record) -> dict[str, str]:
    pk = record["child"].pk
    return {
        "episode_add": reverse("cases:episode_add", args=[pk, Stage.CHILD_PROTECTION]),
        "episode_edit": reverse("cases:episode_edit", args=[pk, record["protection"].pk]),
        "event_add": reverse("cases:event_add", args=[pk, EventKind.VISIT]),
        "event_edit": reverse("cases:event_edit", args=[pk, record["visit"].pk]),
        "flag_add": reverse("cases:flag_add", args=[pk]),
        "flag_edit": reverse("cases:flag_edit", args=[pk, record["flag"].pk]),
        "placement_add": reverse("cases:placement_add", args=[pk, record["looked_after"].pk]),
        "legal_status_add": reverse("cases:legal_status_add", args=[pk, record["looked_after"].pk]),
    }


URL_NAMES = ["episode_add", "episode_edit", "event_add", "event_edit", "flag_add", "flag_edit", "placement_add", "legal_status_add"]
VALID_POSTS = {
    "episode_add": {**dated("start_date", TODAY), **dated("end_date", TODAY), "initial_category": CategoryOfAbuse.NEGLECT},
    "event_add": {**dated("date", TODAY), "summary": "Posted"},
    "flag_add": {"kind": FlagKind.PRIVATE_FOSTERING, **dated("start_date", TODAY)},
    "legal_status_add": {**dated("start_date", TODAY), "code": LegalStatusCode.C1},
    "placement_add": {**dated("start_date", TODAY), "placement_type": PlacementType.U4, "provider": PlacementProvider.PR1},
}


def record_counts() -> tuple:
    return tuple(model.objects.count() for model in (Episode, Event, Flag, Placement, LegalStatus))


# --- who may record -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", URL_NAMES)
def test_signed_out_visitor_is_sent_to_sign_in_from_every_recording_page(client, record, name):
    url = recording_urls(record)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={url}"


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator", "auditor"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_roles_that_do_not_record_are_refused_every_recording_page_and_nothing_is_saved(
    client, request, record, fixture_name, name
):
    client.force_login(request.getfixturevalue(fixture_name))
    url = recording_urls(record)[name]
    before = record_counts()
    assert client.get(url).status_code == 403
    assert client.post(url, VALID_POSTS.get(name, {})).status_code == 403
    assert record_counts() == before


@pytest.mark.parametrize("name", URL_NAMES)
def test_practitioner_in_another_team_gets_not_found_on_every_recording_page_and_nothing_is_saved(
    client, practitioner_b, record, name
):
    client.force_login(practitioner_b)
    url = recording_urls(record)[name]
    before = record_counts()
    response = client.get(url)
    assert (response.status_code, "Ahmed" in response.content.decode()) == (404, False)
    assert client.post(url, VALID_POSTS.get(name, {})).status_code == 404
    assert record_counts() == before


@pytest.mark.parametrize("name", URL_NAMES)
def test_practitioner_in_the_team_can_open_every_recording_page(client, practitioner, record, name):
    client.force_login(practitioner)
    response = client.get(recording_urls(record)[name])
    assert (response.status_code, "Ava Ahmed" in response.content.decode()) == (200, True)


@pytest.mark.parametrize("name", list(VALID_POSTS))
def test_the_same_posts_from_a_practitioner_in_the_team_save_one_record(client, practitioner, record, name):
    client.force_login(practitioner)
    before = sum(record_counts())
    response = client.post(recording_urls(record)[name], VALID_POSTS[name])
    assert (response.status_code, response["Location"]) == (302, child_url(record["child"]))
    assert sum(record_counts()) == before + 1


# --- episodes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", list(STAGE_FIELDS))
def test_every_stage_of_the_journey_has_a_form(client, practitioner, child_a, stage):
    client.force_login(practitioner)
    response = client.get(reverse("cases:episode_add", args=[child_a.pk, stage]))
    assert (response.status_code, 'name="start_date_0"' in response.content.decode()) == (200, True)


def test_recording_a_child_protection_plan_saves_it_and_returns_to_the_record_with_a_message(
    client, practitioner, child_a, team_a
):
    client.force_login(practitioner)
    response = client.post(
        reverse("cases:episode_add", args=[child_a.pk, Stage.CHILD_PROTECTION]),
        {**dated("start_date", LAST_MONTH), "initial_category": CategoryOfAbuse.NEGLECT},
    )
    assert response.status_code == 302
    assert response["Location"] == child_url(child_a)
    plan = Episode.objects.get()
    assert (plan.child, plan.stage, plan.start_date, plan.end_date) == (child_a, Stage.CHILD_PROTECTION, LAST_MONTH, None)
    assert (plan.initial_category, plan.recorded_by, plan.team) == (CategoryOfAbuse.NEGLECT, practitioner, team_a)
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Child protection plan recorded."]
    page = client.get(child_url(child_a)).content.decode()
    assert "Child protection plan recorded." in page
    assert "Child protection plan started" in page


def test_an_unknown_stage_is_not_found(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.post(reverse("cases:episode_add", args=[child_a.pk, "witness_protection"]), dated("start_date", TODAY))
    assert response.status_code == 404
    assert not Episode.objects.exists()


def test_correcting_a_plans_end_date_keeps_both_versions_in_the_history(client, practitioner, team_manager, child_a):
    plan = services.episode_save(
        actor=practitioner, child=child_a, stage=Stage.CHILD_PROTECTION,
        episode=Episode(start_date=LAST_MONTH, initial_category=CategoryOfAbuse.NEGLECT),
    )
    client.force_login(team_manager)
    response = client.post(
        reverse("cases:episode_edit", args=[child_a.pk, plan.pk]),
        {
            **dated("start_date", LAST_MONTH), "initial_category": CategoryOfAbuse.NEGLECT,
            **dated("end_date", TODAY), "end_reason": "Plan no longer needed",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason, plan.recorded_by) == (TODAY, "Plan no longer needed", practitioner)
    versions = list(plan.history.order_by("history_date", "history_id"))
    assert [(v.end_date, v.history_user, v.history_change_reason) for v in versions] == [
        (None, practitioner, "Recorded"), (TODAY, team_manager, "Corrected"),
    ]


# --- events -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(EVENT_FIELDS))
def test_every_kind_of_event_has_a_form(client, practitioner, child_a, kind):
    client.force_login(practitioner)
    response = client.get(reverse("cases:event_add", args=[child_a.pk, kind]))
    assert (response.status_code, 'name="date_0"' in response.content.decode()) == (200, True)


def test_recording_a_visit_saves_it_with_its_author_and_shows_the_childs_views_in_the_chronology(
    client, practitioner, child_a
):
    client.force_login(practitioner)
    response = client.post(
        reverse("cases:event_add", args=[child_a.pk, EventKind.VISIT]),
        {**dated("date", TODAY), "child_seen": "True", "child_seen_alone": "True", "child_views": "Ava wants her cat back"},
    )
    assert response.status_code == 302
    assert response["Location"] == child_url(child_a)
    visit = Event.objects.get()
    assert (visit.child, visit.kind, visit.date, visit.author) == (child_a, EventKind.VISIT, TODAY, practitioner)
    assert (visit.child_seen, visit.child_seen_alone, visit.child_views) == (True, True, "Ava wants her cat back")
    page = client.get(child_url(child_a), {"show": "visits"}).content.decode()
    assert "Visit recorded." in page
    assert "Ava wants her cat back" in page
    assert "by Practitioner Tester" in page


def test_an_unknown_kind_of_event_is_not_found(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.post(reverse("cases:event_add", args=[child_a.pk, "birthday_party"]), dated("date", TODAY))
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_a_visit_dated_before_the_child_was_born_is_shown_back_with_the_error_and_not_saved(
    client, practitioner, child_a
):
    client.force_login(practitioner)
    response = client.post(
        reverse("cases:event_add", args=[child_a.pk, EventKind.VISIT]),
        {**dated("date", date(2014, 6, 1)), "child_seen": "True", "child_views": "Says school is going well"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The date must be on or after the child&#x27;s date of birth (1 March 2015)" in page
    assert "Says school is going well" in page
    assert 'value="2014"' in page
    assert not Event.objects.exists()


def test_correcting_someone_elses_visit_keeps_the_original_author(client, practitioner, team_manager, record):
    visit, child = record["visit"], record["child"]
    client.force_login(team_manager)
    response = client.post(
        reverse("cases:event_edit", args=[child.pk, visit.pk]),
        {**dated("date", LAST_MONTH), "child_seen": "False", "summary": "Visit: nobody answered the door"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.author, visit.summary, visit.child_seen) == (practitioner, "Visit: nobody answered the door", False)
    assert [v.history_user for v in visit.history.order_by("history_date", "history_id")] == [practitioner, team_manager]


# --- flags --------------------------------------------------------------------------------------


def test_adding_a_flag_saves_it_and_shows_it_on_the_record(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.post(
        reverse("cases:flag_add", args=[child_a.pk]),
        {"kind": FlagKind.PRIVATE_FOSTERING, **dated("start_date", LAST_MONTH), "note": "Staying with an aunt"},
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.child, flag.kind, flag.start_date, flag.recorded_by) == (child_a, FlagKind.PRIVATE_FOSTERING, LAST_MONTH, practitioner)
    assert "Private fostering" in client.get(child_url(child_a)).content.decode()


def test_ending_a_flag_records_its_end_date_and_takes_it_off_the_open_flags(client, practitioner, child_a):
    flag = services.flag_save(
        actor=practitioner, child=child_a, flag=Flag(kind=FlagKind.DOMESTIC_ABUSE, start_date=LAST_MONTH)
    )
    client.force_login(practitioner)
    assert list(client.get(child_url(child_a)).context["flags"]) == [flag]
    response = client.post(
        reverse("cases:flag_edit", args=[child_a.pk, flag.pk]),
        {"kind": FlagKind.DOMESTIC_ABUSE, **dated("start_date", LAST_MONTH), **dated("end_date", TODAY)},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.end_date == TODAY
    assert list(client.get(child_url(child_a)).context["flags"]) == []


# --- placements and legal statuses --------------------------------------------------------------


def test_recording_a_placement_on_a_looked_after_episode(client, practitioner, record):
    child, episode = record["child"], record["looked_after"]
    client.force_login(practitioner)
    response = client.post(
        reverse("cases:placement_add", args=[child.pk, episode.pk]),
        {**dated("start_date", LAST_MONTH), "placement_type": PlacementType.U4, "provider": PlacementProvider.PR1,
         "provider_name": "Hill Farm carers", "postcode": "LS1 4AP"},
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.episode, placement.placement_type, placement.recorded_by) == (episode, PlacementType.U4, practitioner)
    assert placement.out_of_area is False


@pytest.mark.parametrize("view_name", ["cases:placement_add", "cases:legal_status_add"])
def test_placements_and_legal_statuses_cannot_be_added_to_a_child_protection_plan(client, practitioner, record, view_name):
    client.force_login(practitioner)
    url = reverse(view_name, args=[record["child"].pk, record["protection"].pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {**dated("start_date", TODAY), "code": LegalStatusCode.C1,
                                 "placement_type": PlacementType.U4, "provider": PlacementProvider.PR1})
    assert response.status_code == 404
    assert not Placement.objects.exists() and not LegalStatus.objects.exists()


def test_an_episode_of_another_child_cannot_be_reached_through_this_childs_address(
    client, practitioner, record, make_child, team_a
):
    sibling = make_child(team_a, first_name="Sam")
    client.force_login(practitioner)
    assert client.get(reverse("cases:episode_edit", args=[sibling.pk, record["protection"].pk])).status_code == 404
    assert client.get(reverse("cases:placement_add", args=[sibling.pk, record["looked_after"].pk])).status_code == 404
    assert client.get(reverse("cases:event_edit", args=[sibling.pk, record["visit"].pk])).status_code == 404
