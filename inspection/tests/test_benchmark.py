"""The benchmark (issue 10): its budget checks, which are pure, and a short run of the command on
a small seeded council that writes the JSON. The times themselves are never asserted here: they
are the benchmark's business on the full-size council, not a unit test's."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import NoReverseMatch, reverse
from openpyxl import Workbook

from inspection.benchmarking import baselines, budgets, report
from inspection.benchmarking.pages import percentile
from inspection.roles import Role

# --- the budgets


def test_a_list_page_may_take_twice_the_reference_page():
    within = budgets.page_checks(page_class=budgets.LIST_OR_DETAIL, median=0.2, reference_median=0.1, queries=20)
    over = budgets.page_checks(page_class=budgets.LIST_OR_DETAIL, median=0.201, reference_median=0.1, queries=20)
    assert budgets.passed(within)
    assert not budgets.passed(over)
    assert [check.check for check in over if not check.passed] == ["median vs the reference page"]


def test_a_dashboard_may_take_three_times_the_reference_page():
    assert budgets.passed(budgets.page_checks(page_class=budgets.DASHBOARD, median=0.3, reference_median=0.1, queries=5))
    assert not budgets.passed(budgets.page_checks(page_class=budgets.DASHBOARD, median=0.31, reference_median=0.1, queries=5))


def test_the_reference_page_is_held_to_the_query_budget_only():
    checks = budgets.page_checks(page_class=budgets.REFERENCE, median=0.1, reference_median=0.1, queries=6)
    assert [check.check for check in checks] == ["queries"]


def test_no_page_may_run_more_than_twenty_queries():
    checks = budgets.page_checks(page_class=budgets.LIST_OR_DETAIL, median=0.1, reference_median=0.1, queries=21)
    assert [check.check for check in checks if not check.passed] == ["queries"]
    assert budgets.passed(budgets.page_checks(page_class=budgets.LIST_OR_DETAIL, median=0.1, reference_median=0.1, queries=20))


def test_a_page_must_run_the_same_queries_at_a_thousand_children():
    same = budgets.page_checks(page_class=budgets.DASHBOARD, median=0.1, reference_median=0.1, queries=12,
                               small_database_queries=12)
    fewer = budgets.page_checks(page_class=budgets.DASHBOARD, median=0.1, reference_median=0.1, queries=12,
                                small_database_queries=11)
    assert budgets.passed(same)
    failed = [check for check in fewer if not check.passed]
    assert [check.check for check in failed] == ["queries at 1,000 children"]
    assert failed[0].describe() == "queries at 1,000 children 11 (budget equal to 12)"


def test_untimed_pages_have_no_time_check():
    checks = budgets.page_checks(page_class=budgets.LIST_OR_DETAIL, median=None, reference_median=None, queries=3)
    assert [check.check for check in checks] == ["queries"]


def test_a_job_is_held_to_its_time_and_memory():
    budget = budgets.JOB_BUDGETS["committee-report"]
    assert budgets.passed(budgets.job_checks(name="committee-report", seconds=budget.seconds, megabytes=budget.megabytes))
    slow = budgets.job_checks(name="committee-report", seconds=budget.seconds + 0.1, megabytes=10)
    heavy = budgets.job_checks(name="committee-report", seconds=1, megabytes=budget.megabytes + 1)
    assert [check.check for check in slow if not check.passed] == ["time"]
    assert [check.check for check in heavy if not check.passed] == ["peak memory"]


def test_exports_are_held_against_the_library_alone():
    annex_a = budgets.baseline_check(what="openpyxl alone", seconds=20, baseline_seconds=10, limit=budgets.ANNEX_A_RATIO)
    pdf = budgets.baseline_check(what="WeasyPrint alone", seconds=1.6, baseline_seconds=1.0, limit=budgets.PDF_RATIO)
    assert annex_a.passed and annex_a.measured == 2.0
    assert not pdf.passed
    assert pdf.describe() == "time vs WeasyPrint alone 1.60× (budget at most 1.5×)"


def test_a_baseline_that_took_no_time_fails_rather_than_divides_by_zero():
    assert not budgets.baseline_check(what="openpyxl alone", seconds=1, baseline_seconds=0, limit=2).passed


def test_the_95th_percentile_of_twenty_requests_is_the_nineteenth_fastest():
    times = [float(n) for n in range(20, 0, -1)]
    assert percentile(times, 95) == 19.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0], 50) == 2.0


def test_the_table_has_one_aligned_line_per_measurement():
    measurements = [
        {"name": "reference", "kind": "page", "class": "reference", "median_ms": 40.0, "p95_ms": 48.0, "queries": 6,
         "queries_at_1000_children": 6, "ratio_to_reference": 1.0, "passed": True,
         "checks": [budgets.at_most("queries", 6, 20).as_json()]},
        {"name": "annex-a", "kind": "job", "class": "job", "seconds": 20.0, "megabytes": 300.0,
         "ratio_to_baseline": 2.5, "passed": False,
         "checks": [check.as_json() for check in [
             *budgets.job_checks(name="annex-a", seconds=20.0, megabytes=300.0),
             budgets.baseline_check(what="openpyxl alone", seconds=20, baseline_seconds=8, limit=2)]]},
    ]
    lines = report.table(measurements)
    assert len(lines) == 4  # headings, rule, two measurements
    assert "6 (6 at 1k)" in lines[2] and lines[2].endswith("ok")
    assert "2.50× ≤ 2×" in lines[3] and "300 MB ≤ 500" in lines[3] and lines[3].endswith("OVER")
    verdict_column = lines[0].index("Verdict")
    assert lines[2][verdict_column:] == "ok" and lines[3][verdict_column:] == "OVER"


def test_openpyxl_alone_writes_every_cell_of_the_workbook(tmp_path):
    workbook = Workbook()
    workbook.active.append(["Child ID", "Date of birth"])
    workbook.active.append(["100231", None])
    workbook.create_sheet("List 2").append([1, 2, 3])
    workbook.save(tmp_path / "annex-a.xlsx")
    seconds, cells = baselines.openpyxl_alone(tmp_path / "annex-a.xlsx")
    assert cells == 7
    assert seconds > 0


# --- the reference page and a short run


def test_the_reference_page_is_not_part_of_the_service(client, senior_manager):
    with pytest.raises(NoReverseMatch):
        reverse("benchmark_reference")
    client.force_login(senior_manager)
    assert client.get("/_benchmark/reference/").status_code == 404


@pytest.fixture
def small_council(db):
    call_command("seed_demo", "--children", "30", "--seed", "7", stdout=StringIO())


def test_a_short_run_writes_every_measurement_to_the_json(small_council, tmp_path):
    out = tmp_path / "benchmark.json"
    try:
        call_command("benchmark", "--only", "reference", "--only", "managers-dashboard", "--requests", "3",
                     "--json", str(out), stdout=StringIO())
        raised = False
    except CommandError:
        raised = True  # a dashboard over 3× the reference page on a busy machine: the JSON must say so
    findings = json.loads(out.read_text())
    assert {"date", "machine", "database", "measurements", "failures", "passed", "budgets"} <= set(findings)
    assert findings["machine"]["cpu_count"] >= 1 and len(findings["machine"]["load_average_at_start"]) == 3
    assert findings["database"]["children"] == 30 and findings["database"]["events"] > 0
    reference, dashboard = findings["measurements"]
    assert (reference["name"], dashboard["name"]) == ("reference", "managers-dashboard")
    for measurement in (reference, dashboard):
        assert measurement["requests"] == 3
        assert measurement["median_ms"] > 0 and measurement["p95_ms"] >= measurement["median_ms"]
        assert 1 <= measurement["queries"] <= budgets.MAX_QUERIES
        assert measurement["verdict"] in (report.WITHIN, report.OVER)
    assert reference["user"] == "senior.manager" and reference["ratio_to_reference"] == 1.0
    assert dashboard["class"] == budgets.DASHBOARD
    assert [check["check"] for check in dashboard["checks"]] == ["median vs the reference page", "queries"]
    assert dashboard["checks"][0]["budget"] == 3.0
    assert raised == (not findings["passed"])


def test_a_page_that_does_not_answer_200_stops_the_run(small_council, tmp_path):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    councillor = get_user_model().objects.get(username="councillor")
    councillor.groups.set([Group.objects.get(name=Role.PRACTITIONER.label)])  # no members' dashboard now
    with pytest.raises(CommandError, match="members-dashboard: /dashboards/members/ answered 403"):
        call_command("benchmark", "--only", "members-dashboard", "--requests", "1", stdout=StringIO())


def test_a_pdf_job_is_timed_against_weasyprint_laying_out_the_same_html(small_council, tmp_path):
    from inspection.benchmarking import jobs, subjects

    plan, _ = subjects.largest_action_plan()
    measured = jobs.run_job_here("action-plan-report", out=tmp_path / "plan.pdf", parameters={"plan": str(plan)},
                                 username="senior.manager")
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert measured["seconds"] > 0 and measured["megabytes"] > 0
    assert measured["compared_seconds"] > 0 and measured["baseline_seconds"] > 0
    assert re.match(r"\d+ pages?, \d+ KB; again ", measured["notes"][0])
