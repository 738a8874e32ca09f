from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.accounts.privacy_erasure import check_deletable


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To protect your account, please enter your password again."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        required=True,
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        return password

    def clean(self):
        cleaned = super().clean()
        check_deletable(self.user)
        return cleaned
