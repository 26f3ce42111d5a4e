"""The dashboards' forms: the team and period filter (GET), the drill-down's filter (GET) and the
council's targets (POST)."""

from datetime import date
from decimal import Decimal

from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import format_html

from cases.forms import GovUKFormMixin

from .drilldown import NOT_MET, SHOW_CHOICES
from .measures import AREA_TITLES, MEASURES, PERCENT, Measure, format_value
from .selectors import Target

ALL_TEAMS = "All teams"


def period_label(day: date, *, latest: bool) -> str:
    """"30 November 2026 (latest)" or "31 October 2026"."""
    return f"{day:%-d %B %Y}{' (latest)' if latest else ''}"


class _TeamFilter(GovUKFormMixin, forms.Form):
    """A team chosen from every team, or all teams. A user who has not chosen sees their own team
    (``default_team``), and a choice that is not in the list falls back to it."""

    team = forms.ChoiceField(label="Team", required=False,
                             error_messages={"invalid_choice": "Select a team from the list"})

    def __init__(self, data, *, teams, default_team=None, **kwargs):
        self.teams = {str(team.pk): team for team in teams}
        self.default_team = default_team
        if data is not None and "team" not in data and default_team is not None:
            data = data.copy()
            data["team"] = str(default_team.pk)
        super().__init__(data, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address

    def adjust_fields(self) -> None:
        self.fields["team"].choices = [("", ALL_TEAMS), *((pk, team.name) for pk, team in self.teams.items())]

    @property
    def chosen_team(self):
        if not self.is_bound:
            return self.default_team
        if self.is_valid() or "team" in self.cleaned_data:
            return self.teams.get(self.cleaned_data.get("team") or "")
        return self.default_team


class DashboardFilterForm(_TeamFilter):
    period = forms.ChoiceField(label="Figures as at", required=False,
                               error_messages={"invalid_choice": "Select a date from the list"})

    def __init__(self, data, *, days: list[date], **kwargs):
        self.days = {day.isoformat(): day for day in days}
        super().__init__(data, **kwargs)

    def adjust_fields(self) -> None:
        super().adjust_fields()
        self.fields["period"].choices = [
            (key, period_label(day, latest=index == 0)) for index, (key, day) in enumerate(self.days.items())
        ]

    @property
    def chosen_day(self) -> date | None:
        """The day chosen, else the latest day held (None when no figure is held yet)."""
        chosen = self.days.get(self.cleaned_data.get("period") or "") if self.is_valid() or "period" in self.cleaned_data else None
        return chosen or next(iter(self.days.values()), None)


class DrillDownFilterForm(_TeamFilter):
    show = forms.ChoiceField(label="Show", required=False, choices=SHOW_CHOICES, widget=forms.RadioSelect,
                             error_messages={"invalid_choice": "Select which children to show"})

    def __init__(self, data, **kwargs):
        if data is not None and "show" not in data:
            data = data.copy()
            data["show"] = NOT_MET
        super().__init__(data, **kwargs)
        self.helper.layout = Layout("team", Field.radios("show", legend_size=Size.SMALL, inline=True))

    @property
    def chosen_show(self) -> str:
        if self.is_valid() or "show" in self.cleaned_data:
            return self.cleaned_data.get("show") or NOT_MET
        return NOT_MET


# --- Targets ---------------------------------------------------------------------------------------

PERCENT_RANGE = (Decimal(0), Decimal(100))
AVERAGE_RANGE = (Decimal(0), Decimal(999))


def _target_field(measure: Measure) -> forms.DecimalField:
    low, high = PERCENT_RANGE if measure.unit == PERCENT else AVERAGE_RANGE
    name = measure.label[:1].lower() + measure.label[1:]
    what = "a percentage" if measure.unit == PERCENT else "a number of children"
    return forms.DecimalField(
        label="Target (per cent)" if measure.unit == PERCENT else "Target (children per social worker)",
        min_value=low, max_value=high, max_digits=6, decimal_places=1,
        help_text=format_html("{} is better. The default is {}.", "Lower" if measure.lower_is_better else "Higher",
                              format_value(measure, measure.target)),
        error_messages={
            "required": f"Enter the target for {name}",
            "invalid": f"Enter the target for {name} as {what}, like {format_value(measure, measure.target).rstrip('%')}",
            "min_value": f"The target for {name} must be {low} or more",
            "max_value": f"The target for {name} must be {high} or less",
            "max_decimal_places": f"The target for {name} can have at most 1 decimal place",
            "max_digits": f"The target for {name} must be {high} or less",
            "max_whole_digits": f"The target for {name} must be {high} or less",
        },
    )


def _tolerance_field(measure: Measure) -> forms.DecimalField:
    name = measure.label[:1].lower() + measure.label[1:]
    high = PERCENT_RANGE[1] if measure.unit == PERCENT else AVERAGE_RANGE[1]
    return forms.DecimalField(
        label="Amber within (percentage points)" if measure.unit == PERCENT else "Amber within (children)",
        min_value=Decimal(0), max_value=high, max_digits=6, decimal_places=1,
        help_text=format_html("How far off the target the figure may be and still be amber rather than red. "
                              "The default is {}.", format_value(measure, measure.tolerance).rstrip("%")),
        error_messages={
            "required": f"Enter how far off the target {name} may be and still be amber",
            "invalid": f"Enter the amber range for {name} as a number, like {format_value(measure, measure.tolerance).rstrip('%')}",
            "min_value": f"The amber range for {name} must be 0 or more",
            "max_value": f"The amber range for {name} must be {high} or less",
            "max_decimal_places": f"The amber range for {name} can have at most 1 decimal place",
            "max_digits": f"The amber range for {name} must be {high} or less",
            "max_whole_digits": f"The amber range for {name} must be {high} or less",
        },
    )


def _what_it_counts(measure: Measure) -> str:
    if measure.unit == PERCENT:
        return f"The share of {measure.counts}: {measure.met_label}."
    return f"The average number of {measure.met_label} per one of the {measure.counts}."


class TargetsForm(GovUKFormMixin, forms.Form):
    """Every figure's target and amber range, grouped by area, prefilled with today's."""

    def __init__(self, *args, current: dict[str, Target], **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)
        for measure in MEASURES:
            self.initial.setdefault(f"{measure.key}_target", current[measure.key].value)
            self.initial.setdefault(f"{measure.key}_tolerance", current[measure.key].tolerance)
        self.helper.layout = Layout(*self._layout())

    def adjust_fields(self) -> None:
        for measure in MEASURES:
            self.fields[f"{measure.key}_target"] = _target_field(measure)
            self.fields[f"{measure.key}_tolerance"] = _tolerance_field(measure)

    def _layout(self) -> list:
        layout = []
        for area, title in AREA_TITLES.items():
            layout.append(HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', title)))
            for measure in (m for m in MEASURES if m.area == area):
                layout.append(Fieldset(
                    HTML(format_html('<p class="govuk-body-s">{}</p>', _what_it_counts(measure))),
                    Div(Field.text(f"{measure.key}_target", field_width=4),
                        Field.text(f"{measure.key}_tolerance", field_width=4), css_class="los-target-pair"),
                    legend=measure.label, legend_size=Size.SMALL,
                ))
        return layout

    def chosen(self) -> dict[str, Target]:
        """Each measure's target and amber range as entered (call after is_valid)."""
        return {
            measure.key: Target(self.cleaned_data[f"{measure.key}_target"],
                                self.cleaned_data[f"{measure.key}_tolerance"], True)
            for measure in MEASURES
        }
