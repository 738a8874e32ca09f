from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from voneinander.accounts.models import User
from voneinander.municipalities.forms import MunicipalityField


class ProfileForm(forms.ModelForm):
    # A search over the registry instead of a select of thousands of options.
    municipality = MunicipalityField(
        label=capfirst(User._meta.get_field("municipality").verbose_name),
        required=False,
        help_text=_(
            "Changing it needs a new confirmation by your network's coordination office "
            "before you see members-only content."
        ),
    )

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

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-/() ")
        if phone and (not set(phone) <= allowed or sum(ch.isdigit() for ch in phone) < 5):
            raise forms.ValidationError(
                _("Please enter a phone number with digits only, e.g. +49 6131 16-0.")
            )
        return phone
