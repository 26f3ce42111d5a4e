"""Template helpers for audits: grade names and colours, and the final grade after moderation."""

from django import template

from judgements.grades import Grade

from ..audits.selectors import final_overall_grade

register = template.Library()


@register.filter
def grade_label(value) -> str:
    return Grade(int(value)).label if value else ""


@register.filter
def grade_colour(value) -> str:
    return Grade(int(value)).tag_colour if value else "govuk-tag--grey"


@register.filter
def final_grade(audit) -> int | None:
    return final_overall_grade(audit)
