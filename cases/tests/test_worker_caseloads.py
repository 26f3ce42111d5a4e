"""The counts kept per worker (models.WorkerCaseload): the same as counting the children live,
restricted records added only for those who may see them, kept up to date as records change, and
the team caseload's worker table a page at a time."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.codes import CategoryOfAbuse
from cases.models import CouncilSettings, Episode, Stage, WorkerCaseload
from cases.selectors import caseload_children_for_team, caseload_rows, stuck_cases, stuck_cases_page, team_caseload_page
from cases.summaries import case_summaries_refresh, worker_caseloads_refresh
from inspection.roles import Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - timedelta(days=150)


def late_plan(child, user):
    """A child protection plan opened long ago with no visit: its visit is late, and it drifts."""
    return Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=LONG_AGO,
                                  initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user)


@pytest.fixture
def caseloads(make_child, make_user, team_a, team_b, practitioner):
    """Two workers in team A, one holding a restricted record they are named on; an unallocated
    child; a child of team B."""
    CouncilSettings.current()
    colleague = make_user("colleague", Role.PRACTITIONER, team=team_a).worker
    for number in range(3):
        late_plan(make_child(team_a, last_name=f"Mine{number}", worker=practitioner.worker), practitioner)
    make_child(team_a, last_name="Quiet", worker=practitioner.worker)
    late_plan(make_child(team_a, last_name="Theirs", worker=colleague), practitioner)
    secret = make_child(team_a, last_name="Secret", worker=colleague, restricted=True)
    secret.named_workers.add(colleague)
    late_plan(secret, practitioner)
    make_child(team_a, last_name="Nobody")
    make_child(team_b, last_name="Elsewhere")
    case_summaries_refresh(today=TODAY)
    return {"colleague": colleague, "secret": secret}


def counts(page) -> dict:
    return {entry["worker"]: (entry["children"], entry["late"]) for entry in page["worker_counts"]}


def test_the_kept_counts_leave_restricted_records_out(caseloads, team_a, practitioner):
    kept = {(row.worker_id, row.children, row.late, row.stuck) for row in WorkerCaseload.objects.filter(team=team_a)}
    assert kept == {(practitioner.worker.pk, 4, 3, 3), (caseloads["colleague"].pk, 1, 1, 1), (None, 1, 0, 0)}


def test_a_worker_named_on_a_restricted_record_sees_it_counted_and_others_do_not(caseloads, team_a, team_manager):
    colleague = caseloads["colleague"]
    theirs = team_caseload_page(user=colleague.user, team=team_a, today=TODAY)
    managers = team_caseload_page(user=team_manager, team=team_a, today=TODAY)
    assert counts(theirs)[str(colleague)] == (2, 2)
    assert counts(managers)[str(colleague)] == (1, 1)
    assert (theirs["total"], managers["total"]) == (7, 6)
    for user, page in ((colleague.user, theirs), (team_manager, managers)):
        live = caseload_rows(children=caseload_children_for_team(user=user, team=team_a), today=TODAY)
        assert page["total"] == len(live)
        assert page["late_count"] == sum(bool(row["late"]) for row in live)
        assert page["soon_count"] == sum(bool(row["soon"]) for row in live)


def test_the_stuck_count_is_the_live_count_for_each_user(caseloads, senior_manager, team_manager):
    for user in (senior_manager, team_manager, caseloads["colleague"].user):
        assert stuck_cases_page(user=user)["total"] == len(stuck_cases(user=user, today=TODAY))
    assert stuck_cases_page(user=caseloads["colleague"].user)["total"] == 5  # the restricted record too


def test_recording_for_a_child_counts_that_workers_caseload_again_at_once(caseloads, team_a, practitioner, make_child):
    quiet = practitioner.worker.allocated_children.get(last_name="Quiet")
    services.episode_save(actor=practitioner, child=quiet, stage=Stage.CHILD_PROTECTION, episode=Episode(
        start_date=LONG_AGO, initial_category=CategoryOfAbuse.NEGLECT))
    row = WorkerCaseload.objects.get(team=team_a, worker=practitioner.worker)
    assert (row.children, row.late) == (4, 4)


def test_counting_one_pair_again_leaves_the_others_alone(caseloads, team_a, team_b, practitioner):
    WorkerCaseload.objects.filter(team=team_b).update(children=99)
    worker_caseloads_refresh(pairs={(team_a.pk, practitioner.worker.pk)}, today=TODAY)
    assert WorkerCaseload.objects.get(team=team_b).children == 99
    worker_caseloads_refresh(today=TODAY)
    assert WorkerCaseload.objects.get(team=team_b).children == 1


def test_the_worker_table_is_shown_a_page_at_a_time_largest_first(client, make_user, make_child, team_a, team_manager):
    CouncilSettings.current()
    workers = [make_user(f"worker{number:02d}", Role.PRACTITIONER, team=team_a).worker for number in range(30)]
    for number, worker in enumerate(workers[:3]):
        for _ in range(3 - number):
            make_child(team_a, worker=worker)
    case_summaries_refresh(today=TODAY)
    client.force_login(team_manager)
    url = reverse("caseload:team", args=[team_a.pk])
    with CaptureQueriesContext(connection) as first_page:
        first = client.get(url)
    assert [entry["worker"] for entry in first.context["worker_counts"][:3]] == [str(worker) for worker in workers[:3]]
    assert len(first.context["worker_counts"]) == 25
    page = first.content.decode()
    assert "31 workers, the largest caseloads first: 1 to 25 shown." in page  # the 30 and the team manager
    following = re.search(r'href="\?(workers=2)#workers" rel="next"', page)
    assert following
    second = client.get(f"{url}?{following.group(1)}")
    assert len(second.context["worker_counts"]) == 6
    assert 'rel="prev"' in second.content.decode()

    for number in range(30, 90):
        make_user(f"worker{number:02d}", Role.PRACTITIONER, team=team_a)
    with CaptureQueriesContext(connection) as more_workers:
        client.get(url)
    assert len(more_workers) == len(first_page)


def test_a_worker_from_another_team_holding_one_of_its_children_is_named_in_its_worker_table(
    caseloads, make_child, team_a, practitioner_b, senior_manager
):
    make_child(team_a, last_name="Borrowed", worker=practitioner_b.worker)
    case_summaries_refresh(today=TODAY)
    practitioner_b.first_name = "Borrowing"
    practitioner_b.save()
    page = team_caseload_page(user=senior_manager, team=team_a, today=TODAY)
    assert [entry["worker"] for entry in page["worker_counts"]] == [
        "Practitioner Tester", str(caseloads["colleague"]), "Borrowing Tester", None]
    assert counts(page)["Borrowing Tester"] == (1, 0)


def test_a_team_with_workers_but_no_children_lists_them_all_holding_none(make_user, team_b, senior_manager):
    workers = [make_user(f"new{number}", Role.PRACTITIONER, team=team_b).worker for number in range(3)]
    page = team_caseload_page(user=senior_manager, team=team_b, today=TODAY)
    assert sorted(entry["worker"] for entry in page["worker_counts"]) == sorted(str(worker) for worker in workers)
    assert all(entry["children"] == 0 for entry in page["worker_counts"]) and page["total"] == 0
