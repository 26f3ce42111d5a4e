"""Which case records an inspector looks at first for each judgement area. Pure: no ORM.

How a case audit belongs to an area: by the journey stages the child was open to on the day the
audit was completed (an episode open that day: started on or before it, not ended before it).

* Help and protection: referral, assessment, section 47 enquiry, child in need, child protection.
* Children looked after / in care: looked after. Under the SIF the key judgement "children looked
  after and achieving permanence" also holds adoption and care leavers (graded within it), and
  under ILACS 2018 "children in care and care leavers" holds care leavers, so those stages count
  there too.
* Adoption performance (SIF): adoption. Care leavers: care leaver.
* Leadership (SIF) and the impact of leaders (ILACS), and overall effectiveness: every audit, with
  the management oversight domain shown on its own, since leaders are judged by the difference
  their oversight makes to practice.
* The LSCB review (SIF): no case audit; the board is judged on its own work.

An audit of a child open to stages of two areas on that day (looked after and on a child
protection plan, say) counts in both, as an inspector reading the case would see it in both.
A child with no episode open that day counts only where every audit does.

Each area also names the groups of statutory timescale figures that bear on it
(inspection/judgement_evidence/figures.py works them out).
"""

from dataclasses import dataclass
from datetime import date

REFERRAL, ASSESSMENT, SECTION_47 = "referral", "assessment", "section_47"
CHILD_IN_NEED, CHILD_PROTECTION = "child_in_need", "child_protection"
LOOKED_AFTER, CARE_LEAVER, ADOPTION = "looked_after", "care_leaver", "adoption"

HELP_PROTECTION_STAGES = frozenset({REFERRAL, ASSESSMENT, SECTION_47, CHILD_IN_NEED, CHILD_PROTECTION})

# Groups of timescale figures.
HELP_PROTECTION, IN_CARE, CARE_LEAVERS, LEADERS = "help_protection", "in_care", "care_leavers", "leaders"
FIGURE_GROUPS = (HELP_PROTECTION, IN_CARE, CARE_LEAVERS, LEADERS)

# The standard audit template's management oversight domain (inspection/audit_template.py); its
# key stays the same across template versions.
OVERSIGHT_DOMAIN = "oversight"


@dataclass(frozen=True)
class AreaEvidence:
    """What bears on one judgement area. ``stages`` None: every audit; empty: no audit."""

    stages: frozenset[str] | None
    figure_groups: tuple[str, ...]
    oversight_domain: bool
    which_audits: str

    @property
    def uses_audits(self) -> bool:
        return self.stages is None or bool(self.stages)


EVERY_AUDIT = "Every completed audit counts here, whatever the child's stage."


def evidence_for(framework_code: str, area_code: str) -> AreaEvidence:
    """What an inspector looks at first for this area of this framework."""
    if area_code == "overall":
        return AreaEvidence(None, FIGURE_GROUPS, True, EVERY_AUDIT)
    if area_code in {"leadership", "leaders"}:
        return AreaEvidence(None, (LEADERS,), True, EVERY_AUDIT)
    if area_code == "help_protection":
        return AreaEvidence(HELP_PROTECTION_STAGES, (HELP_PROTECTION,), False, _stages_sentence(
            "at referral, assessment, a section 47 enquiry, child in need or child protection"))
    if area_code == "looked_after":  # SIF: children looked after and achieving permanence
        return AreaEvidence(frozenset({LOOKED_AFTER, ADOPTION, CARE_LEAVER}), (IN_CARE, CARE_LEAVERS), False,
                            _stages_sentence("looked after, with an adoption plan or a care leaver"))
    if area_code == "in_care" and framework_code == "ilacs_2018":  # children in care and care leavers
        return AreaEvidence(frozenset({LOOKED_AFTER, CARE_LEAVER}), (IN_CARE, CARE_LEAVERS), False,
                            _stages_sentence("looked after or a care leaver"))
    if area_code == "in_care":
        return AreaEvidence(frozenset({LOOKED_AFTER}), (IN_CARE,), False, _stages_sentence("looked after"))
    if area_code == "adoption":
        return AreaEvidence(frozenset({ADOPTION}), (), False, _stages_sentence("with an adoption plan"))
    if area_code == "care_leavers":
        return AreaEvidence(frozenset({CARE_LEAVER}), (CARE_LEAVERS,), False, _stages_sentence("a care leaver"))
    if area_code == "lscb":
        return AreaEvidence(frozenset(), (), False, "Case audits do not bear on the board's own effectiveness.")
    raise KeyError(f"No evidence is defined for the judgement area {area_code!r}")


def _stages_sentence(stages: str) -> str:
    return f"Audits of children who were {stages} on the day the audit was completed."


@dataclass(frozen=True)
class Spell:
    """One episode of a child's journey, as plain values."""

    stage: str
    start: date
    end: date | None


def stages_on(spells: list[Spell], day: date) -> set[str]:
    """The stages a child was open to on a day."""
    return {spell.stage for spell in spells if spell.start <= day and (spell.end is None or spell.end >= day)}


def audit_belongs(evidence: AreaEvidence, spells: list[Spell], completed_on: date) -> bool:
    if evidence.stages is None:
        return True
    return bool(evidence.stages & stages_on(spells, completed_on))
