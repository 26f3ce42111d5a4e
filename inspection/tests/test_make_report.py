"""make_report: every report kind from the command line through the same code as the job, with
the same permission check and, for exports of children's details, the same access-log entry."""

from datetime import date

import openpyxl
import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplans.models import ActionPlan, PlanSource
from cases.models import AccessLogEntry
from inspection.management.commands.make_report import parse_parameters

pytestmark = pytest.mark.django_db


def _text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_an_action_plan_pdf_from_the_command_line(tmp_path, senior_manager, capsys):
    plan = ActionPlan.objects.create(title="Written statement of action 2026", source=PlanSource.INSPECTION,
                                     published_on=date(2026, 1, 12), created_by=senior_manager)
    out = tmp_path / "plan.pdf"
    call_command("make_report", "action_plan", "--user", senior_manager.username, "--out", str(out),
                 "--param", f"plan={plan.pk}")
    assert "Action plan: Written statement of action 2026" in _text(out)
    assert "Wrote Action plan: Written statement of action 2026" in capsys.readouterr().out
    assert not AccessLogEntry.objects.exists(), "an action plan holds no children's details"


def test_the_children_list_is_scoped_to_the_user_and_logged_as_an_export(tmp_path, practitioner, make_child, team_a,
                                                                        team_b):
    make_child(team_a, first_name="Ava", last_name="Ahmed")
    make_child(team_b, first_name="Jack", last_name="Baker")
    out = tmp_path / "children.pdf"
    call_command("make_report", "children_list", "--user", practitioner.username, "--out", str(out))
    text = _text(out)
    assert "Ahmed" in text and "Baker" not in text
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action) == (practitioner, AccessLogEntry.Action.EXPORTED)
    assert "from the command line" in entry.detail


def test_annex_a_is_written_as_a_workbook(tmp_path, auditor):
    out = tmp_path / "annex-a.xlsx"
    call_command("make_report", "annex_a", "--user", auditor.username, "--out", str(out), "--param", "as_at=2026-11-01")
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[:2] == ["List_1", "List_2"]


@pytest.mark.parametrize(("arguments", "message"), [
    (["action_plan", "--user", "nobody", "--out", "{tmp}/plan.pdf", "--param", "plan=1"], "There is no user 'nobody'"),
    (["action_plan", "--user", "{practitioner}", "--out", "{tmp}/plan.pdf", "--param", "plan=1"],
     "You do not have permission"),
    (["action_plan", "--user", "{senior}", "--out", "{tmp}/plan.xlsx", "--param", "plan=1"], "must name a .pdf file"),
    (["action_plan", "--user", "{senior}", "--out", "{tmp}/plan.pdf", "--param", "plan=999"],
     "The report could not be produced"),
    (["action_plan", "--user", "{senior}", "--out", "{tmp}/plan.pdf", "--param", "plan"], "--param takes NAME=VALUE"),
    (["annex_a", "--user", "{senior}", "--out", "{tmp}/missing/annex-a.xlsx"], "does not exist"),
])
def test_bad_requests_are_refused_with_the_reason(tmp_path, senior_manager, practitioner, arguments, message):
    arguments = [argument.format(tmp=tmp_path, practitioner=practitioner.username, senior=senior_manager.username)
                 for argument in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("make_report", *arguments)
    assert not list(tmp_path.glob("*.pdf"))


def test_parameters_are_the_jobs_own():
    assert parse_parameters(["plan=3"], listed=False) == {"plan": "3"}
    assert parse_parameters(["team=1", "team=2"], listed=True) == {"team": ["1", "2"]}
    with pytest.raises(CommandError, match="given twice"):
        parse_parameters(["plan=1", "plan=2"], listed=False)
