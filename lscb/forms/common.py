"""What the board's forms share: dates in order, nothing recorded as done in the future, number
inputs as GOV.UK asks for them."""

from datetime import date

from django import forms

from cases.rules import date_in_future

# GOV.UK asks for a text input with a numeric keypad rather than type="number".
NUMBER = {"inputmode": "numeric", "spellcheck": "false"}
COUNT_ERRORS = {"invalid": "Enter a whole number, like 12", "min_value": "Enter a number of people, 0 or more",
                "max_value": "Enter a number of people below 10,000"}
SECTION_BREAK = '<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">'


def after(cleaned: dict, form: forms.Form, earlier: str, later: str, message: str) -> None:
    """Add ``message`` to ``later`` when both dates are given and it comes before ``earlier``."""
    first, second = cleaned.get(earlier), cleaned.get(later)
    if first and second and second < first and later not in form.errors:
        form.add_error(later, message)


def not_in_future(cleaned: dict, form: forms.Form, names: list[str], today: date) -> None:
    for name in names:
        message = date_in_future(cleaned.get(name), today, "The date")
        if message and name not in form.errors:
            form.add_error(name, message)
