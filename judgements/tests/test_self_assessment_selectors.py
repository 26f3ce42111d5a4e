"""Reads for the self-assessment tool: changes described in words, and every page a fixed number
of queries however many indicators the framework has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from judgements.models import Framework, Indicator
from judgements.rules import Confidence
from judgements.self_assessment import selectors, services
from judgements.self_assessment.services import ScoreInput

pytestmark = pytest.mark.django_db

ROOT = "/judgements/self-assessment/"


def test_changes_are_described_in_words_with_better_meaning_a_lower_grade():
    assert selectors.describe_change(3, 2) == [("better", "Better: requires improvement to good")]
    assert selectors.describe_change(2, 4) == [("worse", "Worse: good to inadequate")]
    assert selectors.describe_change(2, 2) == []
    assert selectors.describe_change(None, 1) == [("changed", "Newly scored: outstanding")]
    assert selectors.describe_change(3, None) == [("changed", "Score removed")]
    assert selectors.describe_change(None, None, in_old=False) == [("changed", "Not in the earlier version")]
    assert selectors.describe_change(2, None, in_new=False) == [("changed", "Not in the later version")]


def test_compare_pairs_each_indicator_and_each_areas_proposal(senior_manager):
    framework = Framework.objects.get(code="sif_2013")
    assessment = services.self_assessment_start(actor=senior_manager, framework=framework, title="SIF")
    adoption = list(Indicator.objects.filter(area__framework=framework, area__code="adoption").order_by("order"))
    old = services.version_save(actor=senior_manager, self_assessment=assessment, scores={
        adoption[0].pk: ScoreInput(3, Confidence.MEDIUM, "A1 above the threshold."),
        adoption[1].pk: ScoreInput(2, Confidence.MEDIUM, "Same."),
    })
    added = services.indicator_create(actor=senior_manager, area=adoption[0].area, text="Early permanence is used.")
    new = services.version_save(actor=senior_manager, self_assessment=assessment, scores={
        adoption[0].pk: ScoreInput(2, Confidence.MEDIUM, "A1 now below the threshold."),
        adoption[1].pk: ScoreInput(2, Confidence.MEDIUM, "Same."),
        added.pk: ScoreInput(2),
    })
    areas = {area.area.code: area for area in selectors.compare(assessment, old, new)}
    rows = {row.indicator.pk: row for row in areas["adoption"].rows}
    assert rows[adoption[0].pk].changes == [("better", "Better: requires improvement to good"), ("changed", "Evidence changed")]
    assert rows[adoption[1].pk].changes == [] and not rows[adoption[1].pk].changed
    assert rows[added.pk].old is None and rows[added.pk].changes == [("changed", "Not in the earlier version")]
    assert areas["adoption"].changed_rows == 2
    assert areas["adoption"].proposal_change == [("better", "Better: requires improvement to good")]
    assert areas["leadership"].proposal_change == []  # nothing scored in either


def _grow(framework_code: str, extra: int) -> None:
    """Add ``extra`` indicators spread over the framework's areas."""
    areas = list(Framework.objects.get(code=framework_code).areas.exclude(code="overall"))
    Indicator.objects.bulk_create([
        Indicator(area=areas[n % len(areas)], text=f"Extra indicator {n}.", order=100 + n) for n in range(extra)
    ])


def _score_everything(assessment, actor, grade: int) -> None:
    indicators = Indicator.objects.filter(area__framework=assessment.framework, active=True)
    services.version_save(actor=actor, self_assessment=assessment,
                          scores={indicator.pk: ScoreInput(grade, evidence="Seen in audits.") for indicator in indicators})


def _queries(client, url: str, method: str = "get", data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), url
    return len(captured)


@pytest.mark.parametrize("extra", [0, 60])
def test_every_page_is_a_fixed_number_of_queries_however_many_indicators(client, senior_manager, django_assert_max_num_queries, extra):
    _grow("ilacs_2023", extra)
    assessment = services.self_assessment_start(actor=senior_manager, framework=Framework.objects.get(code="ilacs_2023"),
                                                title="Big")
    _score_everything(assessment, senior_manager, 3)
    _score_everything(assessment, senior_manager, 2)
    client.force_login(senior_manager)
    # The same limits at 28 and at 88 indicators.
    limits = {
        f"{ROOT}": 6,
        f"{ROOT}{assessment.pk}/": 11,
        f"{ROOT}{assessment.pk}/score/": 11,  # one for the version the page was opened on (lost updates)
        f"{ROOT}{assessment.pk}/compare/?from=1&to=2": 10,
        f"{ROOT}indicators/?framework=ilacs_2023": 8,
    }
    for url, limit in limits.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


def test_saving_a_version_is_a_fixed_number_of_queries(client, senior_manager):
    framework = Framework.objects.get(code="ilacs_2023")
    counts = []
    for extra in (0, 40):
        _grow("ilacs_2023", extra)
        assessment = services.self_assessment_start(actor=senior_manager, framework=framework, title=f"Size {extra}")
        indicators = Indicator.objects.filter(area__framework=framework, active=True)
        data = {"note": "Sized"}
        for indicator in indicators:
            data |= {f"grade_{indicator.pk}": "3", f"evidence_{indicator.pk}": "", f"confidence_{indicator.pk}": "medium"}
        client.force_login(senior_manager)
        counts.append(_queries(client, f"{ROOT}{assessment.pk}/score/", "post", data))
    assert counts[0] == counts[1]
