"""Reads for judgement sets: the framework in force on a date, and the grade history by area."""

from datetime import date

import pytest

from judgements.grades import Grade
from judgements.models import Framework, Source
from judgements.sets import selectors, services
from judgements.sets.services import Entry


@pytest.mark.parametrize(("on", "code"), [
    (date(2013, 10, 31), None),
    (date(2013, 11, 1), "sif_2013"),
    (date(2017, 12, 31), "sif_2013"),
    (date(2018, 1, 1), "ilacs_2018"),
    (date(2022, 12, 31), "ilacs_2018"),
    (date(2023, 1, 1), "ilacs_2023"),
    (date(2026, 1, 1), "ilacs_2026"),
    (date(2030, 6, 1), "ilacs_2026"),
])
def test_the_framework_in_force_on_a_date(on, code):
    assert selectors.framework_in_force(on) == code


@pytest.mark.django_db
def test_the_grade_history_puts_sets_in_date_order_and_areas_in_the_frameworks_order(senior_manager):
    sif = Framework.objects.get(code="sif_2013")

    def record(on, source, **grades):
        return services.judgement_set_create(actor=senior_manager, framework=sif, source=source, title=f"{source} {on}",
                                             judged_on=on, entries={code: Entry(grade=g) for code, g in grades.items()})

    ofsted = record(date(2017, 12, 8), Source.OFSTED, overall=Grade.GOOD, help_protection=Grade.REQUIRES_IMPROVEMENT,
                    adoption=Grade.GOOD, lscb=Grade.GOOD)
    mock = record(date(2016, 5, 1), Source.MOCK, overall=Grade.INADEQUATE, help_protection=Grade.INADEQUATE,
                  adoption=Grade.GOOD)
    [history] = selectors.grade_history(list(selectors.judgement_sets()))
    assert history.framework == sif and history.sets == [mock, ofsted]
    assert [row.area.code for row in history.rows.judged] == [
        "overall", "help_protection", "looked_after", "adoption", "care_leavers", "leadership"]
    assert [row.area.code for row in history.rows.separate] == ["lscb"]
    by_code = {row.area.code: row for row in history.rows}
    assert by_code["help_protection"].cells == [Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT]
    assert by_code["looked_after"].cells == [None, None]
    assert by_code["lscb"].cells == [None, Grade.GOOD]
    assert by_code["adoption"].within and not by_code["looked_after"].within and by_code["lscb"].separate
    assert selectors.rule_check(ofsted) is None and selectors.rule_check(mock) is None


@pytest.mark.django_db
def test_the_rule_check_names_the_rule_an_overridden_set_breaks(senior_manager):
    overridden = services.judgement_set_create(
        actor=senior_manager, framework=Framework.objects.get(code="ilacs_2023"), source=Source.OFSTED, title="ILACS",
        judged_on=date(2024, 5, 1), override_reason="As published.",
        entries={"overall": Entry(grade=Grade.GOOD), "in_care": Entry(grade=Grade.INADEQUATE)},
    )
    assert "must be inadequate" in selectors.rule_check(selectors.judgement_set_detail(pk=overridden.pk))


@pytest.mark.django_db
def test_the_grade_trend_lines_up_the_areas_every_framework_judges(senior_manager, django_assert_num_queries):
    def record(code, on, source, **grades):
        return services.judgement_set_create(
            actor=senior_manager, framework=Framework.objects.get(code=code), source=source, title=f"{code} {on}",
            judged_on=on, entries={area: Entry(grade=grade) for area, grade in grades.items()})

    R, G = Grade.REQUIRES_IMPROVEMENT, Grade.GOOD
    ilacs = record("ilacs_2023", date(2024, 5, 2), Source.OFSTED, overall=R, leaders=R, help_protection=R, in_care=G,
                   care_leavers=G)
    sif = record("sif_2013", date(2016, 5, 18), Source.OFSTED, overall=R, help_protection=R, looked_after=R,
                 care_leavers=R, leadership=R)
    mock = record("ilacs_2026", date(2026, 9, 4), Source.MOCK, leaders=G, help_protection=R, in_care=G, care_leavers=G)
    assert selectors.grade_trend([ilacs]) is None  # one framework: its own history says it all
    sets = list(selectors.judgement_sets())
    with django_assert_num_queries(0):
        trend = selectors.grade_trend(sets)
    assert trend.sets == [sif, ilacs, mock]
    rows = {row.label.split(" (")[0]: row.cells for row in trend.rows}
    assert rows["Overall effectiveness"] == [R, R, selectors.NOT_JUDGED]
    assert rows["Leaders"] == [R, R, G]
    assert rows["Children in care"] == [R, G, G]
    assert rows["Care leavers"] == [R, G, G]
