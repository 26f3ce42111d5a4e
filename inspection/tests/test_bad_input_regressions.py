"""The server errors the property tests of bad input found (property_testing/, */tests/
test_forms_property.py), each pinned by one plain example: they stay fixed whatever examples
Hypothesis happens to draw. Each runs under ``postgres_rules``, so what PostgreSQL would refuse
fails here too."""

import pytest
from django.urls import reverse

from cases.models import Episode, Stage
from inspection.models import ReportJob
from property_testing import postgres_rules

pytestmark = pytest.mark.django_db


def test_a_day_or_month_of_twenty_digits_is_not_a_real_date(client, practitioner, child_a):
    """It overflowed Python's date (OverflowError, not ValueError): a server error on every date input."""
    client.force_login(practitioner)
    url = reverse("cases:episode_add", args=[child_a.pk, Stage.CHILD_PROTECTION])
    for day, month in [("99999999999999999999", "1"), ("1", "99999999999999999999")]:
        with postgres_rules():
            response = client.post(url, {"start_date_0": day, "start_date_1": month, "start_date_2": "2025",
                                         "initial_category": "a) Neglect"})
        assert response.status_code == 200 and "Enter a real date" in response.content.decode()
    assert not Episode.objects.exists()


def test_signing_in_with_a_username_longer_than_any_is_refused_with_a_message(client, senior_manager):
    """Django never checked the username's length; the sign-in log (django-axes) refused it on PostgreSQL."""
    with postgres_rules():
        response = client.post(reverse("login"), {"username": "a" * 256, "password": "anything"})
    assert response.status_code == 200
    assert "The username must be 150 characters or fewer" in response.content.decode()


def test_printing_the_children_list_keeps_only_the_lists_own_filters_as_the_list_read_them(client, practitioner, child_a):
    """Anything posted was kept with the job: a NUL byte could not be stored (jsonb), nor filters the
    list refuses be printed."""
    client.force_login(practitioner)
    url = reverse("children_list_report_request")
    with postgres_rules():
        refused = client.post(url, {"q": "Ava\x00Ahmed"})
    assert refused.status_code == 302 and refused["Location"] == reverse("cases:child_list")
    assert not ReportJob.objects.exists()
    with postgres_rules():
        kept = client.post(url, {"q": ["\x00", "Ahmed"], "sort": "dob", "page": "2", "anything": "else"})
    assert kept.status_code == 302 and kept["Location"] == reverse("report_list")
    assert ReportJob.objects.get().parameters == {"q": ["Ahmed"], "sort": ["dob"]}


@pytest.mark.parametrize(("back", "lands_on"), [
    ("abc", "/stuck-cases/"),  # not a path, nor a page's name: it was a server error (NoReverseMatch)
    ("Ava\x00Ahmed", "/stuck-cases/"),
    ("//evil.example/", "/stuck-cases/"),
    ("https://evil.example/", "/stuck-cases/"),
    ("/caseload/\x00", "/stuck-cases/"),
    ("/caseload/", "/caseload/"),
])
def test_after_working_caseloads_out_again_only_a_page_of_this_service_is_gone_back_to(
    client, team_manager, monkeypatch, back, lands_on
):
    from cases import tasks

    monkeypatch.setattr(tasks.refresh_case_summaries, "apply_async", lambda *args, **kwargs: None)
    client.force_login(team_manager)
    response = client.post(reverse("caseload:work_out_again"), {"next": back})
    assert response.status_code == 302 and response["Location"] == lands_on


def test_a_date_in_the_year_9999_is_refused_rather_than_breaking_the_pages_that_work_from_it(client, senior_manager):
    """An inspection on site from 31 12 9999 was saved; its page then failed working out its timetable
    (the year 10000 is out of range). Every GOV.UK date input takes the years 1900 to 2100."""
    from inspection.models import Inspection

    client.force_login(senior_manager)
    for year, message in [("9999", "The year must be between 1900 and 2100"), ("1899", "The year must be between 1900 and 2100"),
                          ("0000", "The year must be between 1900 and 2100")]:
        response = client.post(reverse("inspections:create"), {
            "kind": "ilacs_standard", "title": "ILACS", "on_site_from_0": "31", "on_site_from_1": "12",
            "on_site_from_2": year})
        assert response.status_code == 200 and message in response.content.decode(), year
    assert not Inspection.objects.exists()
