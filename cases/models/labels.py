"""Choice labels read from a table made once per field.

Django's own ``get_FOO_display`` builds a dictionary of the field's choices again on every call.
A child's record shows a few hundred labels (each episode's stage, source, needs and categories;
each event's kind) and a caseload hundreds more, so the models read here from a table kept on the
field instead. The answer is Django's: the label for a known value, the value itself otherwise.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def choice_labels(field) -> dict:
    """The field's choices as {value: label}, made on first use and kept on the field."""
    labels = getattr(field, "_line_of_sight_labels", None)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        field._line_of_sight_labels = labels
    return labels


class ChoiceLabelsMixin:
    """Put first in a model's bases: every ``get_FOO_display`` of the model then uses
    ``choice_labels`` (Django binds those methods to ``_get_FIELD_display`` as the class is made)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value, as Django allows
            label = choice_labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)
