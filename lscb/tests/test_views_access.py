"""Who may see and change the safeguarding board's pages: signed-out visitors are sent to sign
in; practitioners and administrators are refused everything; board members and elected members
read every page but change nothing; senior managers do both. A board member never reaches a
child's record."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from inspection.roles import role_of
from lscb.models import (
    AnnualReport, Board, Challenge, Meeting, Member, MultiAgencyAudit, PerformanceReport, SafeguardingReview, Subgroup,
    TrainingAttendance, TrainingEvent,
)

from .conftest import record_meeting

pytestmark = pytest.mark.django_db

ROOT = "/safeguarding-board/"
READ_PAGES = [
    "", "board/", "attendance/", "meetings/", "meetings/{meeting}/", "reviews/", "reviews/{review}/", "audits/",
    "training/", "challenges/", "performance/", "annual-reports/", "annual-reports/{report}/",
    "annual-reports/{report}/document/", "ofsted-review/",
]
WRITE_PAGES = [
    "board/set-up/", "board/edit/", "board/members/new/", "board/members/{member}/edit/", "board/subgroups/new/",
    "board/subgroups/{subgroup}/edit/", "meetings/new/", "meetings/new/?subgroup={subgroup}", "meetings/{meeting}/edit/",
    "reviews/new/", "reviews/{review}/edit/", "audits/new/", "audits/{audit}/edit/", "training/new/",
    "training/{training}/edit/", "challenges/new/", "challenges/{challenge}/edit/", "performance/new/",
    "performance/{performance}/edit/", "annual-reports/new/", "annual-reports/{report}/edit/",
]
MODELS = [Board, Member, Subgroup, Meeting, SafeguardingReview, MultiAgencyAudit, TrainingEvent, TrainingAttendance,
          Challenge, PerformanceReport, AnnualReport]


@pytest.fixture
def records(board, members, subgroup, senior_manager):
    today = timezone.localdate()
    meeting = record_meeting(board, today - timedelta(days=20), {member: "present" for member in members.values()})
    review = SafeguardingReview.objects.create(board=board, reference="Child K", kind="serious_case_review",
                                               notified_on=today - timedelta(days=90))
    audit = MultiAgencyAudit.objects.create(board=board, title="Neglect audit", completed_on=today - timedelta(days=30))
    training = TrainingEvent.objects.create(board=board, title="Neglect toolkit", date=today - timedelta(days=10))
    TrainingAttendance.objects.create(event=training, agency="Police", attended=12)
    challenge = Challenge.objects.create(board=board, raised_on=today - timedelta(days=40), agency="Health",
                                         issue="Health visitors missing from core groups")
    performance = PerformanceReport.objects.create(board=board, period="Quarter 1", received_on=today - timedelta(days=5),
                                                   summary="Re-referrals rose to 24%")
    report = AnnualReport.objects.create(board=board, year="2024 to 2025", year_end=today - timedelta(days=200),
                                         created_by=senior_manager)
    report.document.save("annual.pdf", ContentFile(b"%PDF-1.4 annual report"))
    return {"meeting": meeting.pk, "review": review.pk, "audit": audit.pk, "training": training.pk,
            "challenge": challenge.pk, "performance": performance.pk, "report": report.pk,
            "member": members["police"].pk, "subgroup": subgroup.pk}


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.parametrize("path", READ_PAGES + WRITE_PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, records, path):
    response = client.get(ROOT + path.format(**records))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("path", READ_PAGES + WRITE_PAGES)
def test_practitioners_and_administrators_are_refused_every_page(client, records, practitioner, administrator, path):
    before = counts()
    for user in (practitioner, administrator):
        client.force_login(user)
        assert client.get(ROOT + path.format(**records)).status_code == 403
        assert client.post(ROOT + path.format(**records), {"name": "Changed", "title": "Changed"}).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("fixture", ["board_member", "elected_member"])
@pytest.mark.parametrize("path", READ_PAGES)
def test_board_members_and_elected_members_read_every_page(client, request, records, fixture, path):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(ROOT + path.format(**records))
    assert response.status_code == 200


@pytest.mark.parametrize("fixture", ["board_member", "elected_member"])
@pytest.mark.parametrize("path", WRITE_PAGES)
def test_board_members_and_elected_members_change_nothing(client, request, records, fixture, path):
    client.force_login(request.getfixturevalue(fixture))
    before = counts()
    assert client.get(ROOT + path.format(**records)).status_code == 403
    posted = {"name": "Changed", "chair": "Someone else", "title": "Changed", "date_0": "1", "date_1": "1",
              "date_2": "2025"}
    assert client.post(ROOT + path.format(**records), posted).status_code == 403
    assert counts() == before
    assert Board.objects.get().chair == "Dr Ann Ellis"


@pytest.mark.parametrize("fixture", ["board_member", "elected_member"])
def test_readers_see_no_buttons_to_change_anything(client, request, records, fixture):
    client.force_login(request.getfixturevalue(fixture))
    for path in [path for path in READ_PAGES if not path.endswith("document/")]:
        page = client.get(ROOT + path.format(**records)).content.decode()
        for words in ("Add a member", "Record a board meeting", "Record a review", "Update the review", "Correct the record",
                      "Log a challenge", "Record an annual report", "Record a judgement", "action plan", "/edit/", "/new/"):
            assert words not in page, (path, words)


def test_senior_managers_read_and_change(client, records, senior_manager):
    client.force_login(senior_manager)
    for path in READ_PAGES:
        assert client.get(ROOT + path.format(**records)).status_code == 200, path
    for path in WRITE_PAGES[1:]:
        assert client.get(ROOT + path.format(**records)).status_code == 200, path
    # The board exists, so setting it up again goes to changing its details.
    response = client.get(ROOT + "board/set-up/")
    assert response.status_code == 302 and response["Location"] == ROOT + "board/edit/"


def test_a_board_member_never_reaches_a_childs_record(client, board_member, child_a, records):
    client.force_login(board_member)
    for path in ("/children/", f"/children/{child_a.pk}/", f"/children/{child_a.pk}/history/", "/caseload/",
                 "/access-log/", "/audits/"):
        assert client.get(path).status_code in (403, 404), path
    assert client.get("/children/").status_code == 403
    assert client.get(f"/children/{child_a.pk}/").status_code == 403
    assert not any(perm.startswith("cases.") for perm in board_member.get_all_permissions())
    assert role_of(board_member).label == "Safeguarding board member"
    dashboard = client.get(ROOT).content.decode()
    assert child_a.last_name not in dashboard and "/children/" not in dashboard


def test_the_annual_report_document_is_served_only_through_the_checked_view(client, records, board_member, practitioner):
    client.force_login(board_member)
    response = client.get(f"{ROOT}annual-reports/{records['report']}/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 annual report"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(practitioner)
    assert client.get(f"{ROOT}annual-reports/{records['report']}/document/").status_code == 403


def test_without_a_board_the_pages_say_so_and_offer_to_set_it_up(client, db, senior_manager, board_member):
    client.force_login(board_member)
    page = client.get(ROOT).content.decode()
    assert "has not been set up" in page and "Set up the board" not in page
    assert client.get(ROOT + "meetings/").status_code == 200
    client.force_login(senior_manager)
    page = client.get(ROOT + "reviews/").content.decode()
    assert "has not been set up" in page and 'href="/safeguarding-board/board/set-up/"' in page
