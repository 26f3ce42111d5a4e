"""Ofsted's inspection frameworks for local authority children's services, and the judgement
areas each one grades, as data: the data migration writes them to the database and the limiting
rules (rules.py) read them from here, so the two cannot disagree.

Area kinds:
* ``overall``: overall effectiveness, derived from the key judgements.
* ``key``: a key judgement; inadequate in any key judgement makes overall effectiveness inadequate.
* ``graded``: graded within a key judgement (SIF: adoption performance, care leavers); informs
  the key judgement but does not limit overall effectiveness on its own.
* ``separate``: judged beside the council, not part of overall effectiveness (SIF: the LSCB review).

Sources: Ofsted, "Framework and evaluation schedule for the inspections of services for children
in need of help and protection, children looked after and care leavers" (SIF, 2013, updated 2014);
"Inspecting local authority children's services" (ILACS, from January 2018; care leavers a
separate judgement from January 2023); ILACS 2026 (area judgements without overall effectiveness).
"""

from dataclasses import dataclass


class Kind:
    OVERALL = "overall"
    KEY = "key"
    GRADED = "graded"
    SEPARATE = "separate"

    CHOICES = [(OVERALL, "Overall effectiveness"), (KEY, "Key judgement"), (GRADED, "Graded judgement"),
               (SEPARATE, "Separate judgement")]


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None  # for a graded judgement: the key judgement it sits within


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    name: str
    short_name: str
    in_force_from: str  # ISO date
    in_force_to: str | None
    areas: tuple[AreaSpec, ...]

    @property
    def has_overall(self) -> bool:
        return any(area.kind == Kind.OVERALL for area in self.areas)

    def area(self, code: str) -> AreaSpec:
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(f"{self.short_name} has no judgement area {code!r}")

    def codes(self, kind: str) -> list[str]:
        return [area.code for area in self.areas if area.kind == kind]


OVERALL = AreaSpec("overall", "Overall effectiveness", Kind.OVERALL)
HELP_AND_PROTECTION = "The experiences and progress of children who need help and protection"

FRAMEWORKS: dict[str, FrameworkSpec] = {spec.code: spec for spec in (
    FrameworkSpec("sif_2013", "Single inspection framework (2013 to 2017)", "SIF", "2013-11-01", "2017-12-31", (
        OVERALL,
        AreaSpec("help_protection", HELP_AND_PROTECTION, Kind.KEY),
        AreaSpec("looked_after", "The experiences and progress of children looked after and achieving permanence",
                 Kind.KEY),
        AreaSpec("adoption", "Adoption performance", Kind.GRADED, parent="looked_after"),
        AreaSpec("care_leavers", "The experiences and progress of care leavers", Kind.GRADED, parent="looked_after"),
        AreaSpec("leadership", "Leadership, management and governance", Kind.KEY),
        AreaSpec("lscb", "The effectiveness of the Local Safeguarding Children Board", Kind.SEPARATE),
    )),
    FrameworkSpec("ilacs_2018", "Inspecting local authority children's services (2018 to 2022)", "ILACS 2018",
                  "2018-01-01", "2022-12-31", (
        OVERALL,
        AreaSpec("leaders", "The impact of leaders on social work practice with children and families", Kind.KEY),
        AreaSpec("help_protection", HELP_AND_PROTECTION, Kind.KEY),
        AreaSpec("in_care", "The experiences and progress of children in care and care leavers", Kind.KEY),
    )),
    FrameworkSpec("ilacs_2023", "Inspecting local authority children's services (from January 2023)", "ILACS 2023",
                  "2023-01-01", "2025-12-31", (
        OVERALL,
        AreaSpec("leaders", "The impact of leaders on social work practice with children and families", Kind.KEY),
        AreaSpec("help_protection", HELP_AND_PROTECTION, Kind.KEY),
        AreaSpec("in_care", "The experiences and progress of children in care", Kind.KEY),
        AreaSpec("care_leavers", "The experiences and progress of care leavers", Kind.KEY),
    )),
    FrameworkSpec("ilacs_2026", "Inspecting local authority children's services (from 2026)", "ILACS 2026",
                  "2026-01-01", None, (
        AreaSpec("leaders", "The impact of leaders on social work practice with children and families", Kind.KEY),
        AreaSpec("help_protection", HELP_AND_PROTECTION, Kind.KEY),
        AreaSpec("in_care", "The experiences and progress of children in care", Kind.KEY),
        AreaSpec("care_leavers", "The experiences and progress of care leavers", Kind.KEY),
    )),
)}


# The same question asked under different frameworks, for one grade history across them all:
# (what it is, {framework code: area code}). ILACS 2018 judged children in care and care leavers
# together, so it gives no separate care leavers grade.
COMPARABLE_AREAS: list[tuple[str, dict[str, str]]] = [
    ("Overall effectiveness", {"sif_2013": "overall", "ilacs_2018": "overall", "ilacs_2023": "overall"}),
    ("Leaders (SIF: leadership, management and governance)",
     {"sif_2013": "leadership", "ilacs_2018": "leaders", "ilacs_2023": "leaders", "ilacs_2026": "leaders"}),
    ("Children who need help and protection",
     {code: "help_protection" for code in ("sif_2013", "ilacs_2018", "ilacs_2023", "ilacs_2026")}),
    ("Children in care (SIF: looked after and achieving permanence)",
     {"sif_2013": "looked_after", "ilacs_2018": "in_care", "ilacs_2023": "in_care", "ilacs_2026": "in_care"}),
    ("Care leavers", {"sif_2013": "care_leavers", "ilacs_2023": "care_leavers", "ilacs_2026": "care_leavers"}),
]
