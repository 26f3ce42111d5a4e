"""Sign-in and password forms in the GOV.UK Design System style."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from cases.forms import GovUKFormMixin


class SignInForm(GovUKFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator to switch it on.",
    }


class PasswordChangeGovUKForm(GovUKFormMixin, PasswordChangeForm):
    pass
