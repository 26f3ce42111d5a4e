"""Which audits and figures bear on each judgement area (pure)."""

from datetime import date

import pytest

from inspection.judgement_evidence import areas
from inspection.judgement_evidence.areas import Spell, audit_belongs, evidence_for, stages_on
from judgements.frameworks import FRAMEWORKS


@pytest.mark.parametrize("framework, area", [(spec.code, area.code) for spec in FRAMEWORKS.values() for area in spec.areas])
def test_every_area_of_every_framework_says_what_bears_on_it(framework, area):
    evidence = evidence_for(framework, area)
    assert evidence.which_audits
    assert set(evidence.figure_groups) <= set(areas.FIGURE_GROUPS)


def test_an_unknown_area_is_refused():
    with pytest.raises(KeyError):
        evidence_for("ilacs_2023", "schools")


def test_stages_open_on_a_day_include_the_first_and_last_days():
    spells = [Spell("child_protection", date(2025, 1, 1), date(2025, 2, 1)), Spell("looked_after", date(2025, 2, 2), None)]
    assert stages_on(spells, date(2024, 12, 31)) == set()
    assert stages_on(spells, date(2025, 1, 1)) == {"child_protection"}
    assert stages_on(spells, date(2025, 2, 1)) == {"child_protection"}
    assert stages_on(spells, date(2025, 2, 2)) == {"looked_after"}
    assert stages_on(spells, date(2030, 1, 1)) == {"looked_after"}


@pytest.mark.parametrize("stage, belongs_to", [
    ("referral", {"help_protection"}),
    ("assessment", {"help_protection"}),
    ("section_47", {"help_protection"}),
    ("child_in_need", {"help_protection"}),
    ("child_protection", {"help_protection"}),
    ("looked_after", {"in_care"}),
    ("care_leaver", {"care_leavers"}),
    ("early_help", set()),
    ("adoption", set()),
])
def test_an_audit_belongs_to_the_ilacs_area_of_the_childs_stage_that_day(stage, belongs_to):
    spells = [Spell(stage, date(2025, 1, 1), None)]
    keyed = {"help_protection", "in_care", "care_leavers"}
    assert {area for area in keyed if audit_belongs(evidence_for("ilacs_2023", area), spells, date(2025, 3, 1))} == belongs_to
    # Leaders and overall effectiveness take every audit.
    assert audit_belongs(evidence_for("ilacs_2023", "leaders"), spells, date(2025, 3, 1))
    assert audit_belongs(evidence_for("ilacs_2023", "overall"), [], date(2025, 3, 1))


def test_an_audit_of_a_child_at_two_stages_counts_in_both_areas():
    spells = [Spell("child_protection", date(2025, 1, 1), None), Spell("looked_after", date(2025, 2, 1), None)]
    assert audit_belongs(evidence_for("ilacs_2023", "help_protection"), spells, date(2025, 3, 1))
    assert audit_belongs(evidence_for("ilacs_2023", "in_care"), spells, date(2025, 3, 1))


def test_care_leavers_sit_within_children_in_care_where_the_framework_says_so():
    leaver = [Spell("care_leaver", date(2025, 1, 1), None)]
    on = date(2025, 3, 1)
    assert audit_belongs(evidence_for("ilacs_2018", "in_care"), leaver, on)
    assert not audit_belongs(evidence_for("ilacs_2023", "in_care"), leaver, on)
    assert audit_belongs(evidence_for("sif_2013", "looked_after"), leaver, on)
    assert audit_belongs(evidence_for("sif_2013", "looked_after"), [Spell("adoption", date(2025, 1, 1), None)], on)
    assert evidence_for("ilacs_2018", "in_care").figure_groups == (areas.IN_CARE, areas.CARE_LEAVERS)
    assert evidence_for("ilacs_2023", "in_care").figure_groups == (areas.IN_CARE,)


def test_leaders_see_the_oversight_domain_and_the_board_review_takes_no_audit():
    assert evidence_for("sif_2013", "leadership").oversight_domain
    assert evidence_for("ilacs_2026", "leaders").oversight_domain
    assert evidence_for("ilacs_2026", "leaders").figure_groups == (areas.LEADERS,)
    assert not evidence_for("ilacs_2023", "help_protection").oversight_domain
    lscb = evidence_for("sif_2013", "lscb")
    assert not lscb.uses_audits and lscb.figure_groups == ()
    assert not audit_belongs(lscb, [Spell("child_protection", date(2025, 1, 1), None)], date(2025, 3, 1))
