"""Filters for the list of every action (django-filter): by owner, status as it stands today,
judgement area, target date and plan."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.forms import GovUKFormMixin

from . import selectors
from .models import Action
from .rules import Status

_DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"})


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class OwnerFilter(django_filters.ModelChoiceFilter):
    field_class = OwnerChoiceField


def _owners(request):
    """People who own at least one action."""
    owners = get_user_model().objects.filter(owned_actions__isnull=False).distinct()
    return owners.order_by("first_name", "last_name", "username")


class ActionFilterForm(GovUKFormMixin, forms.Form):
    def adjust_fields(self) -> None:
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                # Judgement areas have long names: the selects fit the filter column, not their longest option.
                field.widget.attrs["class"] = "govuk-!-width-full"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "The 'due by' date must be the same as or after the 'due from' date")
        return cleaned


class ActionFilter(django_filters.FilterSet):
    owner = OwnerFilter(label="Owner", queryset=_owners, empty_label="Anyone")
    status = django_filters.ChoiceFilter(
        label="Status today", choices=Status.CHOICES, empty_label="Any", method="filter_status",
        help_text="Actions past their target date and not complete count as off track.",
    )
    area = django_filters.ChoiceFilter(
        label="Judgement area", field_name="recommendation__area", empty_label="Any",
        choices=lambda: [("none", selectors.NO_AREA), *selectors.area_choices()], method="filter_area",
    )
    due_from = django_filters.DateFilter(label="Due from", field_name="target_date", lookup_expr="gte", widget=_DATE_INPUT)
    due_to = django_filters.DateFilter(label="Due by", field_name="target_date", lookup_expr="lte", widget=_DATE_INPUT)
    plan = django_filters.ModelChoiceFilter(
        label="Plan", field_name="recommendation__plan", queryset=lambda request: selectors.plan_choices(),
        empty_label="Any plan",
    )

    class Meta:
        model = Action
        form = ActionFilterForm
        fields = ["owner", "status", "area", "due_from", "due_to", "plan"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(selectors.effective_status_q(value, timezone.localdate()))

    def filter_area(self, queryset, name, value):
        return queryset.filter(recommendation__area="" if value == "none" else value)
