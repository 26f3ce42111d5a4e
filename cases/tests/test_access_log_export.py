"""Exporting a search of the access log as a spreadsheet (CSV): who may, what it holds (the
manager's scope, the search), that it is safe to open in Excel, and that the export is itself
logged. And the log page's entry numbers and note on the chain."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.exports import csv_lines, spreadsheet_safe
from cases.models import AccessLogEntry
from cases.selectors import access_log_verify
from inspection.roles import Role

pytestmark = pytest.mark.django_db

LOG_URL = reverse("access_log")
EXPORT_URL = reverse("access_log_export")
VIEWED, EXPORTED, BROKE_GLASS = (AccessLogEntry.Action.VIEWED_CHILD, AccessLogEntry.Action.EXPORTED,
                                 AccessLogEntry.Action.BROKE_GLASS)


@pytest.fixture
def entries(practitioner, practitioner_b, child_a, child_b):
    log = services.access_log_record
    return {
        "a_viewed": log(actor=practitioner, action=VIEWED, child=child_a),
        "b_viewed": log(actor=practitioner_b, action=VIEWED, child=child_b),
        "a_export": log(actor=practitioner, action=EXPORTED, detail="Children list"),
        "a_glass": log(actor=practitioner, action=BROKE_GLASS, child=child_a, detail="=HYPERLINK(\"http://x\")"),
    }


def exported(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def export_entry() -> AccessLogEntry:
    return AccessLogEntry.objects.filter(action=EXPORTED).order_by("-sequence").first()


# --- the CSV itself (pure)


@pytest.mark.parametrize("cell", ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_as_formulas_are_made_text(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell, safe", [("Children list", "Children list"), ("a=b", "a=b"), (None, ""), (12, "12"),
                                         ("", "")])
def test_other_cells_are_left_as_they_are(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_csv_lines_stream_a_header_and_rows_with_quoting():
    lines = list(csv_lines(["A", "B"], iter([["x, y", "=1"], ["line\nbreak", "ok"]])))
    assert lines[0] == "\ufeffA,B\r\n"
    assert lines[1] == "\"x, y\",'=1\r\n"
    assert lines[2] == "\"line\nbreak\",ok\r\n"


# --- who may export


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(EXPORT_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={EXPORT_URL}"


@pytest.mark.parametrize("fixture_name", ["practitioner", "auditor", "elected_member", "administrator"])
def test_roles_without_the_access_log_are_refused_and_nothing_is_logged(client, request, fixture_name, entries):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.get(EXPORT_URL).status_code == 403
    assert AccessLogEntry.objects.count() == 4


# --- what it holds


def test_senior_manager_exports_every_entry_newest_first_with_numbers_and_fingerprints(client, senior_manager,
                                                                                         entries, child_a):
    client.force_login(senior_manager)
    rows = exported(client.get(EXPORT_URL))
    assert rows[0] == ["Entry number", "When (UK time)", "Username", "Name", "What", "Child ID", "Detail",
                       "Fingerprint"]
    assert [row[0] for row in rows[1:]] == ["4", "3", "2", "1"]
    glass = rows[1]
    assert glass[2:6] == ["practitioner", "Practitioner Tester", "Opened a restricted record in an emergency",
                          child_a.local_id]
    assert glass[7] == entries["a_glass"].entry_hash
    assert glass[1] == f"{timezone.localtime(entries['a_glass'].at):%Y-%m-%d %H:%M:%S}"


def test_a_detail_written_as_a_formula_is_exported_as_text(client, senior_manager, entries):
    client.force_login(senior_manager)
    rows = exported(client.get(EXPORT_URL, {"action": BROKE_GLASS}))
    assert rows[1][6] == "'=HYPERLINK(\"http://x\")"


def test_team_manager_exports_only_their_teams_entries(client, team_manager, entries, child_b):
    client.force_login(team_manager)
    rows = exported(client.get(EXPORT_URL))
    assert {row[2] for row in rows[1:]} == {"practitioner"}
    assert child_b.local_id not in {row[5] for row in rows[1:]}
    assert len(rows) == 4


def test_the_export_is_the_current_search(client, senior_manager, entries, child_a):
    client.force_login(senior_manager)
    rows = exported(client.get(EXPORT_URL, {"child": child_a.local_id, "action": VIEWED, "page": "3"}))
    assert [row[0] for row in rows[1:]] == [str(entries["a_viewed"].sequence)]


def test_the_export_is_logged_naming_the_search_and_is_not_in_itself(client, senior_manager, entries, child_a):
    client.force_login(senior_manager)
    today = timezone.localdate()
    rows = exported(client.get(EXPORT_URL, {"child": child_a.local_id, "user": "practitioner",
                                            "from_date": str(today - timedelta(days=1)), "to_date": str(today)}))
    logged = export_entry()
    assert (logged.user, logged.action, logged.child, logged.sequence) == (senior_manager, EXPORTED, None, 5)
    assert logged.detail == (
        f"Exported 2 access-log entries as a spreadsheet (CSV); search: child ID {child_a.local_id}; username "
        f"practitioner; from {today - timedelta(days=1):%-d %b %Y}; to {today:%-d %b %Y}")
    assert len(rows) == 3
    assert access_log_verify().intact


def test_an_export_of_everything_says_so(client, senior_manager, entries):
    client.force_login(senior_manager)
    exported(client.get(EXPORT_URL))
    assert export_entry().detail == "Exported 4 access-log entries as a spreadsheet (CSV); search: every entry"


def test_a_large_export_is_read_in_batches_and_complete(client, senior_manager, practitioner, monkeypatch):
    from cases.selectors import access_log as access_log_selectors

    for number in range(7):
        services.access_log_record(actor=practitioner, action=VIEWED, detail=f"Entry {number}")
    original = access_log_selectors.access_log_in_batches
    monkeypatch.setattr("cases.views.access_log.selectors.access_log_in_batches",
                        lambda entries: original(entries, batch_size=3))
    client.force_login(senior_manager)
    rows = exported(client.get(EXPORT_URL))
    assert [int(row[0]) for row in rows[1:]] == [7, 6, 5, 4, 3, 2, 1]


# --- bad input


def test_a_search_that_makes_no_sense_is_shown_back_with_its_error_and_nothing_is_exported(client, senior_manager,
                                                                                           entries):
    client.force_login(senior_manager)
    today = timezone.localdate()
    response = client.get(EXPORT_URL, {"from_date": str(today), "to_date": str(today - timedelta(days=2))})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in page
    assert "Download these" not in page
    assert not AccessLogEntry.objects.filter(action=EXPORTED, user=senior_manager).exists()


def test_a_date_that_is_not_a_date_is_shown_back(client, senior_manager, entries):
    client.force_login(senior_manager)
    response = client.get(EXPORT_URL, {"from_date": "yesterday"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert AccessLogEntry.objects.count() == 4


# --- the log page


def test_the_log_page_shows_entry_numbers_the_chain_note_and_a_download_of_the_search(client, senior_manager,
                                                                                       entries, child_a):
    client.force_login(senior_manager)
    response = client.get(LOG_URL, {"child": child_a.local_id, "page": "1"})
    page = response.content.decode()
    assert "How we know the log has not been changed" in page
    assert "manage.py verify_access_log" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in page
    assert f'href="{EXPORT_URL}?child={child_a.local_id}"' in page
    assert "Download these 2 entries as a spreadsheet (CSV)" in page


def test_the_log_page_offers_no_download_when_nothing_matches(client, senior_manager, entries):
    client.force_login(senior_manager)
    page = client.get(LOG_URL, {"child": "NOBODY"}).content.decode()
    assert "No entries match." in page
    assert "Download these" not in page


def test_team_manager_of_the_other_team_exports_none_of_the_first_teams_entries(client, make_user, team_b, entries):
    client.force_login(make_user("manager.b", Role.TEAM_MANAGER, team_b, managed=(team_b,)))
    rows = exported(client.get(EXPORT_URL))
    assert {row[2] for row in rows[1:]} == {"practitioner.b"}
