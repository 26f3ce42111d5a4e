"""Filters for lists of children (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from . import rules
from .forms import GovUKFormMixin
from .codes import Disability, Ethnicity, Gender
from .models import AccessLogEntry, Child, Team
from .selectors import teams_visible_to
from .widgets import Select


def _teams(request):
    return teams_visible_to(user=request.user) if request else Team.objects.none()


class ChoicesReadInOneQuery(ModelChoiceIterator):
    """A model choice list read by one ordinary query. Django's own reads it through
    ``QuerySet.iterator()``, which on PostgreSQL opens a server-side cursor (declared WITH HOLD
    outside a transaction, then fetched and closed): three round trips, and the result copied
    aside, for a list of a dozen teams drawn on every page of the children list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset.all():
            yield self.choice(instance)


class TeamChoiceField(forms.ModelChoiceField):
    iterator = ChoicesReadInOneQuery


class TeamFilter(django_filters.ModelChoiceFilter):
    field_class = TeamChoiceField


_AGE_INPUT = forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"})


class ChildFilterForm(GovUKFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].widget.attrs["class"] = "govuk-select"

    def clean(self):
        cleaned = super().clean()
        youngest, oldest = cleaned.get("age_from"), cleaned.get("age_to")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error("age_to", "Aged to must be the same as or older than aged from")
        return cleaned


class ChildFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Name, child ID or date of birth", method="filter_search",
        help_text="For example, Jones, 100231 or 27/3/2015",
    )
    team = TeamFilter(label="Allocated team", queryset=_teams, empty_label="Any team", widget=Select)
    # A large council has thousands of workers: the worker is searched for by name, not chosen
    # from a list of every one of them.
    worker = django_filters.CharFilter(
        label="Allocated worker", method="filter_worker",
        help_text="Their name or username, for example Okafor",
    )
    gender = django_filters.ChoiceFilter(choices=Gender.choices, empty_label="Any", widget=Select)
    ethnicity = django_filters.ChoiceFilter(choices=Ethnicity.choices, empty_label="Any", widget=Select)
    disability = django_filters.ChoiceFilter(choices=Disability.choices, empty_label="Any", label="Disability", widget=Select)
    age_from = django_filters.NumberFilter(
        label="Aged from", method="filter_age", min_value=0, max_value=25, widget=_AGE_INPUT
    )
    age_to = django_filters.NumberFilter(label="Aged to", method="filter_age", min_value=0, max_value=25, widget=_AGE_INPUT)
    sort = django_filters.OrderingFilter(
        fields=(("last_name", "name"), ("local_id", "id"), ("date_of_birth", "dob"), ("team__name", "team")),
        field_labels={"name": "Name", "id": "Child ID", "dob": "Date of birth", "team": "Team"},
        label="Sort by",
        empty_label="Name (A to Z)",
        widget=Select,
    )

    class Meta:
        model = Child
        form = ChildFilterForm
        fields = ["q", "team", "worker", "gender", "ethnicity", "disability"]

    def filter_search(self, queryset, name, value):
        born = rules.parse_date_of_birth(value)
        if born is not None:
            return queryset.filter(date_of_birth=born)
        for word in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(local_id__iexact=word)
            )
        return queryset

    def filter_worker(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(worker__user__first_name__icontains=word) | Q(worker__user__last_name__icontains=word)
                | Q(worker__user__username__iexact=word)
            )
        return queryset

    def filter_age(self, queryset, name, value):
        # Both age bounds are applied together, once, in filter_queryset.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        youngest = self.form.cleaned_data.get("age_from")
        oldest = self.form.cleaned_data.get("age_to")
        if youngest is not None or oldest is not None:
            earliest, latest = rules.birth_date_range_for_ages(
                timezone.localdate(),
                int(youngest) if youngest is not None else None,
                int(oldest) if oldest is not None else None,
            )
            if earliest:
                queryset = queryset.filter(date_of_birth__gte=earliest)
            if latest:
                queryset = queryset.filter(date_of_birth__lte=latest)
        return queryset


class AccessLogFilterForm(GovUKFormMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


class AccessLogFilter(django_filters.FilterSet):
    child = django_filters.CharFilter(label="Child ID", field_name="child__local_id", lookup_expr="iexact")
    user = django_filters.CharFilter(label="Username", field_name="user__username", lookup_expr="iexact")
    action = django_filters.ChoiceFilter(choices=AccessLogEntry.Action.choices, empty_label="Any")
    from_date = django_filters.DateFilter(
        label="From", field_name="at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
    )
    to_date = django_filters.DateFilter(
        label="To", field_name="at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
    )

    class Meta:
        model = AccessLogEntry
        form = AccessLogFilterForm
        fields = ["child", "user", "action"]

    def describe(self) -> str:
        """The search in words, for the access-log entry an export of it writes (a valid form)."""
        data = self.form.cleaned_data
        terms = []
        if data.get("child"):
            terms.append(f"child ID {data['child']}")
        if data.get("user"):
            terms.append(f"username {data['user']}")
        if data.get("action"):
            terms.append(f"what: {AccessLogEntry.Action(data['action']).label}")
        if data.get("from_date"):
            terms.append(f"from {data['from_date']:%-d %b %Y}")
        if data.get("to_date"):
            terms.append(f"to {data['to_date']:%-d %b %Y}")
        return "; ".join(terms) if terms else "every entry"
