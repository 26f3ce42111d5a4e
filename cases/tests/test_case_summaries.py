"""What is due and what is drifting, worked out and kept (cases/summaries.py) and read a page at a
time (selectors/summaries.py): the kept answer must be the live rules' answer, kept fresh as
records change, and paged without skipping or repeating anyone."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.codes import CategoryOfAbuse, PlacementProvider, PlacementType
from cases.models import CaseSummary, Child, DueWork, Episode, Event, EventKind, Placement, Stage
from cases.selectors import (
    caseload_children_for_team,
    caseload_rows,
    stuck_cases,
    stuck_cases_page,
    team_caseload_page,
    worker_caseload_page,
    worker_counts_for_team,
)
from cases.summaries import case_summaries_refresh
from cases.tasks import refresh_case_summaries
from inspection.roles import Role

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 12)  # a Wednesday
REALLY_TODAY = timezone.localdate()  # what recording a record works its child out against
WORK_OUT_AGAIN_URL = reverse("caseload:work_out_again")
STUCK_URL = reverse("stuck_cases")


def episode(child, user, stage, start: date, **fields) -> Episode:
    return Episode.objects.create(child=child, stage=stage, start_date=start, recorded_by=user, **fields)


def event(child, plan, user, kind, day: date) -> Event:
    return Event.objects.create(child=child, episode=plan, kind=kind, date=day, author=user)


@pytest.fixture
def council(make_child, make_user, team_a, team_b, practitioner):
    """Children in every state a caseload or the panel meets, in two teams."""
    colleague = make_user("colleague", Role.PRACTITIONER, team_a)
    worker = practitioner.worker
    children = {}

    def child(name, team=team_a, **fields):
        children[name] = make_child(team, last_name=name, **fields)
        return children[name]

    # A child protection plan never visited: late, and drifting.
    episode(child("Evans", worker=worker), practitioner, Stage.CHILD_PROTECTION, date(2024, 1, 15),
            initial_category=CategoryOfAbuse.NEGLECT)
    # A plan visited lately, with a visit due in the next few days.
    plan = episode(child("Adams", worker=worker), practitioner, Stage.CHILD_PROTECTION, date(2024, 5, 1),
                   initial_category=CategoryOfAbuse.NEGLECT)
    event(children["Adams"], plan, practitioner, EventKind.VISIT, date(2024, 6, 3))
    # A referral decided today, a referral still waiting, an assessment running.
    episode(child("Brown", worker=colleague.worker), practitioner, Stage.REFERRAL, TODAY - timedelta(days=1))
    episode(child("Clark"), practitioner, Stage.ASSESSMENT, date(2024, 5, 20))
    # Looked after in a placement, with a review held and a panel that met.
    looked_after = episode(child("Dixon", worker=worker, date_of_birth=date(2012, 4, 4)), practitioner,
                           Stage.LOOKED_AFTER, date(2023, 3, 1))
    Placement.objects.create(episode=looked_after, start_date=date(2023, 3, 1), placement_type=PlacementType.U1,
                             provider=PlacementProvider.PR1, recorded_by=practitioner)
    event(children["Dixon"], looked_after, practitioner, EventKind.LOOKED_AFTER_REVIEW, date(2023, 3, 20))
    event(children["Dixon"], looked_after, practitioner, EventKind.PANEL_DECISION, date(2024, 1, 10))
    # A care leaver, an early help plan going nowhere, a plan that ended, and nothing open at all.
    episode(child("Fisher", date_of_birth=date(2006, 1, 1)), practitioner, Stage.CARE_LEAVER, date(2024, 1, 2))
    episode(child("Green"), practitioner, Stage.EARLY_HELP, date(2023, 10, 2))
    episode(child("Hughes"), practitioner, Stage.CHILD_IN_NEED, date(2023, 1, 2), end_date=date(2023, 6, 1))
    child("Irving")
    # A child protection plan open for more than two years in the other team.
    plan = episode(child("Jones", team=team_b), practitioner, Stage.CHILD_PROTECTION, date(2022, 1, 10),
                   initial_category=CategoryOfAbuse.EMOTIONAL_ABUSE)
    event(children["Jones"], plan, practitioner, EventKind.VISIT, date(2024, 6, 5))
    return children


def due_list(items) -> list[tuple[str, date]]:
    return [(item.what, item.due) for item in items]


def comparable(rows) -> list[tuple]:
    return [
        (row["child"].pk, row["stages"], due_list(row["late"]), due_list(row["soon"]),
         (row["next"].what, row["next"].due) if row["next"] else None, row["worst_overdue"])
        for row in rows
    ]


# --- The kept answer is the live rules' answer ------------------------------------------------------


def test_a_teams_kept_caseload_is_the_live_caseload_in_the_same_order(council, senior_manager, team_a):
    case_summaries_refresh(today=TODAY)
    kept = team_caseload_page(user=senior_manager, team=team_a, today=TODAY, per_page=100)
    live = caseload_rows(children=caseload_children_for_team(user=senior_manager, team=team_a), today=TODAY)
    assert comparable(kept["rows"]) == comparable(live)
    assert kept["rows"][0]["child"].last_name == "Dixon"  # never visited in the placement: the longest late
    assert (kept["total"], kept["late_count"], kept["soon_count"]) == (
        len(live), sum(bool(row["late"]) for row in live), sum(bool(row["soon"]) for row in live))
    live_counts = worker_counts_for_team(rows=live, team=team_a)
    kept_counts = [(entry["worker"], entry["children"], entry["late"], entry["soon"]) for entry in kept["worker_counts"]]
    assert sorted(kept_counts, key=str) == sorted(
        ((str(entry["worker"]) if entry["worker"] else None, entry["children"], entry["late"], entry["soon"])
         for entry in live_counts), key=str)
    allocated = [children for worker, children, _late, _soon in kept_counts if worker is not None]
    assert allocated == sorted(allocated, reverse=True) and kept_counts[-1][0] is None  # largest first, then unallocated


def test_whether_work_is_late_is_decided_on_the_day_the_page_is_shown(council, senior_manager, team_a):
    case_summaries_refresh(today=TODAY)
    a_month_on = TODAY + timedelta(days=30)
    kept = team_caseload_page(user=senior_manager, team=team_a, today=a_month_on, per_page=100)
    adams = next(row for row in kept["rows"] if row["child"].last_name == "Adams")
    assert [item.what for item in adams["late"]] == ["Child protection visit"]  # due 17 June, so late by July


def test_the_kept_stuck_cases_are_the_live_stuck_cases_in_the_same_order(council, senior_manager, team_manager):
    case_summaries_refresh(today=TODAY)
    for user in (senior_manager, team_manager):
        kept = stuck_cases_page(user=user, per_page=100)
        live = stuck_cases(user=user, today=TODAY)
        as_tuples = lambda rows: [(row["child"].pk, row["reasons"], row["since"], row["last_panel"]) for row in rows]  # noqa: E731
        assert as_tuples(kept["rows"]) == as_tuples(live)
        assert kept["total"] == len(live)
    names = [row["child"].last_name for row in stuck_cases_page(user=senior_manager, per_page=100)["rows"]]
    assert names == ["Green", "Fisher", "Dixon", "Evans", "Jones"]  # the longest stuck first, every team


def test_children_with_nothing_open_keep_no_rows_and_a_closed_plan_loses_them(council, practitioner):
    case_summaries_refresh(today=TODAY)
    kept = set(CaseSummary.objects.values_list("child__last_name", flat=True))
    assert kept == {"Evans", "Adams", "Brown", "Clark", "Dixon", "Fisher", "Green", "Jones"}
    Episode.objects.filter(child=council["Green"]).update(end_date=TODAY)
    result = case_summaries_refresh(today=TODAY)
    assert not CaseSummary.objects.filter(child=council["Green"]).exists()
    assert not DueWork.objects.filter(child=council["Green"]).exists()
    assert result.children == 7


def test_working_out_again_replaces_the_rows_rather_than_adding_to_them(council):
    first = case_summaries_refresh(today=TODAY)
    second = case_summaries_refresh(today=TODAY)
    assert (first.children, first.due_work, first.stuck) == (second.children, second.due_work, second.stuck)
    assert DueWork.objects.count() == second.due_work
    assert CaseSummary.objects.count() == second.children


def test_working_out_one_teams_children_leaves_the_others_alone(council, team_b):
    case_summaries_refresh(team_ids=[team_b.pk], today=TODAY)
    assert list(CaseSummary.objects.values_list("child__last_name", flat=True)) == ["Jones"]


# --- Kept fresh as records change -------------------------------------------------------------------


def test_recording_a_visit_works_the_childs_line_out_again_at_once(make_child, team_a, practitioner):
    child = make_child(team_a, last_name="Kemp")
    plan = episode(child, practitioner, Stage.CHILD_PROTECTION, REALLY_TODAY - timedelta(weeks=20),
                   initial_category=CategoryOfAbuse.NEGLECT)
    case_summaries_refresh()
    assert CaseSummary.objects.get(child=child).stuck_since == plan.start_date
    late_visit = DueWork.objects.get(child=child, what="Child protection visit").due
    services.event_save(actor=practitioner, child=child, event=Event(date=REALLY_TODAY, child_seen=True, episode=plan),
                        kind=EventKind.VISIT)
    summary = CaseSummary.objects.get(child=child)
    assert summary.stuck_since is None and summary.stuck_reasons == []
    assert DueWork.objects.get(child=child, what="Child protection visit").due > late_visit


def test_opening_a_plan_puts_the_child_on_the_kept_caseload_at_once(council, practitioner):
    irving = council["Irving"]
    services.episode_save(actor=practitioner, child=irving, stage=Stage.CHILD_PROTECTION, episode=Episode(
        start_date=REALLY_TODAY, initial_category=CategoryOfAbuse.NEGLECT))
    assert CaseSummary.objects.get(child=irving).next_due is not None
    assert set(DueWork.objects.filter(child=irving).values_list("what", flat=True)) == {
        "Child protection visit", "Child protection review conference"}


def test_a_save_that_fails_keeps_neither_the_record_nor_a_new_line(council, practitioner):
    case_summaries_refresh()
    before = list(DueWork.objects.filter(child=council["Evans"]).values_list("what", "due"))
    with pytest.raises(Exception):  # a second open child protection plan is refused by the database's rule
        services.episode_save(actor=practitioner, child=council["Evans"], stage=Stage.CHILD_PROTECTION,
                              episode=Episode(start_date=TODAY, initial_category=CategoryOfAbuse.NEGLECT))
    assert list(DueWork.objects.filter(child=council["Evans"]).values_list("what", "due")) == before


# --- Paged without skipping or repeating anyone -----------------------------------------------------


def test_walking_a_teams_caseload_page_by_page_meets_every_child_once_in_order(council, senior_manager, team_a):
    case_summaries_refresh(today=TODAY)
    everyone = [row["child"].pk for row in team_caseload_page(user=senior_manager, team=team_a, today=TODAY,
                                                             per_page=100)["rows"]]
    seen, after, pages = [], None, []
    while True:
        page = team_caseload_page(user=senior_manager, team=team_a, today=TODAY, per_page=3, after=after)["page"]
        pages.append(page)
        seen += [child.pk for child in page]
        if not page.has_next:
            break
        after = page.next_cursor
    assert seen == everyone and len(pages) == 3
    assert not pages[0].has_previous and pages[1].has_previous
    back = team_caseload_page(user=senior_manager, team=team_a, today=TODAY, per_page=3,
                              before=pages[2].previous_cursor)["page"]
    assert [child.pk for child in back] == [child.pk for child in pages[1]]
    assert back.has_previous and back.has_next


def test_walking_a_workers_caseload_meets_their_children_once_in_the_teams_order(
    council, senior_manager, practitioner, make_child, team_a
):
    """A worker's caseload is read as one run (due soonest first, then nothing due by name): the
    same order as their lines in the team's caseload, across the boundary between the two."""
    worker = practitioner.worker
    for name in ("Young", "Abbott"):  # nothing open: after everyone with work due, by name
        make_child(team_a, last_name=name, worker=worker)
    case_summaries_refresh(today=TODAY)
    team_order = [row["child"].pk for row in team_caseload_page(user=senior_manager, team=team_a, today=TODAY,
                                                                per_page=100)["rows"]
                  if row["child"].worker_id == worker.pk]
    seen, after = [], None
    while True:
        page = worker_caseload_page(user=practitioner, worker=worker, today=TODAY, per_page=2, after=after)["page"]
        seen += [child.pk for child in page]
        if not page.has_next:
            break
        after = page.next_cursor
    assert seen == team_order and len(seen) == 5
    last_names = [council[name].last_name for name in ("Evans", "Adams", "Dixon")]
    assert {child.last_name for child in Child.objects.filter(pk__in=seen[:3])} == set(last_names)
    back = worker_caseload_page(user=practitioner, worker=worker, today=TODAY, per_page=2, before=seen[4])["page"]
    assert [child.pk for child in back] == seen[2:4]


