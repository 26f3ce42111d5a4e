"""The limiting rules and the self-assessment proposal, one case at a time, including real
published SIF outcomes (seeds 001 and 002) accepted as they were published."""

import pytest
from django.core.exceptions import ValidationError

from judgements.frameworks import FRAMEWORKS, Kind
from judgements.grades import Grade
from judgements.rules import Confidence, Score, breaks_rule, check_overall, is_shortfall, propose_grade

O, G, R, I = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE

# Herefordshire, SIF, published 2014 (seed 001): requires improvement overall.
HEREFORDSHIRE_2014 = {"help_protection": R, "looked_after": R, "adoption": G, "care_leavers": R, "leadership": R,
                      "lscb": R}
# Blackburn with Darwen, SIF, published 2017 (seed 002): good overall with help and protection RI.
BLACKBURN_WITH_DARWEN_2017 = {"help_protection": R, "looked_after": G, "adoption": G, "care_leavers": G,
                              "leadership": G, "lscb": G}


@pytest.mark.parametrize(("name", "overall", "grades"), [
    ("Herefordshire 2014", R, HEREFORDSHIRE_2014),
    ("Blackburn with Darwen 2017", G, BLACKBURN_WITH_DARWEN_2017),
])
def test_real_published_sif_outcomes_are_accepted(name, overall, grades):
    check_overall("sif_2013", overall, grades)
    assert breaks_rule("sif_2013", overall, grades) is None


@pytest.mark.parametrize("framework", ["sif_2013", "ilacs_2018", "ilacs_2023"])
@pytest.mark.parametrize("overall", [O, G, R])
def test_inadequate_in_any_key_judgement_makes_overall_inadequate(framework, overall):
    for key in FRAMEWORKS[framework].codes(Kind.KEY):
        grades = {code: G for code in FRAMEWORKS[framework].codes(Kind.KEY)} | {key: I}
        with pytest.raises(ValidationError) as raised:
            check_overall(framework, overall, grades)
        message = raised.value.messages[0]
        assert "must be inadequate" in message
        assert FRAMEWORKS[framework].area(key).name in message
        assert Grade(overall).label.lower() in message
        check_overall(framework, I, grades)  # inadequate overall is accepted


@pytest.mark.parametrize("overall", [O, G, R, I])
@pytest.mark.parametrize("graded", ["adoption", "care_leavers"])
def test_sif_graded_judgements_do_not_limit_overall_alone(overall, graded):
    grades = {"help_protection": G, "looked_after": G, "leadership": G, graded: I}
    check_overall("sif_2013", overall, grades)


@pytest.mark.parametrize("overall", [O, G, R, I])
def test_the_sif_lscb_review_is_separate(overall):
    check_overall("sif_2013", overall, {"help_protection": G, "looked_after": G, "leadership": G, "lscb": I})


@pytest.mark.parametrize("framework", ["sif_2013", "ilacs_2018", "ilacs_2023"])
@pytest.mark.parametrize("overall", [O, G, R, I])
def test_requires_improvement_in_a_key_judgement_does_not_cap_overall(framework, overall):
    keys = FRAMEWORKS[framework].codes(Kind.KEY)
    check_overall(framework, overall, {code: R for code in keys})


@pytest.mark.parametrize("overall", [O, G, R, I])
def test_ilacs_2026_has_no_overall_effectiveness(overall):
    with pytest.raises(ValidationError, match="ILACS 2026 makes no overall effectiveness judgement"):
        check_overall("ilacs_2026", overall, {"leaders": G})
    check_overall("ilacs_2026", None, {"leaders": I, "help_protection": G, "in_care": R, "care_leavers": O})


def test_no_overall_grade_yet_breaks_no_rule():
    check_overall("ilacs_2023", None, {"leaders": I})


def test_ungraded_areas_do_not_limit():
    check_overall("ilacs_2023", O, {"leaders": None, "help_protection": G})


