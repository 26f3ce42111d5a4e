"""Template helpers for lists of children: a child's record address without a reverse() a row."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

from cases.templatetags.cases_tags import record_url


@pytest.mark.parametrize("pk", [1, 7, 42, 184279, 10**12])
def test_a_records_address_is_the_one_reverse_gives(pk):
    assert record_url(pk) == reverse("cases:child_detail", args=[pk])


def test_the_address_follows_the_prefix_the_service_is_served_under():
    set_script_prefix("/council/")
    try:
        assert record_url(5) == reverse("cases:child_detail", args=[5]) == "/council/children/5/"
    finally:
        clear_script_prefix()
    assert record_url(5) == "/children/5/"


def test_the_address_follows_another_url_configuration():
    with override_settings(ROOT_URLCONF="inspection.benchmarking.urls"):
        assert record_url(9) == reverse("cases:child_detail", args=[9])


def test_a_number_that_is_not_a_record_number_is_refused():
    with pytest.raises(ValueError):
        record_url("5/../admin")


def test_lists_use_it_in_their_templates():
    rendered = Template('{% load cases_tags %}<a href="{{ pk|record_url }}">').render(Context({"pk": 12}))
    assert rendered == f'<a href="{reverse("cases:child_detail", args=[12])}">'


def test_a_numbered_address_is_the_one_reverse_gives():
    from cases.templatetags.cases_tags import numbered_url

    assert numbered_url(16, "caseload:team") == reverse("caseload:team", args=[16])
    assert numbered_url("3", "cases:child_detail") == reverse("cases:child_detail", args=[3])


def test_a_filters_choice_of_radios_is_drawn_as_govuk_inline_radios_with_its_error():
    from django import forms

    from cases.templatetags.cases_tags import quick_field

    class ShowForm(forms.Form):
        show = forms.ChoiceField(label="Show", choices=[("not_met", "Not meeting <the> standard"), ("all", "All")],
                                 widget=forms.RadioSelect)

    chosen = str(quick_field(ShowForm({"show": "all"})["show"]))
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Show</legend>' in chosen
    assert '<div class="govuk-radios govuk-radios--inline" data-module="govuk-radios">' in chosen
    assert 'id="id_show_2" name="show" type="radio" value="all" checked>' in chosen
    assert 'value="not_met">' in chosen and "Not meeting &lt;the&gt; standard" in chosen
    wrong = ShowForm({"show": "nonsense"})
    wrong.is_valid()
    drawn = str(quick_field(wrong["show"]))
    assert 'govuk-form-group govuk-form-group--error' in drawn and 'aria-describedby="id_show_1_error"' in drawn
    assert '<span class="govuk-visually-hidden">Error:</span> Select a valid choice.' in drawn
    assert " checked" not in drawn
