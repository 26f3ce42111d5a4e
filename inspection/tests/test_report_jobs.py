"""Report jobs: the stages a job reports while it runs, retries after a transient fault, the
contents page every PDF gets, and asking for a report from My reports."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from inspection import services
from inspection.models import ReportJob
from inspection.reports import REPORTS
from inspection.reports.base import Report, RenderedReport, with_contents
from inspection.tasks import render_report

pytestmark = pytest.mark.django_db
REPORTS_URL = reverse("report_list")


# --- the contents page (pure) --------------------------------------------------------------------

PAGE = "<html><body><h1>Title</h1><!-- contents --><!-- content starts -->{}</body></html>"


def test_two_sections_or_more_get_a_contents_list_linking_each_heading():
    page = with_contents(PAGE.format("<h2>1. Purpose</h2><p>x</p><h2 class='big'>2. Risks &amp; issues</h2>"))
    assert '<nav class="contents"' in page
    assert '<h2 id="section-1-purpose">1. Purpose</h2>' in page
    assert "<h2 class='big' id=\"section-2-risks-issues\">" in page
    assert '<li><a href="#section-1-purpose">1. Purpose</a></li>' in page
    assert '<li><a href="#section-2-risks-issues">2. Risks &amp; issues</a></li>' in page
    assert page.index("<nav") < page.index("<h2")


def test_one_section_gets_no_contents_and_the_marker_goes():
    page = with_contents(PAGE.format("<h2>Children</h2>"))
    assert "contents" not in page.replace("content starts", "")
    assert "<nav" not in page


def test_headings_keep_their_own_ids_and_repeated_titles_get_distinct_anchors():
    page = with_contents(PAGE.format('<h2 id="mine">Summary</h2><h2>Actions</h2><h2>Actions</h2>'))
    assert '<a href="#mine">Summary</a>' in page
    assert 'href="#section-actions"' in page and 'href="#section-actions-2"' in page


def test_headings_in_the_cover_are_not_listed():
    page = with_contents("<h1>T</h1><h2>Summary</h2><!-- contents --><!-- content starts --><h2>A</h2><h2>B</h2>")
    assert 'href="#section-a"' in page and 'href="#section-b"' in page
    assert "Summary</a>" not in page


# --- stages and retries --------------------------------------------------------------------------


class ScriptedReport(Report):
    """A report whose render follows a script: record the stage, then fail or succeed."""

    kind = "children_list"
    permission = "cases.view_child"

    def __init__(self, failures):
        self.failures = list(failures)
        self.stages_seen = []

    def title_for(self, parameters):
        return "Scripted"

    def render(self, job, progress=lambda stage: None):
        progress("Counting the children")
        self.stages_seen.append(ReportJob.objects.get(pk=job.pk).stage)
        if self.failures:
            raise self.failures.pop(0)
        return RenderedReport(content=b"%PDF-1.4 scripted", page_count=1)


@pytest.fixture
def scripted(monkeypatch):
    def install(*failures):
        report = ScriptedReport(failures)
        monkeypatch.setitem(REPORTS, "children_list", report)
        return report

    return install


def job_for(user):
    return ReportJob.objects.create(kind="children_list", title="Scripted", requested_by=user)


def test_a_running_job_shows_its_stage_and_clears_it_when_ready(practitioner, scripted):
    report = scripted()
    job = job_for(practitioner)
    assert services.report_job_run(job_pk=job.pk) == "ready"
    assert report.stages_seen == ["Counting the children"]
    job.refresh_from_db()
    assert (job.status, job.stage, job.attempts, job.page_count) == ("ready", "", 1, 1)


def test_a_transient_fault_is_retried_and_the_job_completes(practitioner, scripted):
    report = scripted(OperationalError("server closed the connection"), OperationalError("again"))
    job = job_for(practitioner)
    render_report.delay(job.pk)  # eager in tests: the retries run at once
    job.refresh_from_db()
    assert job.status == "ready"
    assert job.attempts == 3
    assert len(report.stages_seen) == 3


def test_a_fault_that_persists_fails_the_job_after_three_attempts_with_a_reason(practitioner, scripted):
    scripted(*[OperationalError("database is down")] * 5)
    job = job_for(practitioner)
    render_report.delay(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.attempts == 3
    assert "after 3 attempts" in job.error and "database is down" in job.error
    assert job.stage == ""


def test_a_transient_fault_leaves_the_job_queued_saying_it_will_try_again(practitioner, scripted):
    scripted(OperationalError("blip"))
    job = job_for(practitioner)
    with pytest.raises(services.TransientReportFailure):
        services.report_job_run(job_pk=job.pk, final_attempt=False)
    job.refresh_from_db()
    assert job.status == "queued"
    assert job.stage == "Waiting to try again after a temporary fault (attempt 1 of 3)"


def test_a_programming_fault_is_not_retried(practitioner, scripted):
    scripted(ValueError("bad template"))
    job = job_for(practitioner)
    render_report.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 1)
    assert "ValueError: bad template" in job.error


def test_a_job_left_running_by_a_worker_that_died_is_run_again(practitioner, scripted):
    scripted()
    job = job_for(practitioner)
    ReportJob.objects.filter(pk=job.pk).update(status="running", stage="Laying out the pages", attempts=1)
    assert services.report_job_run(job_pk=job.pk) == "ready"
    job.refresh_from_db()
    assert job.attempts == 2


# --- My reports: stages shown, and asking for a report --------------------------------------------


def test_my_reports_shows_the_stage_of_a_running_job_and_offers_to_check_again(client, practitioner):
    ReportJob.objects.create(kind="children_list", title="List of children", requested_by=practitioner,
                             status="running", stage="Laying out the pages")
    client.force_login(practitioner)
    page = client.get(REPORTS_URL).content.decode()
    assert "Laying out the pages" in page
    assert 'data-pending="true"' in page
    assert "Check again" in page
    assert "report-status.mjs" in page


def test_my_reports_does_not_poll_when_nothing_is_pending(client, practitioner):
    ReportJob.objects.create(kind="children_list", title="List of children", requested_by=practitioner, status="ready")
    client.force_login(practitioner)
    page = client.get(REPORTS_URL).content.decode()
    assert 'data-pending="false"' in page and "Check again" not in page


def test_my_reports_offers_only_the_reports_a_user_may_have(client, practitioner, senior_manager):
    client.force_login(practitioner)
    assert [offer.kind for offer in client.get(REPORTS_URL).context["offered"]] == ["audit_findings"]  # their team's
    client.force_login(senior_manager)
    offered = [offer.kind for offer in client.get(REPORTS_URL).context["offered"]]
    assert "annex_a" in offered
    for kind in offered:
        assert senior_manager.has_perm(REPORTS[kind].permission)


def request_url(kind):
    return reverse("report_request", args=[kind])


def test_asking_for_a_report_needs_sign_in(client):
    response = client.post(request_url("annex_a"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not ReportJob.objects.exists()


def test_asking_for_a_report_needs_a_post(client, senior_manager):
    client.force_login(senior_manager)
    assert client.get(request_url("annex_a")).status_code == 405


def test_asking_for_a_report_without_its_permission_is_refused(client, practitioner):
    client.force_login(practitioner)
    assert client.post(request_url("annex_a")).status_code == 403
    assert not ReportJob.objects.exists()


def test_asking_for_an_unknown_report_is_not_found(client, senior_manager):
    client.force_login(senior_manager)
    assert client.post(request_url("no_such_report")).status_code == 404
    assert client.post(request_url("children_list")).status_code == 404  # asked for from the children list
    assert not ReportJob.objects.exists()


def test_asking_for_the_board_report_with_no_board_says_so_and_records_nothing(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(request_url("board_report"), follow=True)
    assert "cannot be produced yet" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_asking_for_a_report_records_the_job_with_todays_parameters(client, senior_manager, monkeypatch):
    monkeypatch.setattr("inspection.tasks.render_report.apply_async", lambda args, **options: None)  # no worker here
    client.force_login(senior_manager)
    response = client.post(request_url("annex_a"))
    assert response.status_code == 302 and response["Location"] == REPORTS_URL
    job = ReportJob.objects.get()
    assert (job.kind, job.requested_by, job.status) == ("annex_a", senior_manager, "queued")
    assert set(job.parameters) == {"as_at"}


# --- the report service (Redis) away when a report is asked for ------------------------------------


def _report_service_away(*args, **kwargs):
    from kombu.exceptions import OperationalError as BrokerError

    raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_report_asked_for_while_the_report_service_is_away_waits_and_the_page_still_answers(
    client, senior_manager, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(render_report, "apply_async", _report_service_away)
    client.force_login(senior_manager)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("children_list_report_request"), follow=True)
    assert len(callbacks) == 1
    assert response.status_code == 200
    assert "has been requested" in response.content.decode()
    job = ReportJob.objects.get()
    assert (job.status, job.stage, job.attempts) == ("queued", services.WAITING_FOR_REPORT_SERVICE, 0)
    assert services.WAITING_FOR_REPORT_SERVICE in client.get(REPORTS_URL).content.decode()  # My reports says why
    assert f"Report job {job.pk} could not be sent to the report service" in caplog.text


def test_sending_a_job_asks_the_report_service_briefly_then_gives_up(monkeypatch, senior_manager):
    sent = []
    monkeypatch.setattr(render_report, "apply_async", lambda args, **options: sent.append((args, options)))
    job = ReportJob.objects.create(kind="children_list", title="List of children", parameters={}, requested_by=senior_manager)
    assert services.report_job_send(job_pk=job.pk) is True
    ((args, options),) = sent
    assert args == (job.pk,)
    assert options["retry"] is True and options["retry_policy"]["max_retries"] <= 1
    job.refresh_from_db()
    assert job.stage == ""


def test_waiting_jobs_are_sent_again_and_their_waiting_note_cleared(monkeypatch, senior_manager):
    from inspection.tasks import requeue_waiting_reports

    def job(**fields):
        return ReportJob.objects.create(kind="children_list", title="List of children", parameters={},
                                        requested_by=senior_manager, **fields)

    waiting = job(stage=services.WAITING_FOR_REPORT_SERVICE)
    queued_normally = job()
    already_running = job(status=ReportJob.Status.RUNNING, stage=services.WAITING_FOR_REPORT_SERVICE)
    sent = []
    monkeypatch.setattr(render_report, "apply_async", lambda args, **options: sent.append(args[0]))

    assert requeue_waiting_reports.apply().get() == 1
    assert sent == [waiting.pk]  # not the job sent normally, nor one a worker already took
    waiting.refresh_from_db()
    assert waiting.stage == ""
    assert requeue_waiting_reports.apply().get() == 0  # nothing sent twice
    queued_normally.refresh_from_db(), already_running.refresh_from_db()
    assert queued_normally.stage == "" and already_running.stage == services.WAITING_FOR_REPORT_SERVICE


def test_a_job_that_still_cannot_be_sent_keeps_waiting(monkeypatch, senior_manager):
    job = ReportJob.objects.create(kind="children_list", title="List of children", parameters={},
                                   requested_by=senior_manager, stage=services.WAITING_FOR_REPORT_SERVICE)
    monkeypatch.setattr(render_report, "apply_async", _report_service_away)
    assert services.report_jobs_resend_waiting() == 0
    job.refresh_from_db()
    assert (job.status, job.stage) == ("queued", services.WAITING_FOR_REPORT_SERVICE)


def test_the_scheduler_and_each_starting_worker_send_waiting_jobs_again(settings, monkeypatch):
    from celery.signals import worker_ready

    from inspection import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["requeue-waiting-reports"]
    assert entry["task"] == tasks.requeue_waiting_reports.name and entry["schedule"] <= 60
    started = []
    monkeypatch.setattr(tasks.requeue_waiting_reports, "delay", lambda: started.append(True))
    worker_ready.send(sender=None)
    assert started == [True]
