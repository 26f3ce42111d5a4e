"""The readiness report's two small bar charts: care leavers by the accommodation they live in and
by what they are doing. The figures are tabulated beside each chart in the report."""

from ...charts import Bar, Chart, bar_chart
from .selectors import NOT_RECORDED, Cohorts

CHART_WIDTH = 680  # the page's width between its margins: the Annex A codes' words are long

# Care leavers' activity codes (cases/codes.py ActivityStatus) start F or P in education,
# employment or training, G when not.
NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING = "G"


def _activity_colour(label: str) -> str:
    if label == NOT_RECORDED:
        return "grey"
    return "red" if label.startswith(NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING) else ""


def _accommodation_colour(label: str) -> str:
    return "grey" if label == NOT_RECORDED else ""


def care_leaver_charts(cohorts: Cohorts) -> tuple[Chart, Chart]:
    """(accommodation, activity): one bar per code recorded, commonest first; "not recorded" in
    grey, and the activities that are not education, employment or training in red."""
    accommodation = bar_chart(
        title="Care leavers by type of accommodation",
        bars=[Bar(row.label, row.count, _accommodation_colour(row.label)) for row in cohorts.accommodation],
        width=CHART_WIDTH,
    )
    activity = bar_chart(
        title="Care leavers by main activity",
        bars=[Bar(row.label, row.count, _activity_colour(row.label)) for row in cohorts.activity],
        width=CHART_WIDTH,
    )
    return accommodation, activity
