"""Forms for the event list and for organising events. Rules are checked in services."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voneinander.core.forms import date_input
from voneinander.events import recurrence
from voneinander.events.models import (
    AllocationMode,
    Event,
    EventFormat,
    EventKind,
    ProgrammePart,
    Question,
    QuestionKind,
    Round,
    Session,
    Speaker,
    Visibility,
)
from voneinander.events.services import DETAIL_FIELDS, RULE_FIELDS
from voneinander.networks.models import Network
from voneinander.networks.roles import network_roles

MAX_PEOPLE = 200
MAX_REMINDERS = 5


def datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


web_address = URLValidator(
    schemes=["https", "http"],
    message=_("Please enter a web address starting with https://."),
    code="scheme",  # not "invalid", which the field would replace with its own message
)


def _datetime_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label, required=required, widget=datetime_input(), help_text=help_text
    )


# --- The list's filter ----------------------------------------------------------------


class EventFilterForm(forms.Form):
    netzwerk = forms.ChoiceField(label=_("Network"), required=False)
    art = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds")), *EventKind.choices],
    )

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.networks = {network.slug: network for network in networks}
        self.fields["netzwerk"].choices = [("", _("All networks"))] + [
            (network.slug, network.name) for network in networks
        ]

    def values(self) -> tuple[Network | None, str]:
        """The chosen network and kind; an unknown choice filters nothing."""
        if not self.is_bound or not self.is_valid():
            return None, ""
        return self.networks.get(self.cleaned_data["netzwerk"]), self.cleaned_data["art"]


# --- People given by e-mail ---------------------------------------------------------------


class PeopleField(forms.CharField):
    """E-mail addresses of platform accounts, one per line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        text = super().clean(value)
        addresses = [a.lower() for a in re.split(r"[\s,;]+", text or "") if a]
        if len(addresses) > MAX_PEOPLE:
            raise forms.ValidationError(
                _("Please name at most %(count)s people.") % {"count": MAX_PEOPLE}
            )
        users = {
            user.email.lower(): user
            for user in get_user_model().objects.filter(email__in=addresses, is_active=True)
        }
        unknown = [address for address in addresses if address not in users]
        if unknown:
            raise forms.ValidationError(
                _("There is no active account with the address %(address)s.")
                % {"address": unknown[0]}
            )
        return list(dict.fromkeys(users[address] for address in addresses))


def _emails(users) -> str:
    return "\n".join(user.email for user in users)


# --- An event's details -------------------------------------------------------------------


def organisable_networks(user, *, keep=()):
    """Networks `user` may organise for (all for admins), plus those already chosen."""
    networks = Network.objects.order_by("name")
    if user.is_superuser:
        return networks
    ids = set(network_roles(user).coordinated) | {network.pk for network in keep}
    return networks.filter(pk__in=ids)


class EventForm(forms.Form):
    networks = forms.ModelMultipleChoiceField(
        label=_("Organising networks"),
        queryset=Network.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Several networks organise a joint event."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences for lists and calendars."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    format = forms.ChoiceField(
        label=_("Format"), choices=EventFormat.choices, widget=forms.RadioSelect
    )
    location = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("Address of an event on site or hybrid."),
    )
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[web_address],
        help_text=_(
            "Jitsi, BigBlueButton, OpenTalk or any other address. Shown only to confirmed "
            "participants, from the time set below."
        ),
    )
    meeting_link_opens_minutes = forms.IntegerField(
        label=_("Show the meeting link from (minutes before the start)"),
        min_value=0,
        max_value=7 * 24 * 60,
        initial=30,
    )
    visibility = forms.ChoiceField(
        label=_("Who may see the event"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
    )
    organisers = PeopleField(
        label=_("Further organisers"),
        required=False,
        help_text=_(
            "E-mail addresses of accounts, one per line. The coordinators of the organising "
            "networks always organise."
        ),
    )
    invited = PeopleField(
        label=_("Invited people"),
        required=False,
        help_text=_(
            "E-mail addresses of accounts, one per line. They see the event whatever its "
            "visibility."
        ),
    )

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        initial = kwargs.pop("initial", {})
        if event is not None:
            initial = {field: getattr(event, field) for field in DETAIL_FIELDS}
            initial["starts_at"] = timezone.localtime(event.starts_at)
            initial["ends_at"] = timezone.localtime(event.ends_at)
            initial["networks"] = list(event.networks.all())
            initial["organisers"] = _emails(event.organisers.order_by("email"))
            initial["invited"] = _emails(event.invited.order_by("email"))
        super().__init__(*args, initial=initial, **kwargs)
        keep = initial.get("networks", []) if event is not None else []
        self.fields["networks"].queryset = organisable_networks(user, keep=keep)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if data.get("format") in {EventFormat.ONSITE, EventFormat.HYBRID} and not data.get(
            "location"
        ):
            self.add_error("location", _("Please name the place of an event on site."))
        return data

    def event_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in DETAIL_FIELDS}


