"""The self-assessment tool's writes and its starting library: versions numbered and never
rewritten, the proposal stored is the rules' proposal, shortfalls only for 3 and 4, all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from judgements.frameworks import FRAMEWORKS, Kind
from judgements.indicator_library import INDICATORS
from judgements.models import Framework, Indicator, IndicatorScore, SelfAssessmentVersion, Shortfall
from judgements.rules import Confidence, Score, propose_grade
from judgements.self_assessment import services
from judgements.self_assessment.services import ScoreInput

pytestmark = pytest.mark.django_db


def _start(actor, code="ilacs_2023"):
    return services.self_assessment_start(actor=actor, framework=Framework.objects.get(code=code), title="Self-assessment 2026")


def _indicators(code="ilacs_2023", area=None):
    indicators = Indicator.objects.filter(area__framework__code=code, active=True).select_related("area")
    return list(indicators.filter(area__code=area) if area else indicators)


# --- the starting library

def test_the_starting_library_has_five_to_eight_indicators_for_every_area_named_in_the_brief():
    expected = {
        "sif_2013": {"help_protection", "looked_after", "adoption", "care_leavers", "leadership"},
        "ilacs_2018": {"leaders", "help_protection", "in_care"},
        "ilacs_2023": {"leaders", "help_protection", "in_care", "care_leavers"},
        "ilacs_2026": {"leaders", "help_protection", "in_care", "care_leavers"},
    }
    assert {code: set(areas) for code, areas in INDICATORS.items()} == expected
    for code, areas in INDICATORS.items():
        for area, indicators in areas.items():
            assert FRAMEWORKS[code].area(area).kind != Kind.OVERALL
            assert 5 <= len(indicators) <= 8, (code, area)
            assert len({text for text, _source in indicators}) == len(indicators)
            for text, source in indicators:
                assert source.startswith(("Ofsted", "SIF report", "City of London")) and len(source) <= 200
                assert text.endswith(".") and len(text) < 200


def test_the_migration_wrote_the_library_in_order():
    written = list(Indicator.objects.filter(area__framework__code="sif_2013", area__code="adoption").order_by("order"))
    assert [indicator.text for indicator in written] == [text for text, _source in INDICATORS["sif_2013"]["adoption"]]
    assert all(indicator.active and indicator.source for indicator in written)
    assert Indicator.objects.filter(area__framework__code="ilacs_2018", area__code="in_care").count() == 8


# --- saving versions

def test_versions_are_numbered_and_earlier_ones_are_never_changed(senior_manager):
    assessment = _start(senior_manager)
    first_indicator = _indicators()[0]
    first = services.version_save(actor=senior_manager, self_assessment=assessment,
                                  scores={first_indicator.pk: ScoreInput(3, Confidence.LOW, "Audits in March.")}, note="First go")
    second = services.version_save(actor=senior_manager, self_assessment=assessment,
                                   scores={first_indicator.pk: ScoreInput(2, Confidence.HIGH, "Audits in June.")})
    other = services.version_save(actor=senior_manager, self_assessment=_start(senior_manager), scores={})
    assert (first.number, second.number, other.number) == (1, 2, 1)
    first_score = IndicatorScore.objects.get(version=first, indicator=first_indicator)
    assert (first_score.grade, first_score.confidence, first_score.evidence) == (3, Confidence.LOW, "Audits in March.")
    assert first.note == "First go"


def test_every_active_indicator_gets_a_row_and_unscored_ones_are_blank(senior_manager):
    assessment = _start(senior_manager)
    indicators = _indicators()
    version = services.version_save(actor=senior_manager, self_assessment=assessment,
                                    scores={indicators[0].pk: ScoreInput(2)})
    rows = {row.indicator_id: row for row in version.scores.all()}
    assert set(rows) == {indicator.pk for indicator in indicators}
    assert rows[indicators[0].pk].grade == 2
    assert [row.grade for pk, row in rows.items() if pk != indicators[0].pk] == [None] * (len(indicators) - 1)


def test_the_proposal_stored_for_each_area_is_the_rules_proposal(senior_manager):
    assessment = _start(senior_manager)
    leaders = _indicators(area="leaders")
    care_leavers = _indicators(area="care_leavers")
    leader_scores = [ScoreInput(1, Confidence.HIGH, "x"), ScoreInput(2), ScoreInput(2), ScoreInput(3, Confidence.LOW),
                     ScoreInput(2), ScoreInput(2, Confidence.LOW), ScoreInput(None), ScoreInput(2)]
    scores = {indicator.pk: given for indicator, given in zip(leaders, leader_scores)}
    scores[care_leavers[0].pk] = ScoreInput(4, Confidence.HIGH, "No personal adviser for a third of care leavers.")
    version = services.version_save(actor=senior_manager, self_assessment=assessment, scores=scores)

    expected = propose_grade([Score(given.grade, given.confidence) for given in leader_scores if given.grade])
    assert version.proposed["leaders"] == {"grade": expected.grade, "confidence": expected.confidence, "reason": expected.reason}
    assert version.proposed["leaders"] == {"grade": 2, "confidence": "medium", "reason": "6 of 7 indicators are met and none is not met."}
    assert version.proposed["care_leavers"]["grade"] == 4
    assert version.proposed["help_protection"] == {"grade": None, "confidence": None, "reason": "No indicators scored yet."}
    assert set(version.proposed) == {"leaders", "help_protection", "in_care", "care_leavers"}
    version.refresh_from_db()
    assert version.proposed["care_leavers"]["reason"] == "An indicator is not met, with high confidence in the evidence."


def test_shortfalls_are_made_only_for_indicators_scored_3_or_4(senior_manager):
    assessment = _start(senior_manager)
    indicators = _indicators(area="help_protection")
    grades = [1, 2, 3, 4, None]
    version = services.version_save(actor=senior_manager, self_assessment=assessment, scores={
        indicator.pk: ScoreInput(grade, evidence=f"Evidence {grade}") for indicator, grade in zip(indicators, grades)
    })
    shortfalls = list(Shortfall.objects.filter(version=version).order_by("grade"))
    assert [(s.indicator_id, s.grade, s.evidence, s.area.code) for s in shortfalls] == [
        (indicators[2].pk, 3, "Evidence 3", "help_protection"), (indicators[3].pk, 4, "Evidence 4", "help_protection"),
    ]


def test_an_indicator_of_another_framework_or_a_retired_one_is_refused_and_nothing_saved(senior_manager):
    assessment = _start(senior_manager)
    sif = _indicators("sif_2013")[0]
    with pytest.raises(ValidationError):
        services.version_save(actor=senior_manager, self_assessment=assessment, scores={sif.pk: ScoreInput(2)})
    retired = _indicators()[0]
    services.indicator_set_active(actor=senior_manager, indicator=retired, active=False)
    with pytest.raises(ValidationError):
        services.version_save(actor=senior_manager, self_assessment=assessment, scores={retired.pk: ScoreInput(2)})
    assert not SelfAssessmentVersion.objects.exists() and not IndicatorScore.objects.exists()


def test_a_failure_part_way_through_leaves_nothing_half_saved(senior_manager, monkeypatch):
    assessment = _start(senior_manager)
    indicator = _indicators()[0]

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Shortfall.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        services.version_save(actor=senior_manager, self_assessment=assessment, scores={indicator.pk: ScoreInput(4, evidence="x")})
    assert not SelfAssessmentVersion.objects.exists() and not IndicatorScore.objects.exists()


def test_a_retired_indicator_stays_in_earlier_versions_but_is_not_scored_again(senior_manager):
    assessment = _start(senior_manager)
    indicator = _indicators()[0]
    first = services.version_save(actor=senior_manager, self_assessment=assessment, scores={indicator.pk: ScoreInput(3)})
    services.indicator_set_active(actor=senior_manager, indicator=indicator, active=False)
    second = services.version_save(actor=senior_manager, self_assessment=assessment, scores={})
    assert first.scores.filter(indicator=indicator, grade=3).exists() and first.shortfalls.filter(indicator=indicator).exists()
    assert not second.scores.filter(indicator=indicator).exists()
    services.indicator_set_active(actor=senior_manager, indicator=indicator, active=True)
    assert Indicator.objects.get(pk=indicator.pk).active


# --- the library

def test_adding_an_indicator_puts_it_last_in_its_area_unless_told(senior_manager):
    area = _indicators(area="leaders")[0].area
    last = max(indicator.order for indicator in _indicators(area="leaders"))
    added = services.indicator_create(actor=senior_manager, area=area, text="Leaders visit front-line teams.", source="Peer review 2026")
    placed = services.indicator_create(actor=senior_manager, area=area, text="First.", order=0)
    assert (added.order, placed.order, added.active) == (last + 1, 0, True)
    with pytest.raises(ValidationError):
        services.indicator_create(actor=senior_manager, area=area.framework.areas.get(code="overall"), text="Overall.")


def test_rewording_an_unscored_indicator_changes_it_in_place(senior_manager):
    indicator = _indicators()[0]
    edited = services.indicator_update(actor=senior_manager, indicator=indicator, text="New words.", source="Ours", order=9)
    assert not edited.replaced and edited.indicator.pk == indicator.pk
    indicator.refresh_from_db()
    assert (indicator.text, indicator.source, indicator.order, indicator.active) == ("New words.", "Ours", 9, True)


def test_rewording_an_indicator_in_a_saved_version_retires_it_and_adds_the_new_wording(senior_manager):
    assessment = _start(senior_manager)
    indicator = _indicators()[0]
    old_text = indicator.text
    version = services.version_save(actor=senior_manager, self_assessment=assessment, scores={indicator.pk: ScoreInput(2)})
    edited = services.indicator_update(actor=senior_manager, indicator=indicator, text="Reworded.", source="Ours", order=1)
    assert edited.replaced and edited.indicator.pk != indicator.pk
    assert (edited.indicator.text, edited.indicator.area_id, edited.indicator.active) == ("Reworded.", indicator.area_id, True)
    indicator.refresh_from_db()
    assert (indicator.text, indicator.active) == (old_text, False)
    assert version.scores.get(indicator=indicator).indicator.text == old_text
    # A change of source or order alone keeps the indicator.
    same = services.indicator_update(actor=senior_manager, indicator=edited.indicator, text="Reworded.", source="Peer review", order=4)
    assert not same.replaced and same.indicator.pk == edited.indicator.pk


def test_a_framework_with_no_active_indicators_cannot_be_scored(senior_manager):
    assessment = _start(senior_manager)
    Indicator.objects.filter(area__framework=assessment.framework).update(active=False)
    with pytest.raises(ValidationError):
        services.version_save(actor=senior_manager, self_assessment=assessment, scores={})
    assert not SelfAssessmentVersion.objects.exists()
