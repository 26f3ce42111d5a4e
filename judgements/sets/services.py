"""Writes for judgement sets. Each takes the acting user and runs in one transaction: a set whose
grades break a limiting rule is refused (nothing saved) unless a reason for the override is
given, and the history of every change is kept with the actor (django-simple-history)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import EvidenceLink, Framework, Judgement, JudgementSet
from ..rules import check_overall

# Errors in the data itself, which no reason can override. Any other error from check_overall is
# a limiting rule, which an Ofsted outcome or a mock inspection's finding may break as published.
NEVER_OVERRIDDEN = {"unknown_framework", "unknown_area", "unknown_grade", "no_overall"}
NOTHING_TO_OVERRIDE = (
    "The grades follow the limiting rules, so there is nothing to override: leave the reason blank."
)


@dataclass(frozen=True)
class Entry:
    """What is recorded for one judgement area: the grade (None for not graded), the evidence
    summary and the evidence links as (title, address) pairs."""

    grade: int | None = None
    evidence: str = ""
    links: tuple[tuple[str, str], ...] = ()


def check_grades(*, framework: Framework, entries: Mapping[str, Entry], override_reason: str) -> None:
    """Raise ValidationError (keyed "overall" or "override_reason") if the grades break a limiting
    rule without a reason for the override, or a reason is given with no rule broken."""
    overall = entries["overall"].grade if "overall" in entries else None
    grades = {code: entry.grade for code, entry in entries.items() if code != "overall"}
    try:
        check_overall(framework.code, overall, grades)
    except ValidationError as error:
        if error.code in NEVER_OVERRIDDEN or not override_reason.strip():
            raise ValidationError({"overall": error.messages}) from error
    else:
        if override_reason.strip():
            raise ValidationError({"override_reason": NOTHING_TO_OVERRIDE})


@transaction.atomic
def judgement_set_create(
    *, actor, framework: Framework, source: str, title: str, judged_on: date, entries: Mapping[str, Entry],
    summary: str = "", override_reason: str = "", on_saved: Callable[[JudgementSet], None] | None = None,
) -> JudgementSet:
    """Record a set: one judgement for every area of the framework (blank where not graded).
    ``on_saved`` ties the new set to what it was recorded for, inside the same transaction."""
    check_grades(framework=framework, entries=entries, override_reason=override_reason)
    judgement_set = JudgementSet(
        framework=framework, source=source, title=title, judged_on=judged_on, summary=summary,
        override_reason=override_reason.strip(), created_by=actor,
    )
    _save(judgement_set, actor=actor, reason="Recorded")
    for area in framework.areas.order_by("order"):
        entry = entries.get(area.code, Entry())
        judgement = Judgement(judgement_set=judgement_set, area=area, grade=entry.grade, evidence=entry.evidence)
        _save(judgement, actor=actor, reason="Recorded")
        _replace_links(judgement, entry.links)
    if on_saved is not None:
        on_saved(judgement_set)
    return judgement_set


@transaction.atomic
def judgement_set_update(
    *, actor, judgement_set: JudgementSet, source: str, title: str, judged_on: date, entries: Mapping[str, Entry],
    summary: str = "", override_reason: str = "",
) -> JudgementSet:
    """Correct a set. Judgements whose grade and evidence are unchanged keep their history as it
    was; the set's own history records every save."""
    judgement_set = JudgementSet.objects.select_for_update().select_related("framework").get(pk=judgement_set.pk)
    check_grades(framework=judgement_set.framework, entries=entries, override_reason=override_reason)
    judgement_set.source, judgement_set.title, judgement_set.judged_on = source, title, judged_on
    judgement_set.summary, judgement_set.override_reason = summary, override_reason.strip()
    _save(judgement_set, actor=actor, reason="Corrected")
    existing = {judgement.area.code: judgement for judgement in judgement_set.judgements.select_related("area")}
    for area in judgement_set.framework.areas.order_by("order"):
        entry = entries.get(area.code, Entry())
        judgement = existing.get(area.code) or Judgement(judgement_set=judgement_set, area=area)
        if judgement.pk is None or (judgement.grade, judgement.evidence) != (entry.grade, entry.evidence):
            judgement.grade, judgement.evidence = entry.grade, entry.evidence
            _save(judgement, actor=actor, reason="Corrected")
        if [(link.title, link.url) for link in judgement.links.all()] != list(entry.links):
            _replace_links(judgement, entry.links)
    return judgement_set


def _save(instance, *, actor, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.full_clean(exclude=["judgement_set"] if isinstance(instance, Judgement) else None)
    instance.save()


def _replace_links(judgement: Judgement, links: tuple[tuple[str, str], ...]) -> None:
    judgement.links.all().delete()
    new = [EvidenceLink(judgement=judgement, title=title, url=url) for title, url in links]
    for link in new:
        link.full_clean(exclude=["judgement"])
    EvidenceLink.objects.bulk_create(new)
