"""Forms for the participant list, check-in and attendance (views: participants_views.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from voneinander.events.models import Event, ParticipantListVisibility
from voneinander.events.participants import SETTINGS_FIELDS


class ParticipantSettingsForm(forms.Form):
    participant_list_visibility = forms.ChoiceField(
        label=_("Who may see the participant list"),
        choices=ParticipantListVisibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Organisers always see everyone. Others see only the participants who agreed to "
            "be listed when they registered (or later on the list's page)."
        ),
    )
    self_check_in = forms.BooleanField(
        label=_("Participants may check in themselves on the event page while the event runs"),
        required=False,
    )
    retention_days = forms.IntegerField(
        label=_("Keep personal data for this many days after the event"),
        min_value=1,
        max_value=3650,
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        initial = {name: getattr(event, name) for name in SETTINGS_FIELDS}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["retention_days"].help_text = _(
            "Empty: the platform's default of %(days)s days. Then registrations, answers, "
            "bookings and preferences are deleted; only anonymous figures remain."
        ) % {"days": settings.EVENTS_RETENTION_DAYS}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}


class CheckInForm(forms.Form):
    """Organisers: check a person in ("in") or take it back ("out")."""

    action = forms.ChoiceField(choices=[("in", "in"), ("out", "out")])


class AttendedForm(forms.Form):
    """Organisers: a booked place was attended ("1") or not ("0")."""

    attended = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class ConsentForm(forms.Form):
    """The participant's own choice to appear in the list ("1") or not ("0")."""

    consent = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class SelfCheckInForm(forms.Form):
    """Empty: the event itself; otherwise the id of a session running now."""

    session = forms.IntegerField(required=False, min_value=1)
