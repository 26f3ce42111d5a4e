"""Sign-in and password forms in the GOV.UK Design System style."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.validators import MaxLengthValidator

from cases.forms import GovUKFormMixin


class SignInForm(GovUKFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator to switch it on.",
    }

    def adjust_fields(self) -> None:
        # Django sets the username's maximum length after making the field, so it is never checked:
        # a longer name went on to the sign-in log (django-axes), whose column refuses it.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(
            username.max_length, message=f"The username must be {username.max_length} characters or fewer"))


class PasswordChangeGovUKForm(GovUKFormMixin, PasswordChangeForm):
    pass