class EventRulesForm(forms.Form):
    """Registration rules; enforced when people register (see the registration services)."""

    registration_enabled = forms.BooleanField(
        label=_("People register for this event"), required=False
    )
    registration_opens_at = _datetime_field(
        _("Registration opens"), required=False, help_text=_("Empty: right away.")
    )
    registration_closes_at = _datetime_field(
        _("Registration closes"), required=False, help_text=_("Empty: when the event starts.")
    )
    cancellation_deadline = _datetime_field(
        _("Participants may cancel until"), required=False, help_text=_("Empty: until the start.")
    )
    capacity = forms.IntegerField(
        label=_("Places at the event"),
        min_value=1,
        required=False,
        help_text=_("Empty means no limit. Sessions have capacities of their own."),
    )
    max_sessions_per_person = forms.IntegerField(
        label=_("Sessions per person at most"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Empty means no limit."),
    )
    one_session_per_round = forms.BooleanField(
        label=_("At most one session per round (sessions at the same time)"), required=False
    )
    one_session_per_topic = forms.BooleanField(
        label=_("At most one session per topic (a repeated workshop counts once)"),
        required=False,
    )
    requires_approval = forms.BooleanField(
        label=_("Registrations need the organisers' approval"), required=False
    )
    allocation_mode = forms.ChoiceField(
        label=_("How sessions are allocated"),
        choices=AllocationMode.choices,
        widget=forms.RadioSelect,
    )
    preferences_close_at = _datetime_field(
        _("Preferences can be given until"),
        required=False,
        help_text=_("Needed for the allocation by preferences."),
    )
    reminder_hours = forms.CharField(
        label=_("Reminders (hours before the start)"),
        required=False,
        help_text=_("For example “24, 2”. Empty: no reminders."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        initial = {field: getattr(event, field) for field in RULE_FIELDS}
        for field in (
            "registration_opens_at",
            "registration_closes_at",
            "cancellation_deadline",
            "preferences_close_at",
        ):
            if initial[field] is not None:
                initial[field] = timezone.localtime(initial[field])
        initial["reminder_hours"] = ", ".join(str(hours) for hours in event.reminder_hours)
        super().__init__(*args, initial=initial, **kwargs)
        self.event = event

    def clean_reminder_hours(self):
        parts = [p for p in re.split(r"[\s,;]+", self.cleaned_data["reminder_hours"]) if p]
        if not all(p.isdigit() and 0 < int(p) <= 24 * 30 for p in parts):
            raise forms.ValidationError(
                _("Please enter whole numbers of hours between 1 and 720, separated by commas.")
            )
        if len(parts) > MAX_REMINDERS:
            raise forms.ValidationError(
                _("Please set at most %(count)s reminders.") % {"count": MAX_REMINDERS}
            )
        return sorted({int(p) for p in parts}, reverse=True)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        deadline = data.get("cancellation_deadline")
        if deadline and deadline > self.event.ends_at:
            self.add_error(
                "cancellation_deadline",
                _("The cancellation deadline must not lie after the event."),
            )
        if data.get("allocation_mode") == AllocationMode.PREFERENCES:
            close = data.get("preferences_close_at")
            if close is None:
                self.add_error(
                    "preferences_close_at",
                    _("Please set until when preferences can be given."),
                )
            elif close > self.event.starts_at:
                self.add_error(
                    "preferences_close_at",
                    _("Preferences must close before the event starts."),
                )
        return data

    def rule_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in RULE_FIELDS}


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to the participants"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Included in the e-mail to everyone registered."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this event and inform everyone registered"),
        error_messages={"required": _("Please confirm that the event is to be cancelled.")},
    )


# --- Programme items ------------------------------------------------------------------------


class _TimedItemForm(forms.ModelForm):
    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                self.fields[name].widget = datetime_input()
                value = self.initial.get(name)
                if isinstance(value, datetime.datetime):
                    self.initial[name] = timezone.localtime(value)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("It must end after it starts."))
        return data


class ProgrammePartForm(_TimedItemForm):
    class Meta:
        model = ProgrammePart
        fields = ["title", "starts_at", "ends_at", "speakers_text", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"speakers_text": _("For example “Oberbürgermeister of Kaiserslautern”.")}


class RoundForm(_TimedItemForm):
    class Meta:
        model = Round
        fields = ["title", "starts_at", "ends_at"]


