"""The grades form: one fieldset per area in the framework's order, blank meaning not graded,
evidence links written "title | address" one per line and checked line by line."""

import pytest
from django.core.exceptions import ValidationError

from judgements.models import Framework
from judgements.sets.forms import ChooseForm, JudgementSetForm, parse_links
from judgements.sets.selectors import framework_areas

pytestmark = pytest.mark.django_db


def _form(code: str, data=None) -> JudgementSetForm:
    framework = Framework.objects.get(code=code)
    return JudgementSetForm(data, framework=framework, areas=framework_areas(framework))


def test_links_are_read_one_per_line_with_blank_lines_skipped():
    text = "Audit programme, March 2026 | /audits/samples/4/\n\n  Ofsted report | https://reports.ofsted.gov.uk/a  \n"
    assert parse_links(text) == (("Audit programme, March 2026", "/audits/samples/4/"),
                                 ("Ofsted report", "https://reports.ofsted.gov.uk/a"))


def test_a_title_may_contain_a_vertical_bar_the_last_one_separates_the_address():
    assert parse_links("Board | minutes | /lscb/3/") == (("Board | minutes", "/lscb/3/"),)


@pytest.mark.parametrize(("line", "problem"), [
    ("Audit /audits/1/", "put a vertical bar"),
    (" | /audits/1/", "enter a title before the vertical bar"),
    ("Audit | ", "enter the address after the vertical bar"),
    ("Audit | javascript:alert(1)", "must be a page in Line of Sight"),
    ("Audit | //evil.example/x", "must be a page in Line of Sight"),
    ("Audit | ftp://example.org/x", "must be a page in Line of Sight"),
    ("Audit | /audits/ 1/", "must be a page in Line of Sight"),
    ("T" * 201 + " | /audits/1/", "title must be 200 characters or fewer"),
    ("Audit | /" + "a" * 500, "address must be 500 characters or fewer"),
])
def test_each_bad_line_is_named(line, problem):
    with pytest.raises(ValidationError) as refused:
        parse_links(f"Good | /audits/1/\n{line}")
    [message] = refused.value.messages
    assert message.startswith("Line 2: ") and problem in message


def test_the_sif_form_has_a_grade_evidence_and_links_per_area_in_order_and_an_override_reason():
    form = _form("sif_2013")
    grades = [name for name in form.fields if name.startswith("grade_")]
    assert grades == ["grade_overall", "grade_help_protection", "grade_looked_after", "grade_adoption",
                      "grade_care_leavers", "grade_leadership", "grade_lscb"]
    assert "evidence_adoption" in form.fields and "links_lscb" in form.fields and "override_reason" in form.fields
    assert dict(form.fields["grade_overall"].choices)[""] == "Not graded"


def test_ilacs_2026_has_no_overall_grade_and_no_override_reason():
    form = _form("ilacs_2026")
    assert "grade_overall" not in form.fields and "override_reason" not in form.fields
    assert [name for name in form.fields if name.startswith("grade_")] == [
        "grade_leaders", "grade_help_protection", "grade_in_care", "grade_care_leavers"]


def test_blank_grades_mean_not_graded_and_the_service_gets_every_area():
    form = _form("ilacs_2023", {"title": "Self-assessment", "source": "self_assessment", "judged_on_0": "1",
                                "judged_on_1": "4", "judged_on_2": "2026", "grade_overall": "2", "grade_leaders": "",
                                "links_leaders": "Plan | /plans/1/"})
    assert form.is_valid(), form.errors
    entries = form.service_arguments()["entries"]
    assert list(entries) == ["overall", "leaders", "help_protection", "in_care", "care_leavers"]
    assert entries["overall"].grade == 2 and entries["leaders"].grade is None
    assert entries["leaders"].links == (("Plan", "/plans/1/"),)


def test_a_grade_that_is_not_on_the_scale_is_refused():
    form = _form("ilacs_2023", {"title": "x", "source": "mock", "judged_on_0": "1", "judged_on_1": "4",
                                "judged_on_2": "2026", "grade_overall": "5"})
    assert not form.is_valid() and "grade_overall" in form.errors


def test_error_links_land_on_the_first_radio_and_the_day_of_a_date():
    form = _form("sif_2013", {"title": "", "source": "", "judged_on_0": "", "judged_on_1": "", "judged_on_2": ""})
    assert not form.is_valid()
    targets = [target for target, _ in form.error_links()]
    assert targets == ["id_title", "id_source_1", "id_judged_on_0"]
    choose = ChooseForm({})
    assert not choose.is_valid()
    assert [target for target, _ in choose.error_links()] == ["id_framework_1", "id_source_1"]
