"""Inspection records: who may see and record them, the form's checks, the timetable and the forecast."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspection.models import Inspection

pytestmark = pytest.mark.django_db


def _post(on_site=(2, 3, 2026), **extra):
    day, month, year = on_site
    data = {"kind": "ilacs_standard", "title": "ILACS standard inspection, March 2026",
            "on_site_from_0": day, "on_site_from_1": month, "on_site_from_2": year, "notes": ""}
    data.update(extra)
    return data


@pytest.fixture
def published(senior_manager):
    return Inspection.objects.create(kind="ilacs_standard", title="ILACS 2024", on_site_from=date(2024, 3, 4),
                                     published_on=date(2024, 5, 10), overall_grade=2, created_by=senior_manager)


@pytest.mark.parametrize("path", ["/inspections/", "/inspections/new/", "/inspections/{pk}/", "/inspections/{pk}/edit/"])
def test_signed_out_visitors_are_sent_to_sign_in(client, published, path):
    response = client.get(path.format(pk=published.pk))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


def test_practitioners_and_administrators_cannot_see_inspections(client, practitioner, administrator, published):
    for user in (practitioner, administrator):
        client.force_login(user)
        assert client.get("/inspections/").status_code == 403
        assert client.get(f"/inspections/{published.pk}/").status_code == 403


def test_members_and_auditors_may_read_but_not_record(client, elected_member, auditor, published):
    for user in (elected_member, auditor):
        client.force_login(user)
        assert client.get("/inspections/").status_code == 200
        assert client.get(f"/inspections/{published.pk}/").status_code == 200
        assert client.get("/inspections/new/").status_code == 403
        assert client.post(f"/inspections/{published.pk}/edit/", _post()).status_code == 403


def test_the_list_forecasts_the_next_inspection_from_the_last_published_grade(client, senior_manager, published):
    client.force_login(senior_manager)
    page = client.get("/inspections/").content.decode()
    assert "An ILACS short inspection" in page and "May 2027" in page


def test_a_senior_manager_records_an_inspection_and_sees_its_timetable(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/inspections/new/", _post())
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inspections/{inspection.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Week 2 on site" in page and "Mon 23 Feb 2026" in page  # told five working days before
    assert inspection.history.first().history_user == senior_manager


def test_publication_adds_the_action_plan_deadline(client, senior_manager):
    client.force_login(senior_manager)
    client.post("/inspections/new/", _post(published_on_0=30, published_on_1=6, published_on_2=2026, overall_grade=3))
    page = client.get(f"/inspections/{Inspection.objects.get().pk}/").content.decode()
    assert "Action plan due to Ofsted" in page and "Wed 7 Oct 2026" in page


def test_bad_dates_and_a_grade_without_publication_are_refused_and_nothing_is_saved(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/inspections/new/", _post(on_site_to_0=1, on_site_to_1=3, on_site_to_2=2026, overall_grade=2))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "the first day on site" in page and "to record its overall grade" in page
    assert not Inspection.objects.exists()


def test_only_a_pdf_report_is_accepted_and_it_downloads(client, senior_manager):
    client.force_login(senior_manager)
    bad = SimpleUploadedFile("report.docx", b"not a pdf", content_type="application/msword")
    response = client.post("/inspections/new/", _post(report=bad))
    assert response.status_code == 200 and not Inspection.objects.exists()
    good = SimpleUploadedFile("report.pdf", b"%PDF-1.4 a report", content_type="application/pdf")
    client.post("/inspections/new/", _post(report=good))
    inspection = Inspection.objects.get()
    download = client.get(f"/inspections/{inspection.pk}/report/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_list_warns_once_the_forecast_window_has_opened(client, senior_manager):
    Inspection.objects.create(kind="ilacs_short", title="ILACS short 2023", on_site_from=date(2023, 3, 6),
                              published_on=date(2023, 5, 1), overall_grade=2, created_by=senior_manager)
    client.force_login(senior_manager)
    assert "inspectors could give notice at any time" in client.get("/inspections/").content.decode()


def test_the_readiness_page_is_for_those_who_may_see_inspections(client, practitioner, elected_member):
    assert client.get("/inspections/readiness/").status_code == 302
    client.force_login(practitioner)
    assert client.get("/inspections/readiness/").status_code == 403
    client.force_login(elected_member)
    page = client.get("/inspections/readiness/").content.decode()
    assert "Are we ready?" in page and "This quarter&#x27;s case audits" in page
    assert 'href="/audits/samples/"' not in page  # members cannot open the audit samples


def test_readiness_counts_this_quarters_audited_cases_and_the_latest_self_evaluation(
    client, senior_manager, auditor, child_a, child_b, audit_template
):
    from django.utils import timezone

    from inspection.models import AuditSample, CaseAudit, SampleMember
    from inspection.self_evaluation import services as self_evaluation

    today = timezone.localdate()
    sample = AuditSample.objects.create(name="This month", purpose="monthly", size=2, seed=1, drawn_on=today, created_by=auditor)
    done = SampleMember.objects.create(sample=sample, child=child_a)
    SampleMember.objects.create(sample=sample, child=child_b)
    CaseAudit.objects.create(child=child_a, member=done, template=audit_template, auditor=auditor, status="completed", overall_grade=2)
    evaluation = self_evaluation.self_evaluation_start(actor=senior_manager, title="2026")
    self_evaluation.version_save(actor=senior_manager, self_evaluation=evaluation,
                                 texts={"quality_and_impact": "a", "how_we_know": "b", "plans": "c"}, audit_samples=[])
    client.force_login(senior_manager)
    page = client.get("/inspections/readiness/").content.decode()
    assert "1 of 2 cases audited this quarter." in page and "In progress" in page
    assert f"Last saved on {today:%-d %B %Y}." in page


def test_an_inspection_links_to_the_action_plan_that_answers_it(client, senior_manager, team_manager, published):
    from actionplans.models import ActionPlan, PlanSource

    plan = ActionPlan(title="Written statement of action", source=PlanSource.INSPECTION,
                      published_on=published.published_on, created_by=senior_manager)
    plan.raised_by = published
    plan.save()
    ActionPlan.objects.create(title="Another plan", source=PlanSource.OTHER, created_by=senior_manager)
    client.force_login(senior_manager)
    page = client.get(f"/inspections/{published.pk}/").content.decode()
    assert "Written statement of action" in page and f"/action-plans/{plan.pk}/" in page
    assert "Another plan" not in page
    assert published.get_absolute_url() == f"/inspections/{published.pk}/"