def test_a_cursor_outside_the_list_gives_the_first_page(council, senior_manager, team_a):
    case_summaries_refresh(today=TODAY)
    first = team_caseload_page(user=senior_manager, team=team_a, today=TODAY, per_page=3)["page"]
    other_team = team_caseload_page(user=senior_manager, team=team_a, today=TODAY, per_page=3,
                                    after=council["Jones"].pk)["page"]
    assert [child.pk for child in other_team] == [child.pk for child in first]


def test_stuck_cases_page_by_page(client, council, senior_manager, monkeypatch):
    monkeypatch.setattr("cases.views.stuck.ROWS_PER_PAGE", 2)
    case_summaries_refresh(today=TODAY)
    client.force_login(senior_manager)
    first = client.get(STUCK_URL)
    assert first.context["total"] == 5 and len(first.context["rows"]) == 2
    next_cursor = first.context["page"].next_cursor
    assert f'href="?after={next_cursor}"' in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    second = client.get(STUCK_URL, {"after": next_cursor})
    assert [row["child"].last_name for row in second.context["rows"]] == ["Dixon", "Evans"]
    page = second.content.decode()
    assert f'href="?before={council["Dixon"].pk}"' in page and f'href="?after={council["Evans"].pk}"' in page
    third = client.get(STUCK_URL, {"after": council["Evans"].pk})
    assert [row["child"].last_name for row in third.context["rows"]] == ["Jones"]
    assert 'rel="next"' not in third.content.decode()
    assert client.get(STUCK_URL, {"after": "not-a-row"}).context["rows"] == first.context["rows"]


