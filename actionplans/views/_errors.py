"""Showing a service's ValidationError on the form that was submitted."""

from django.core.exceptions import ValidationError


def add_service_error(form, error: ValidationError) -> None:
    """Put each message on its field where the form has that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
