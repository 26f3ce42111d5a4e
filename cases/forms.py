"""Form helpers. The GOV.UK mixin lives here, in the app every other app may read."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size


class GovUKFormMixin:
    """Gives a form a GOV.UK helper: labels, hints, inline errors and the error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
