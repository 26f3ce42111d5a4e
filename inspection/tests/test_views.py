"""Home, My reports, printing the children list, downloading it, signing in and changing a password."""

import io
import re
from datetime import date

import pdfplumber
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cases.codes import Gender
from cases.models import AccessLogEntry
from conftest import PASSWORD
from inspection.models import ReportJob
from inspection.roles import Role

pytestmark = pytest.mark.django_db

HOME_URL = reverse("home")
REPORTS_URL = reverse("report_list")
PRINT_URL = reverse("children_list_report_request")
SIGN_IN_URL = reverse("login")
PASSWORD_URL = reverse("password_change")
ALL_ROLES = ["practitioner", "team_manager", "auditor", "senior_manager", "elected_member", "administrator"]


@pytest.fixture
def print_list(client, django_capture_on_commit_callbacks):
    """Ask for the children list as a PDF, running the job when the request commits."""

    def post(data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(PRINT_URL, data or {})

    return post


def download_url(job) -> str:
    return reverse("report_download", args=[job.pk])


def download_pdf(client, job) -> bytes:
    response = client.get(download_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Reading the stream to the end closes the response (the test client does it, as a server would).
    return b"".join(response.streaming_content)


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def nav_labels(response) -> list[str]:
    return [item["label"] for item in response.context["navigation"]]


# --- home ---------------------------------------------------------------------------------------


def test_signed_out_visitor_is_sent_to_sign_in_from_home(client):
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/"


@pytest.mark.parametrize("fixture_name", ALL_ROLES)
def test_every_role_can_open_their_home_page(client, request, fixture_name):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(HOME_URL)
    assert response.status_code == 200
    assert "Welcome," in response.content.decode()


def test_elected_member_home_has_no_children_link_and_no_childs_name(client, elected_member, child_a, child_b):
    client.force_login(elected_member)
    response = client.get(HOME_URL)
    page = response.content.decode()
    assert "Children" not in nav_labels(response)
    assert 'href="/children/"' not in page
    for name in ("Ahmed", "Ava", "Baker", "Jack"):
        assert name not in page


def test_practitioner_home_links_to_children_and_counts_only_their_team(client, practitioner, child_a, child_b):
    client.force_login(practitioner)
    response = client.get(HOME_URL)
    page = response.content.decode()
    assert "Children" in nav_labels(response)
    assert 'href="/children/"' in page
    assert "You can see <strong>1</strong> child in Child Protection 1." in page


# --- home: actions due or overdue --------------------------------------------------------------

ACTIONS_TODAY = date(2026, 3, 10)  # a Tuesday; the 10th working day after it is Tuesday 24 March


@pytest.fixture
def action_plan(senior_manager, monkeypatch):
    from actionplans.models import ActionPlan, PlanSource, Recommendation

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: ACTIONS_TODAY)
    plan = ActionPlan.objects.create(title="Ofsted inspection 2026", source=PlanSource.INSPECTION,
                                     published_on=date(2026, 1, 12), created_by=senior_manager)
    return Recommendation.objects.create(plan=plan, number=2, text="Strengthen management oversight.")


@pytest.fixture
def make_action(action_plan, senior_manager):
    from actionplans.models import Action
    from actionplans.rules import Status

    def make(owner, target, description="Audit supervision records", status=Status.ON_TRACK):
        return Action.objects.create(
            recommendation=action_plan, owner=owner, target_date=target, description=description, status=status,
            evidence_of_impact="Supervision is monthly" if status == Status.COMPLETE else "", created_by=senior_manager,
        )

    return make


def test_home_lists_my_actions_overdue_or_due_soon_with_links(client, team_manager, senior_manager, make_action):
    from actionplans.rules import Status

    late = make_action(team_manager, date(2026, 3, 2), "Audit supervision records in Child Protection 1")
    soon = make_action(team_manager, date(2026, 3, 20), "Refresh the neglect toolkit")
    make_action(team_manager, date(2026, 5, 1), "Run a practice week")
    make_action(team_manager, date(2026, 3, 2), "Publish the threshold document", status=Status.COMPLETE)
    make_action(senior_manager, date(2026, 3, 2), "Report to the scrutiny committee")
    client.force_login(team_manager)

    page = client.get(HOME_URL).content.decode()

    assert "Actions due or overdue" in page
    assert "Of the actions you own, <strong>1 is overdue</strong> and 1 is due within 10 working days." in page
    assert f'href="{reverse("actionplans:action_detail", args=[late.pk])}"' in page
    assert f'href="{reverse("actionplans:action_detail", args=[soon.pk])}"' in page
    assert "Target 2 March 2026, overdue by 6 working days. Ofsted inspection 2026, recommendation 2." in page
    assert "Target 20 March 2026, due in 8 working days." in page
    assert page.index("Audit supervision records") < page.index("Refresh the neglect toolkit")
    for absent in ("Run a practice week", "Publish the threshold document", "scrutiny committee", "Across the council"):
        assert absent not in page
    assert f'href="{reverse("actionplans:my_actions")}"' in page


def test_those_who_manage_plans_also_see_how_many_actions_are_overdue_across_the_council(
    client, team_manager, senior_manager, make_action,
):
    make_action(team_manager, date(2026, 3, 2))
    make_action(team_manager, date(2026, 3, 9))
    make_action(None, date(2026, 2, 2))
    make_action(senior_manager, date(2026, 3, 12), "Report to the scrutiny committee")
    client.force_login(senior_manager)

    page = client.get(HOME_URL).content.decode()

    assert "Of the actions you own, 1 is due within 10 working days." in page
    assert "Report to the scrutiny committee" in page
    assert "Across the council, <strong>3 actions are overdue</strong>." in page


def test_with_nothing_due_the_panel_says_so(client, elected_member, team_manager, make_action):
    make_action(team_manager, date(2026, 3, 2), "Audit supervision records")
    client.force_login(elected_member)

    page = client.get(HOME_URL).content.decode()

    assert "None of the actions you own is overdue or due within the next 10 working days." in page
    assert "Audit supervision records" not in page and "Across the council" not in page


@pytest.mark.parametrize("fixture_name", ["practitioner", "administrator"])
def test_those_who_cannot_see_actions_get_no_panel(client, request, fixture_name, make_action, team_manager):
    make_action(team_manager, date(2026, 3, 2))
    client.force_login(request.getfixturevalue(fixture_name))
    page = client.get(HOME_URL).content.decode()
    assert "Actions due or overdue" not in page and "/action-plans/" not in page


def test_the_panel_shows_five_actions_and_counts_the_rest_in_the_same_queries(
    client, team_manager, make_action,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_action(team_manager, date(2026, 3, 2), "Action number 0")
    client.force_login(team_manager)
    with CaptureQueriesContext(connection) as one:
        client.get(HOME_URL)
    for number in range(1, 7):
        make_action(team_manager, date(2026, 3, 2 + number), f"Action number {number}")  # 3 to 8 March: overdue
    make_action(team_manager, date(2026, 3, 12), "Action number 7")
    with CaptureQueriesContext(connection) as eight:
        page = client.get(HOME_URL).content.decode()

    assert len(eight.captured_queries) == len(one.captured_queries)
    assert "<strong>7 are overdue</strong> and 1 is due within 10 working days." in page
    assert len(re.findall(r'href="/action-plans/actions/\d+/"', page)) == 5
    assert "And 3 more." in page


# --- my reports ---------------------------------------------------------------------------------


def test_signed_out_visitor_is_sent_to_sign_in_from_my_reports(client):
    response = client.get(REPORTS_URL)
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/reports/"


def test_my_reports_lists_only_my_own_jobs(client, practitioner, practitioner_b):
    kind = ReportJob.Kind.CHILDREN_LIST
    mine = ReportJob.objects.create(kind=kind, title="Report asked for by me", requested_by=practitioner)
    ReportJob.objects.create(kind=kind, title="Report asked for by someone else", requested_by=practitioner_b)
    client.force_login(practitioner)
    response = client.get(REPORTS_URL)
    assert list(response.context["jobs"]) == [mine]
    assert "Report asked for by me" in response.content.decode()
    assert "someone else" not in response.content.decode()


# --- asking for the children list as a PDF ------------------------------------------------------


def test_printing_the_list_needs_a_post(client, practitioner):
    client.force_login(practitioner)
    assert client.get(PRINT_URL).status_code == 405
    assert not ReportJob.objects.exists()


def test_signed_out_visitor_cannot_print_the_list(client, child_a):
    response = client.post(PRINT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")
    assert not ReportJob.objects.exists()


def test_elected_member_cannot_print_the_list(client, elected_member, child_a):
    client.force_login(elected_member)
    assert client.post(PRINT_URL).status_code == 403
    assert not ReportJob.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_practitioner_prints_the_list_and_the_request_is_logged(client, practitioner, child_a, print_list):
    client.force_login(practitioner)
    response = print_list()
    assert response.status_code == 302
    assert response["Location"] == REPORTS_URL
    job = ReportJob.objects.get()
    assert (job.requested_by, job.status, job.title) == (practitioner, ReportJob.Status.READY, "List of children")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.child) == (practitioner, AccessLogEntry.Action.EXPORTED, None)
    page = client.get(REPORTS_URL).content.decode()
    assert "List of children has been requested" in page
    assert download_url(job) in page


def test_a_list_too_long_to_print_fails_with_advice_to_narrow_it(
    client, practitioner, child_a, make_child, team_a, print_list, monkeypatch
):
    monkeypatch.setattr("inspection.reports.children_list.MAX_ROWS", 1)
    make_child(team_a)
    client.force_login(practitioner)
    print_list()
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.FAILED
    assert "The list has 2 children" in job.error
    assert "Narrow it with the filters" in job.error
    assert not job.file
    assert "Narrow it with the filters" in client.get(REPORTS_URL).content.decode()
    assert client.get(download_url(job)).status_code == 404


# --- downloading --------------------------------------------------------------------------------


def test_signed_out_visitor_cannot_download_a_report(client, practitioner, child_a, print_list):
    client.force_login(practitioner)
    print_list()
    client.logout()
    response = client.get(download_url(ReportJob.objects.get()))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=/reports/")


def test_someone_elses_report_is_not_found(client, practitioner, practitioner_b, child_b, print_list):
    client.force_login(practitioner_b)
    print_list()
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.READY
    client.force_login(practitioner)
    assert client.get(download_url(job)).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DOWNLOADED).exists()


@pytest.mark.parametrize("status", [ReportJob.Status.QUEUED, ReportJob.Status.RUNNING, ReportJob.Status.FAILED])
def test_a_report_that_is_not_ready_is_not_found(client, practitioner, status):
    job = ReportJob.objects.create(
        kind=ReportJob.Kind.CHILDREN_LIST, title="List of children", requested_by=practitioner, status=status
    )
    client.force_login(practitioner)
    assert client.get(download_url(job)).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_downloading_a_ready_report_gives_a_pdf_and_is_logged(client, practitioner, child_a, print_list):
    client.force_login(practitioner)
    print_list()
    job = ReportJob.objects.get()
    content = download_pdf(client, job)
    assert content.startswith(b"%PDF")
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.DOWNLOADED)
    assert entry.user == practitioner
    assert f"report {job.pk}" in entry.detail