@pytest.mark.parametrize(("framework", "overall", "grades", "code"), [
    ("sif_2099", G, {}, "unknown_framework"),
    ("ilacs_2023", G, {"adoption": G}, "unknown_area"),
    ("ilacs_2023", G, {"leaders": 5}, "unknown_grade"),
    ("ilacs_2023", 0, {"leaders": G}, "unknown_grade"),
])
def test_unknown_frameworks_areas_and_grades_are_refused(framework, overall, grades, code):
    with pytest.raises(ValidationError) as raised:
        check_overall(framework, overall, grades)
    assert raised.value.code == code


def test_breaks_rule_names_the_rule():
    assert "must be inadequate" in breaks_rule("ilacs_2023", G, {"leaders": I})


@pytest.mark.parametrize(("grades", "expected"), [
    ([], None),
    ([1, 1, 2, 2], O),
    ([1, 2, 2, 2], G),  # met but fewer than half exceeded
    ([2, 2, 2, 2, 3], G),  # four in five met, none not met
    ([2, 2, 2, 3, 3], R),  # three in five met
    ([1, 1, 1, 4], R),  # one not met (medium confidence), a quarter: not more than a quarter
    ([2, 2, 4, 4], I),  # more than a quarter not met
    ([2, 2, 2, 2, 3, 3, 3, 3], R),
])
def test_proposed_grade(grades, expected):
    proposal = propose_grade([Score(grade) for grade in grades])
    assert proposal.grade == expected
    assert proposal.reason


def test_one_indicator_not_met_with_high_confidence_proposes_inadequate():
    scores = [Score(G), Score(G), Score(G), Score(I, Confidence.HIGH)]
    assert propose_grade(scores).grade == I
    assert propose_grade([Score(G), Score(G), Score(G), Score(I, Confidence.LOW)]).grade == R


@pytest.mark.parametrize(("confidences", "expected"), [
    (["high", "high", "high"], "high"),
    (["high", "high", "low"], "low"),  # a third low
    (["high", "high", "high", "low"], "high"),  # less than a third low
    (["medium", "high", "high"], "medium"),
    (["low", "medium", "medium"], "low"),
])
def test_proposal_confidence(confidences, expected):
    assert propose_grade([Score(G, confidence) for confidence in confidences]).confidence == expected


@pytest.mark.parametrize(("grade", "expected"), [(None, False), (O, False), (G, False), (R, True), (I, True)])
def test_shortfalls_are_scores_below_good(grade, expected):
    assert is_shortfall(grade) is expected


def test_frameworks_have_stable_area_codes():
    assert FRAMEWORKS["sif_2013"].codes(Kind.KEY) == ["help_protection", "looked_after", "leadership"]
    assert FRAMEWORKS["sif_2013"].codes(Kind.GRADED) == ["adoption", "care_leavers"]
    assert FRAMEWORKS["sif_2013"].codes(Kind.SEPARATE) == ["lscb"]
    assert FRAMEWORKS["ilacs_2018"].codes(Kind.KEY) == ["leaders", "help_protection", "in_care"]
    assert FRAMEWORKS["ilacs_2023"].codes(Kind.KEY) == ["leaders", "help_protection", "in_care", "care_leavers"]
    assert not FRAMEWORKS["ilacs_2026"].has_overall
    assert all(FRAMEWORKS[code].has_overall for code in ("sif_2013", "ilacs_2018", "ilacs_2023"))


@pytest.mark.django_db
def test_the_data_migration_wrote_every_framework_and_area():
    from judgements.models import Framework, JudgementArea

    assert set(Framework.objects.values_list("code", flat=True)) == set(FRAMEWORKS)
    for spec in FRAMEWORKS.values():
        areas = list(JudgementArea.objects.filter(framework__code=spec.code).order_by("order"))
        assert [area.code for area in areas] == [area.code for area in spec.areas]
        assert [area.kind for area in areas] == [area.kind for area in spec.areas]
    adoption = JudgementArea.objects.get(framework__code="sif_2013", code="adoption")
    assert adoption.parent.code == "looked_after"
