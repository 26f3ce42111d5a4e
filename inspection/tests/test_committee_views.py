"""Committee report pages: who may see, write, produce, issue and download a paper (officers every
paper; elected members only issued papers, a draft is not found; everyone else refused), the happy
path from writing to issuing, bad input shown again with nothing saved, an issued paper refused
for editing, and the paper's page running the same number of queries however much data there is."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspection.committee.forms import EQUALITY_DUTY
from inspection.models import CommitteeReport, ReportJob
from inspection.tests.test_committee_report import (
    make_audits, make_paper, make_plans, make_private_children, make_snapshots,
)

pytestmark = pytest.mark.django_db

DATE_PARTS = {"meeting_date": (26, 11, 2026), "figures_as_at": (15, 11, 2026)}


def form_data(**overrides) -> dict:
    data = {
        "report_to": "Children and Young People Scrutiny Committee",
        "reporting_officer": "Strategic Director, Children's Services",
        "portfolio": "", "subject": "Ofsted inspection: preparation", "wards": "All wards", "classification": "Open",
        "purpose": "To update members on preparation for the inspection.",
        "recommendations": "Members note the contents of the report.",
        "supporting_information": "The council was last inspected in 2024.", "policy_implications": "",
        "financial_implications": "", "legal_implications": "", "other_implications": "", "priorities_implications": "",
        "risk_analysis": "", "equality_and_diversity": EQUALITY_DUTY, "background_papers": "",
    }
    for name, (day, month, year) in DATE_PARTS.items():
        data.update({f"{name}_0": day, f"{name}_1": month, f"{name}_2": year})
    data.update(overrides)
    return data


@pytest.fixture
def draft(senior_manager):
    return make_paper(senior_manager, subject="Draft paper on preparation")


@pytest.fixture
def issued(senior_manager):
    report = make_paper(senior_manager, subject="Issued paper on performance")
    job = ReportJob.objects.create(kind="committee", title="Committee report: Issued paper on performance",
                                   parameters={"report": report.pk}, requested_by=senior_manager,
                                   status=ReportJob.Status.READY)
    job.file.save("issued.pdf", _pdf_file(), save=True)
    CommitteeReport.objects.filter(pk=report.pk).update(status=CommitteeReport.Status.ISSUED, rendered=job,
                                                        issued_by=senior_manager)
    report.refresh_from_db()
    return report


def _pdf_file():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.7 the issued paper")


def urls(report_pk: int) -> dict[str, tuple[str, str]]:
    return {
        "list": ("get", reverse("committee:list")),
        "create": ("get", reverse("committee:create")),
        "detail": ("get", reverse("committee:detail", args=[report_pk])),
        "edit": ("get", reverse("committee:edit", args=[report_pk])),
        "produce": ("post", reverse("committee:produce", args=[report_pk])),
        "issue": ("post", reverse("committee:issue", args=[report_pk])),
        "download": ("get", reverse("committee:download", args=[report_pk])),
    }


def test_the_pages_live_at_committee_reports():
    assert reverse("committee:list") == "/committee-reports/"
    assert reverse("committee:produce", args=[3]) == "/committee-reports/3/produce/"


# --- who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "create", "detail", "edit", "produce", "issue", "download"])
def test_a_signed_out_visitor_is_sent_to_sign_in(client, draft, name):
    method, url = urls(draft.pk)[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "auditor", "administrator"])
@pytest.mark.parametrize("name", ["list", "create", "detail", "edit", "produce", "issue", "download"])
def test_staff_who_neither_write_nor_receive_papers_are_refused(client, request, issued, role, name):
    client.force_login(request.getfixturevalue(role))
    method, url = urls(issued.pk)[name]
    assert getattr(client, method)(url).status_code == 403
    assert not ReportJob.objects.exclude(pk=issued.rendered_id).exists()


@pytest.mark.parametrize("name", ["create", "edit", "produce", "issue"])
def test_an_elected_member_cannot_write_produce_or_issue(client, elected_member, draft, name):
    client.force_login(elected_member)
    method, url = urls(draft.pk)[name]
    assert getattr(client, method)(url).status_code == 403
    draft.refresh_from_db()
    assert draft.status == CommitteeReport.Status.DRAFT and not ReportJob.objects.exists()


@pytest.mark.parametrize("name", ["detail", "download"])
def test_a_draft_is_not_found_by_an_elected_member(client, elected_member, draft, name):
    client.force_login(elected_member)
    method, url = urls(draft.pk)[name]
    assert getattr(client, method)(url).status_code == 404


def test_the_list_shows_officers_every_paper_and_members_only_those_issued(
    client, senior_manager, elected_member, draft, issued,
):
    client.force_login(senior_manager)
    page = client.get(reverse("committee:list")).content.decode()
    assert "Draft paper on preparation" in page and "Issued paper on performance" in page
    assert "Write a committee report" in page and ">Draft<" in page and ">Issued<" in page
    client.force_login(elected_member)
    page = client.get(reverse("committee:list")).content.decode()
    assert "Issued paper on performance" in page
    assert "Draft paper on preparation" not in page and "Write a committee report" not in page


def test_a_member_reads_and_downloads_the_issued_paper(client, elected_member, issued):
    client.force_login(elected_member)
    page = client.get(reverse("committee:detail", args=[issued.pk])).content.decode()
    assert "Issued paper on performance" in page and "1. Purpose of the report" in page
    assert "Download the paper (PDF)" in page
    assert "Produce the PDF" not in page and "Issue to members" not in page and ">Edit<" not in page
    response = client.get(reverse("committee:download", args=[issued.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 the issued paper"


# --- writing a paper -----------------------------------------------------------------------------


def test_a_new_paper_starts_with_only_the_standard_wording(client, senior_manager):
    client.force_login(senior_manager)
    page = client.get(reverse("committee:create")).content.decode()
    assert "section 149 of the Equality Act 2010" in page  # the public sector equality duty
    form = page.split('name="risk_analysis"', 1)[1].split("</textarea>", 1)[0]
    assert form.rstrip().endswith(">")  # every other section is blank
    assert 'value="All wards"' in page and 'value="Open"' in page
    for heading in ("1. Purpose of the report", "2. Recommendations", "3. Supporting information",
                    "10. Equality and diversity issues", "11. Background papers"):
        assert heading in page


def test_an_officer_writes_a_paper(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(reverse("committee:create"), form_data())
    report = CommitteeReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("committee:detail", args=[report.pk])
    assert (report.subject, report.meeting_date, report.figures_as_at) == (
        "Ofsted inspection: preparation", date(2026, 11, 26), date(2026, 11, 15))
    assert report.status == CommitteeReport.Status.DRAFT and report.created_by == senior_manager
    assert report.history.get().history_user == senior_manager
    page = client.get(response["Location"]).content.decode()
    assert "Ofsted inspection: preparation saved as a draft." in page
    assert "3.1</span>The council was last inspected in 2024." in page
    assert "4.1</span>None." in page  # an empty section keeps its heading


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"subject": ""}, "subject", "Enter the subject of the report"),
    ({"meeting_date_0": 31, "meeting_date_1": 2}, "meeting_date", "Enter a real date"),
    ({"meeting_date_0": "", "meeting_date_1": "", "meeting_date_2": ""}, "meeting_date", "Enter the date of the meeting"),
    ({"recommendations": ""}, "recommendations", "Enter at least one recommendation"),
])
def test_bad_input_is_shown_again_and_nothing_is_saved(client, senior_manager, overrides, field, message):
    client.force_login(senior_manager)
    response = client.post(reverse("committee:create"), form_data(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Write a committee report" in page and "There is a problem" in page
    assert message in page
    assert "Members note the contents of the report." in page  # what was typed is kept
    assert not CommitteeReport.objects.exists()


def test_an_officer_changes_a_draft(client, senior_manager, draft):
    client.force_login(senior_manager)
    response = client.post(reverse("committee:edit", args=[draft.pk]), form_data(subject="A better subject"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.subject == "A better subject"


def test_a_bad_change_is_shown_again_and_nothing_is_saved(client, senior_manager, draft):
    client.force_login(senior_manager)
    response = client.post(reverse("committee:edit", args=[draft.pk]), form_data(subject="", meeting_date_0=31,
                                                                                  meeting_date_1=2))
    assert response.status_code == 200
    assert "Enter the subject of the report" in response.content.decode()
    draft.refresh_from_db()
    assert draft.subject == "Draft paper on preparation" and draft.meeting_date == date(2026, 11, 26)


def test_an_issued_paper_cannot_be_changed(client, senior_manager, issued):
    client.force_login(senior_manager)
    for response in (client.get(reverse("committee:edit", args=[issued.pk]), follow=True),
                     client.post(reverse("committee:edit", args=[issued.pk]), form_data(subject="Changed"), follow=True)):
        assert response.redirect_chain[-1][0] == reverse("committee:detail", args=[issued.pk])
        assert "This paper has been issued to members, so it cannot be changed. Write a new paper instead." in \
            response.content.decode()
    issued.refresh_from_db()
    assert issued.subject == "Issued paper on performance"


# --- producing and issuing -----------------------------------------------------------------------


def produce(client, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("committee:produce", args=[report.pk]), follow=True)


def test_produce_then_issue(client, senior_manager, elected_member, draft, django_capture_on_commit_callbacks):
    client.force_login(senior_manager)
    refused = client.post(reverse("committee:issue", args=[draft.pk]), follow=True)
    assert "Produce the PDF first" in refused.content.decode()
    assert "Issue to members" not in client.get(reverse("committee:detail", args=[draft.pk])).content.decode()

    response = produce(client, draft, django_capture_on_commit_callbacks)
    assert response.redirect_chain[-1][0] == reverse("report_list")
    job = ReportJob.objects.get()
    assert (job.kind, job.parameters, job.requested_by, job.status) == (
        "committee", {"report": draft.pk}, senior_manager, ReportJob.Status.READY), job.error
    # The job runs when the request commits, after the message is written.
    assert "Committee report: Draft paper on preparation has been requested." in response.content.decode()
    detail = client.get(reverse("committee:detail", args=[draft.pk])).content.decode()
    assert "Issue to members" in detail and "download it to check" in detail
    officer_copy = client.get(reverse("committee:download", args=[draft.pk]))
    assert officer_copy.status_code == 200 and b"".join(officer_copy.streaming_content).startswith(b"%PDF")

    response = client.post(reverse("committee:issue", args=[draft.pk]), follow=True)
    assert "Draft paper on preparation has been issued to members." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.rendered, draft.issued_by) == (CommitteeReport.Status.ISSUED, job, senior_manager)
    assert draft.issued_at is not None
    assert draft.history.first().history_change_reason == "Issued to members"
    refused = client.post(reverse("committee:produce", args=[draft.pk]), follow=True)
    assert "already been issued" in refused.content.decode() and ReportJob.objects.count() == 1

    client.force_login(elected_member)
    assert client.get(reverse("committee:detail", args=[draft.pk])).status_code == 200
    download = client.get(reverse("committee:download", args=[draft.pk]))
    assert b"".join(download.streaming_content) == job.file.open("rb").read()


def test_a_paper_changed_after_its_pdf_must_be_produced_again(
    client, senior_manager, draft, django_capture_on_commit_callbacks,
):
    client.force_login(senior_manager)
    produce(client, draft, django_capture_on_commit_callbacks)
    client.post(reverse("committee:edit", args=[draft.pk]), form_data(subject="Changed after the PDF"))
    detail = client.get(reverse("committee:detail", args=[draft.pk])).content.decode()
    assert "The paper has changed since; produce the PDF again before issuing it." in detail
    assert "Issue to members" not in detail
    refused = client.post(reverse("committee:issue", args=[draft.pk]), follow=True)
    assert "The paper has changed since its latest PDF was produced." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == CommitteeReport.Status.DRAFT


def test_produce_and_issue_need_a_post(client, senior_manager, draft):
    client.force_login(senior_manager)
    assert client.get(reverse("committee:produce", args=[draft.pk])).status_code == 405
    assert client.get(reverse("committee:issue", args=[draft.pk])).status_code == 405


def test_without_a_pdf_there_is_nothing_to_download(client, senior_manager, draft):
    client.force_login(senior_manager)
    assert client.get(reverse("committee:download", args=[draft.pk])).status_code == 404


# --- queries -------------------------------------------------------------------------------------


def _page_queries(client, report) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("committee:detail", args=[report.pk])).status_code == 200
    return len(queries)


def test_the_papers_page_runs_the_same_queries_however_much_data(
    client, senior_manager, make_child, team_a, auditor, audit_template,
):
    report = make_paper(senior_manager)
    client.force_login(senior_manager)
    make_snapshots()
    make_audits(make_private_children(make_child, team_a), audit_template, auditor)
    make_plans(senior_manager)
    few = _page_queries(client, report)
    make_audits([make_child(team_a) for _ in range(15)], audit_template, auditor)
    make_plans(senior_manager)
    make_plans(senior_manager)
    assert _page_queries(client, report) == few
