"""Choice labels from a table kept on the field say exactly what Django's own get_FOO_display says."""

import pytest
from django.db import models

from cases.models import Child, Episode, Event, EventKind, Flag, LegalStatus, Placement, Stage
from cases.models.labels import ChoiceLabelsMixin, choice_labels


def djangos_own(instance, field_name: str):
    return models.Model._get_FIELD_display(instance, instance._meta.get_field(field_name))


@pytest.mark.parametrize("model", [Child, Episode, Event, Flag, Placement, LegalStatus])
def test_the_records_models_read_labels_from_the_kept_table(model):
    assert issubclass(model, ChoiceLabelsMixin)
    field = next(field for field in model._meta.concrete_fields if field.choices)
    assert model.__dict__[f"get_{field.name}_display"].func is ChoiceLabelsMixin._get_FIELD_display


@pytest.mark.parametrize("value", [EventKind.VISIT, EventKind.CASE_NOTE, "", "not a code", None])
def test_an_events_kind_reads_as_django_would_have_it(value):
    event = Event(kind=value)
    assert event.get_kind_display() == djangos_own(event, "kind")


def test_every_stage_and_an_unknown_one_read_as_django_would_have_them():
    for value in [*Stage.values, "retired_stage", ""]:
        episode = Episode(stage=value)
        assert episode.get_stage_display() == djangos_own(episode, "stage")
    assert Episode(stage=Stage.LOOKED_AFTER).get_stage_display() == Stage.LOOKED_AFTER.label


def test_the_table_is_made_once_per_field():
    field = Event._meta.get_field("kind")
    assert choice_labels(field) is choice_labels(field)
    assert choice_labels(field)[EventKind.VISIT] == EventKind.VISIT.label
