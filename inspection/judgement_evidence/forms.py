"""The framework chooser on the evidence page (a GET form)."""

from django import forms

from cases.forms import GovUKFormMixin

from judgements.models import Framework


class FrameworkForm(GovUKFormMixin, forms.Form):
    framework = forms.ChoiceField(
        label="Framework", error_messages={"invalid_choice": "Select a framework from the list", "required": "Select a framework"},
    )

    def __init__(self, *args, frameworks: list[Framework], **kwargs):
        self.frameworks = {framework.code: framework for framework in frameworks}
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address

    def adjust_fields(self) -> None:
        self.fields["framework"].choices = [(code, _label(framework)) for code, framework in self.frameworks.items()]

    @property
    def chosen(self) -> Framework | None:
        return self.frameworks.get(self.cleaned_data["framework"]) if self.is_valid() else None


def _label(framework: Framework) -> str:
    """Short enough for the select box: 'ILACS 2023 (2023 to 2025)', 'ILACS 2026 (from 2026)'."""
    if framework.in_force_to:
        return f"{framework.short_name} ({framework.in_force_from.year} to {framework.in_force_to.year})"
    return f"{framework.short_name} (from {framework.in_force_from.year})"
