"""The quick select: the same HTML as Django's own, drawn without a template per option."""

import pytest
from django import forms

from cases.widgets import Select

CHOICES = [("", "Any worker"), (12, "Amira Ahmed"), (7, "Ben <Baker> & Co"), (30, "Cat Carter")]


@pytest.mark.parametrize("value", [None, "", 7, "7", "999"])
@pytest.mark.parametrize("attrs", [None, {"class": "govuk-select", "aria-describedby": "id_worker_hint", "id": "id_worker"}])
def test_the_quick_select_draws_the_same_html_as_djangos(value, attrs):
    assert Select(choices=CHOICES).render("worker", value, attrs) == forms.Select(choices=CHOICES).render("worker", value, attrs)


def test_only_the_first_matching_option_is_selected_as_in_djangos():
    choices = [(1, "One"), ("1", "One again")]
    html = Select(choices=choices).render("n", 1)
    assert html.count(" selected") == 1
    assert html == forms.Select(choices=choices).render("n", 1)


def test_choices_in_groups_are_left_to_django():
    choices = [("Team A", [(1, "Amira")]), ("Team B", [(2, "Ben")])]
    html = Select(choices=choices).render("worker", 2)
    assert '<optgroup label="Team A">' in html and '<option value="2" selected>Ben</option>' in html