def test_a_user_who_has_lost_the_permission_can_no_longer_download_an_earlier_list(
    client, practitioner, child_a, print_list
):
    client.force_login(practitioner)
    print_list()
    job = ReportJob.objects.get()
    practitioner.groups.set([Group.objects.get(name=Role.ELECTED_MEMBER.label)])
    assert client.get(download_url(job)).status_code == 403
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DOWNLOADED).exists()


def test_printed_list_holds_my_teams_children_and_not_another_teams(client, practitioner, child_a, child_b, print_list):
    client.force_login(practitioner)
    print_list()
    text = pdf_text(download_pdf(client, ReportJob.objects.get()))
    assert "Ahmed, Ava" in text
    assert child_a.local_id in text
    assert "Baker" not in text
    assert child_b.local_id not in text
    assert "No filters" in text


def test_printed_list_with_a_search_lists_only_matching_children_and_describes_the_filter(
    client, practitioner, child_a, make_child, team_a, print_list
):
    make_child(team_a, first_name="Ben", last_name="Olsen")
    client.force_login(practitioner)
    print_list({"q": "Ahmed"})
    job = ReportJob.objects.get()
    assert job.title == "List of children (filtered)"
    assert job.parameters == {"q": ["Ahmed"]}
    text = pdf_text(download_pdf(client, job))
    assert "List of children (filtered)" in text
    assert re.search(r"Name, child ID or date of birth:\s*Ahmed", text)
    assert "Ahmed, Ava" in text
    assert "Olsen" not in text
    assert "1 child." in text