class SessionForm(_TimedItemForm):
    class Meta:
        model = Session
        fields = [
            "round",
            "kind",
            "title",
            "topic",
            "description",
            "starts_at",
            "ends_at",
            "capacity",
            "room",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        self.fields["round"].queryset = Round.objects.filter(event=event).order_by("starts_at")
        self.fields["round"].empty_label = _("No round (a talk of its own)")
        for name in ("starts_at", "ends_at"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Empty: the times of the round.")
        self.fields["capacity"].help_text = _("Empty means no limit.")

    def clean(self):
        data = self.cleaned_data
        chosen_round = data.get("round")
        for name in ("starts_at", "ends_at"):
            if data.get(name) is None and name not in self.errors:
                if chosen_round is not None:
                    data[name] = getattr(chosen_round, name)
                else:
                    self.add_error(name, _("Please enter a time, or choose a round."))
        return super().clean()


class SpeakerForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("E-mail address of an account"),
        required=False,
        help_text=_("For speakers with an account. Leave empty for external guests."),
    )

    class Meta:
        model = Speaker
        fields = ["session", "email", "name", "organisation", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"name": _("Taken from the account if left empty.")}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["session"].queryset = Session.objects.filter(event=event).order_by(
            "starts_at", "title"
        )
        self.fields["name"].required = False
        if self.instance.user_id:
            self.initial["email"] = self.instance.user.email

    def clean(self):
        data = super().clean()
        email = data.get("email")
        user = None
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error("email", _("There is no active account with this e-mail address."))
        self.instance.user = user
        if user is not None and not data.get("name"):
            data["name"] = user.display_name
            if not data.get("organisation") and getattr(user, "organisation", ""):
                data["organisation"] = user.organisation
        if not data.get("name") and "name" not in self.errors and user is None and not email:
            self.add_error("name", _("Please enter the speaker's name or an account's address."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One answer per line; only for “One of several answers”."),
    )

    class Meta:
        model = Question
        fields = ["label", "kind", "choices_text", "required"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.initial["choices_text"] = "\n".join(self.instance.choices or [])

    def clean(self):
        data = super().clean()
        answers = [" ".join(line.split()) for line in data.get("choices_text", "").splitlines()]
        answers = list(dict.fromkeys(a for a in answers if a))
        if data.get("kind") == QuestionKind.CHOICE and len(answers) < 2:
            self.add_error("choices_text", _("Please give at least two answers to choose from."))
        self.instance.choices = answers if data.get("kind") == QuestionKind.CHOICE else []
        return data


# The programme's items as they appear in addresses (…/programm/<kind>/…).
PROGRAMME_FORMS = {
    "teil": ProgrammePartForm,
    "runde": RoundForm,
    "sitzung": SessionForm,
    "referent": SpeakerForm,
    "frage": QuestionForm,
}


# --- Series ----------------------------------------------------------------------------------


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    networks = forms.ModelMultipleChoiceField(
        label=_("Organising networks"),
        queryset=Network.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    rule = forms.ChoiceField(
        label=_("Repeats"),
        choices=[
            (recurrence.WEEKLY, _("Every N weeks on a weekday")),
            (recurrence.MONTHLY, _("Every Nth weekday of the month")),
        ],
        widget=forms.RadioSelect,
        initial=recurrence.MONTHLY,
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), coerce=int, initial=3)
    interval = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=8,
        initial=1,
        help_text=_("Only for “every N weeks”."),
    )
    ordinal = forms.TypedChoiceField(
        label=_("Which weekday of the month"),
        coerce=int,
        initial=4,
        help_text=_("Only for “every Nth weekday of the month”."),
    )
    first_date = forms.DateField(
        label=_("From"), widget=date_input(), help_text=_("The first possible date.")
    )
    until = forms.DateField(
        label=_("Until"), widget=date_input(), required=False, help_text=_("Empty: no end.")
    )
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=24 * 60, initial=90
    )
    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=EventKind.choices, initial=EventKind.STAMMTISCH
    )
    visibility = forms.ChoiceField(
        label=_("Who may see the meetings"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.MEMBERS,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        initial=EventFormat.ONLINE,
    )
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[web_address],
    )
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = organisable_networks(user)
        self.fields["weekday"].choices = list(enumerate(recurrence.weekday_names()))
        self.fields["ordinal"].choices = list(recurrence.ordinal_names().items())

    def clean(self):
        data = super().clean()
        first, until = data.get("first_date"), data.get("until")
        if first and until and until < first:
            self.add_error("until", _("The series cannot end before it begins."))
        if data.get("format") in {EventFormat.ONSITE, EventFormat.HYBRID} and not data.get(
            "location"
        ):
            self.add_error("location", _("Please name the place of meetings on site."))
        return data

    def rrule(self) -> str:
        data = self.cleaned_data
        return recurrence.Rule(
            data["rule"],
            data["weekday"],
            interval=data.get("interval") or 1,
            ordinal=data.get("ordinal") or 1,
        ).to_rrule()

    def first_start(self) -> datetime.datetime:
        data = self.cleaned_data
        naive = datetime.datetime.combine(data["first_date"], data["start_time"])
        return timezone.make_aware(naive)

    def template(self) -> dict:
        names = ("kind", "visibility", "format", "location", "meeting_url", "summary")
        return {name: self.cleaned_data[name] for name in names}


class ExdatesForm(forms.Form):
    exdates = forms.CharField(
        label=_("Dates left out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One date per line, e.g. 24.12.2026. A meeting already planned on such a date "
            "is cancelled, and everyone registered is told."
        ),
    )

    def clean_exdates(self):
        days = []
        for line in self.cleaned_data["exdates"].split():
            day = None
            for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
                try:
                    day = datetime.datetime.strptime(line, pattern).date()
                    break
                except ValueError:
                    continue
            if day is None:
                raise forms.ValidationError(
                    _("“%(text)s” is not a date. Please write dates like 24.12.2026.")
                    % {"text": line}
                )
            days.append(day)
        return days
