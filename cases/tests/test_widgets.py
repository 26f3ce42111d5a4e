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


@pytest.mark.django_db
def test_worker_choices_read_as_values_give_the_same_choices_as_the_workers_themselves(practitioner, team_manager, make_user):
    from cases.models import Worker
    from cases.widgets import WorkerChoiceField

    nameless = make_user("no.name", None)
    nameless.first_name = nameless.last_name = ""  # a worker with no name recorded shows their username
    nameless.save()
    workers = Worker.objects.select_related("user")
    quick = WorkerChoiceField(queryset=workers, empty_label="Any worker")
    usual = forms.ModelChoiceField(queryset=workers, empty_label="Any worker")
    assert [(str(value), label) for value, label in quick.choices] == [(str(value), label) for value, label in usual.choices]
    assert ("", "Any worker") in list(quick.choices) and len(list(quick.choices)) == workers.count() + 1
    assert (nameless.worker.pk, "no.name") in list(quick.choices)