# --- When it was worked out, and working it out again -----------------------------------------------


def test_the_pages_say_when_they_were_worked_out(client, council, team_manager, team_a):
    client.force_login(team_manager)
    assert "has not been worked out yet" in client.get(STUCK_URL).content.decode()
    case_summaries_refresh()
    for url in (STUCK_URL, reverse("caseload:team", args=[team_a.pk])):
        page = client.get(url).content.decode()
        assert "Worked out at" in page and "(today)" in page
        assert "Work these out again now" in page


def test_a_practitioner_sees_when_but_no_button(client, council, practitioner, team_a):
    case_summaries_refresh()
    client.force_login(practitioner)
    page = client.get(reverse("caseload:team", args=[team_a.pk])).content.decode()
    assert "Worked out at" in page
    assert "Work these out again now" not in page


def test_signed_out_visitor_is_sent_to_sign_in_from_working_out_again(client):
    response = client.post(WORK_OUT_AGAIN_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("fixture_name", ["practitioner", "auditor", "elected_member", "administrator"])
def test_only_managers_may_ask_for_it_to_be_worked_out_again(client, request, fixture_name, council):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.post(WORK_OUT_AGAIN_URL).status_code == 403
    assert not CaseSummary.objects.exists()


def test_working_out_again_is_asked_for_with_a_form_not_a_link(client, team_manager):
    client.force_login(team_manager)
    assert client.get(WORK_OUT_AGAIN_URL).status_code == 405


def test_a_team_manager_works_out_every_child_again_and_goes_back(
    client, council, team_manager, team_a, django_capture_on_commit_callbacks
):
    client.force_login(team_manager)
    back = reverse("caseload:team", args=[team_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WORK_OUT_AGAIN_URL, {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    kept = set(CaseSummary.objects.values_list("child__last_name", flat=True))
    assert kept == {"Evans", "Adams", "Brown", "Clark", "Dixon", "Fisher", "Green", "Jones"}
    assert "being worked out again" in client.get(back).content.decode()


def test_a_senior_manager_works_out_every_team_again(client, council, senior_manager, django_capture_on_commit_callbacks):
    client.force_login(senior_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WORK_OUT_AGAIN_URL, {"next": "https://example.com/elsewhere"})
    assert response["Location"] == STUCK_URL  # never sent off the service
    assert CaseSummary.objects.filter(child=council["Jones"]).exists()


def test_the_morning_job_and_the_command_work_out_every_child(council):
    assert "cases.tasks.refresh_case_summaries" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    result = refresh_case_summaries.delay().get()
    assert result["children"] == 8
    assert result["stuck"] == CaseSummary.objects.filter(stuck_since__isnull=False).count() >= 5
    CaseSummary.objects.all().delete()
    call_command("refresh_case_summaries", "--today", TODAY.isoformat(), stdout=(out := __import__("io").StringIO()))
    assert "Worked out 8 children as at 12 June 2024" in out.getvalue()
    assert CaseSummary.objects.count() == 8


def test_with_the_background_service_away_working_out_again_says_so_and_the_page_still_answers(
    client, council, team_manager, team_a, monkeypatch
):
    from kombu.exceptions import OperationalError

    def away(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:56379. Connection refused.")

    monkeypatch.setattr(refresh_case_summaries, "apply_async", away)
    client.force_login(team_manager)
    back = reverse("caseload:team", args=[team_a.pk])
    response = client.post(WORK_OUT_AGAIN_URL, {"next": back}, follow=True)
    assert response.status_code == 200
    assert "cannot be worked out again just now" in response.content.decode()


def test_the_command_can_work_out_a_council_only_if_nothing_was_kept_yet(council, capsys):
    from django.core.management import call_command

    from cases.models import WorkerCaseload

    call_command("refresh_case_summaries", "--if-never-worked-out", f"--today={TODAY.isoformat()}")
    assert WorkerCaseload.objects.exists()
    assert "Worked out" in capsys.readouterr().out
    call_command("refresh_case_summaries", "--if-never-worked-out")
    assert capsys.readouterr().out == ""  # already worked out: left for the nightly job