def test_printed_list_describes_a_choice_filter_in_words(client, practitioner, child_a, make_child, team_a, print_list):
    make_child(team_a, first_name="Omar", last_name="Khan", gender=Gender.MALE)
    client.force_login(practitioner)
    print_list({"gender": Gender.MALE})
    text = pdf_text(download_pdf(client, ReportJob.objects.get()))
    assert re.search(r"Gender:\s*Male\b", text)
    assert "a) Male" not in text
    assert "Khan, Omar" in text
    assert "Ahmed" not in text


# --- signing in and changing a password ---------------------------------------------------------


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, practitioner):
    response = client.post(SIGN_IN_URL, {"username": "practitioner", "password": "not-the-password"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "There is a problem" in page
    assert "Enter a correct username and password. Both are case-sensitive." in page
    assert "_auth_user_id" not in client.session


def test_sign_in_with_the_right_password_goes_home(client, practitioner):
    response = client.post(SIGN_IN_URL, {"username": "practitioner", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert int(client.session["_auth_user_id"]) == practitioner.pk


def test_sign_in_returns_to_the_page_asked_for(client, practitioner):
    response = client.post(SIGN_IN_URL, {"username": "practitioner", "password": PASSWORD, "next": "/children/"})
    assert response["Location"] == "/children/"


def test_changing_a_password_needs_sign_in(client):
    response = client.get(PASSWORD_URL)
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/password/"


def test_changing_a_password_to_a_good_one_goes_to_the_done_page(client, practitioner):
    client.force_login(practitioner)
    new = "a-much-longer-new-passphrase-42"
    response = client.post(PASSWORD_URL, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    practitioner.refresh_from_db()
    assert practitioner.check_password(new)
    assert "Password changed" in client.get(response["Location"]).content.decode()


def test_changing_a_password_to_a_weak_one_shows_the_errors(client, practitioner):
    client.force_login(practitioner)
    response = client.post(PASSWORD_URL, {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "This password is too short. It must contain at least 12 characters." in page
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)
