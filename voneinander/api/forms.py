import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voneinander.core.forms import date_input


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Ratsinformationssystem”."),
    )
    can_write = forms.BooleanField(
        label=_("May write"),
        required=False,
        help_text=_(
            "Register for events and edit solutions in your name. Leave it off for reading."
        ),
    )
    expires_on = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=date_input(),
        help_text=_("The token stops working at the end of this day. Empty: until revoked."),
    )

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return value

    def expires_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(end)
