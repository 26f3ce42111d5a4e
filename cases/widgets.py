"""Form widgets for pages drawn on every request.

Django draws each option of a select from its own template: the children list's filters (teams,
ethnicities, sort orders) took a third of the page's time that way, and a list of thousands of
workers most of a second. This ``Select`` draws the same HTML directly. (It keeps the name Select
because crispy-forms-gds gives a widget its GOV.UK class by the widget's class name.)
"""

import html

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class Select(forms.Select):
    """A single-choice select drawn without a template per option: the same HTML as forms.Select
    (choices in groups are left to it)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = [choice for choice in self.choices]  # not list(): that asks a model choice list to count itself first
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        selected_value = chosen[0] if chosen else None
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = ""
            if option_value == selected_value:
                selected, selected_value = " selected", None  # as forms.Select: only the first match
            # html.escape is what django.utils.html.escape applies, without a SafeString per call.
            options.append(f'\n  <option value="{html.escape(option_value)}"{selected}>{html.escape(str(label))}</option>\n')
        return format_html('<select name="{}"{}>{}\n</select>', name, _attributes(self.build_attrs(self.attrs, attrs)),
                           mark_safe("".join(options)))


def _attributes(attrs: dict) -> str:
    """Attributes in the order given, as Django's widget template writes them (True alone, False
    left out)."""
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items() if value is not False
    ))
