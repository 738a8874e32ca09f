from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "position",
            "organisation",
            "municipality",
            "phone",
            "contact_visibility",
        ]
        widgets = {"contact_visibility": forms.RadioSelect}
        help_texts = {
            "municipality": _(
                "Changing it needs a new confirmation by your network's coordination office "
                "before you see members-only content."
            ),
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-/() ")
        if phone and (not set(phone) <= allowed or sum(ch.isdigit() for ch in phone) < 5):
            raise forms.ValidationError(
                _("Please enter a phone number with digits only, e.g. +49 6131 16-0.")
            )
        return phone
