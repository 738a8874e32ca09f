from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class AddCoordinatorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new coordinator"),
        help_text=_("The person needs an account on the platform."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this e-mail address."))
        self.user = user
        return email


class RemoveCoordinatorForm(forms.Form):
    user_id = forms.IntegerField(widget=forms.HiddenInput)
