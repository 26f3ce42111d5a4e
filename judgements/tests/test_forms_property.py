"""Bad input to every form of judgements and the self-assessment (property tests, property_testing):
choosing a framework and source, recording and correcting judgements with evidence links, starting
and scoring a self-assessment, and keeping the library of indicators. Whatever is typed, the page
answers; a form shown again has saved nothing anywhere; an accepted one saved what was typed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspection.roles import Role
from inspection.tests.test_access_matrix import council  # noqa: F401 - the fixture: two teams, a user per role, records
from judgements.models import Indicator, JudgementSet, SelfAssessment
from judgements.self_assessment.forms import IndicatorForm, ScoreForm, StartForm
from judgements.sets.forms import ChooseForm, JudgementSetForm
from property_testing import FIRST_CHOICE, FormSpec, exercise

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS_AGO = TODAY - timedelta(days=10)
A_DATE = (str(DAYS_AGO.day), str(DAYS_AGO.month), str(DAYS_AGO.year))


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def senior(council):
    return council.users[Role.SENIOR_MANAGER.value]


def test_choosing_the_framework_and_source_of_judgements(council):
    exercise(FormSpec(
        "judgements:set_create (choose)", ChooseForm, lambda: reverse("judgements:set_create"), senior(council),
        good={"framework": FIRST_CHOICE, "source": FIRST_CHOICE}, saves=False,  # it leads on to the grades form
    ))


def test_recording_judgements(council):
    exercise(FormSpec(
        "judgements:set_create", JudgementSetForm,
        lambda: reverse("judgements:set_create") + "?framework=ilacs_2023&source=mock", senior(council),
        good={"title": "Mock inspection, 2027", "judged_on": A_DATE, "links_help_protection": "Audits | /audits/"},
        saved=newest(JudgementSet), foreign={"links_overall": ["Board | https://example.org/board", "x | /"]},
    ))


def test_correcting_judgements(council):
    judgement_set = council.judgement_set
    exercise(FormSpec(
        "judgements:set_edit", JudgementSetForm, lambda: reverse("judgements:set_edit", args=[judgement_set.pk]),
        senior(council), good={"summary": "Agreed at the challenge session."},
        saved=lambda: JudgementSet.objects.get(pk=judgement_set.pk),
    ))


def test_starting_a_self_assessment(council):
    exercise(FormSpec(
        "judgements:self_assessment_create", StartForm, lambda: reverse("judgements:self_assessment_create"),
        senior(council), good={"framework": FIRST_CHOICE, "title": "Self-assessment before the 2027 inspection"},
        saved=newest(SelfAssessment),
    ))


def test_scoring_a_self_assessment(council):
    assessment = council.self_assessment
    exercise(FormSpec(
        "judgements:self_assessment_score", ScoreForm,
        lambda: reverse("judgements:self_assessment_score", args=[assessment.pk]), senior(council),
        good={"note": "Rescored after the March audits"},
    ), share=0.5)  # every indicator's three fields in each submission: the slowest page to send


def test_adding_an_indicator_of_good(council):
    exercise(FormSpec(
        "judgements:indicator_create", IndicatorForm,
        lambda: reverse("judgements:indicator_create") + "?framework=ilacs_2023", senior(council),
        good={"area": FIRST_CHOICE, "text": "Children are seen alone and their views shape their plans", "order": "7"},
        numbers=("order",), saved=newest(Indicator),
    ))


def test_changing_an_indicator_of_good(council):
    indicator = council.indicator

    def saved():
        """The indicator itself, or the new one in its place when its wording was scored before."""
        kept = Indicator.objects.get(pk=indicator.pk)
        return kept if kept.active else Indicator.objects.order_by("-pk").first()

    exercise(FormSpec(
        "judgements:indicator_edit", IndicatorForm, lambda: reverse("judgements:indicator_edit", args=[indicator.pk]),
        senior(council), good={"source": "Ofsted's evaluation criteria"}, numbers=("order",), saved=saved,
    ))


def test_retiring_or_restoring_an_indicator(council):
    council.indicator  # noqa: B018 - the library, with its Retire buttons
    exercise(FormSpec(
        "judgements:indicator_status", None, lambda: reverse("judgements:indicator_list") + "?framework=sif_2013",
        senior(council),
    ))
