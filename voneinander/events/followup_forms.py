"""Forms for feedback, materials, recordings, the results page and the archive search.

Content checks of files (materials, captions) happen in the services
(`followup.py` → `uploads.py`), which put their messages on the fields named here.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voneinander.events.forms import date_input, web_address
from voneinander.events.models import EventKind, Licence, Recording

RATING_CHOICES = [
    (5, _("5 – very good")),
    (4, _("4 – good")),
    (3, _("3 – fair")),
    (2, _("2 – poor")),
    (1, _("1 – very poor")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate the session?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a rating from 1 to 5."),
            "invalid_choice": _("Please choose a rating from 1 to 5."),
        },
    )
    text = forms.CharField(
        label=_("Comment"),
        help_text=_("What was helpful, what could be better? Please do not name yourself."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    session = forms.ChoiceField(label=_("Belongs to"))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, image (PNG, JPEG, GIF, WebP) or office document (Word, Excel, PowerPoint, "
            "OpenDocument), at most 20 MB."
        ),
    )
    url = forms.URLField(
        label=_("… or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[web_address],
        help_text=_("For example slides on a conference platform or a project page."),
    )

    def __init__(self, *args, sessions, whole_event: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {str(session.pk): session for session in sessions}
        choices = [(pk, session.title) for pk, session in self.sessions.items()]
        if whole_event:
            choices.insert(0, ("", _("The whole event (e.g. minutes)")))
        self.fields["session"].choices = choices
        self.fields["session"].required = not whole_event

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Please choose a file or enter a link (one of the two)."))
        return data

    def chosen_session(self):
        return self.sessions.get(self.cleaned_data.get("session") or "")


class RecordingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=None, required=False, empty_label=_("The whole event")
    )
    video_url = forms.URLField(
        label=_("Address of the video"),
        max_length=500,
        assume_scheme="https",
        validators=[web_address],
        help_text=_(
            "A video on an allowed host (%(hosts)s) is embedded after the visitor's click; "
            "any other address is shown as a link."
        ),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    captions_file = forms.FileField(
        label=_("Captions (WebVTT file)"),
        required=False,
        help_text=_("Optional: a .vtt file; its text is also shown as a transcript."),
    )
    remove_captions = forms.BooleanField(label=_("Remove the captions"), required=False)

    def __init__(self, *args, event, recording: Recording | None = None, hosts=(), **kwargs):
        if recording is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": recording.title,
                    "session": recording.session_id,
                    "video_url": recording.video_url,
                    "licence": recording.licence,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.order_by("starts_at", "title", "pk")
        names = ", ".join(host.split("://", 1)[-1] for host in hosts) or "–"
        self.fields["video_url"].help_text = self.fields["video_url"].help_text % {"hosts": names}
        if recording is None or not recording.captions:
            del self.fields["remove_captions"]


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Consent given by"),
        max_length=300,
        help_text=_(
            "The speakers (and others shown) who agreed, e.g. “Anna Beispiel, Jan Muster”."
        ),
    )
    given_on = forms.DateField(label=_("Consent given on"), widget=date_input())
    confirm = forms.BooleanField(
        label=_(
            "Everyone shown in the recording has agreed to its publication under this licence."
        ),
        error_messages={"required": _("Please confirm the consent.")},
    )

    def clean_given_on(self):
        day = self.cleaned_data["given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The consent cannot have been given in the future."))
        return day


class ResultsForm(forms.Form):
    summary = forms.CharField(
        label=_("Results and minutes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "What came out of the event: results, agreements, next steps. Paragraphs are kept; "
            "add the minutes as a file under “Materials”."
        ),
    )


class ArchiveForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("Searches titles, descriptions, sessions, topics and networks."),
    )
    netzwerk = forms.ChoiceField(label=_("Network"), required=False)
    jahr = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    art = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds")), *EventKind.choices],
    )

    def __init__(self, *args, networks, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.networks = {network.slug: network for network in networks}
        self.fields["netzwerk"].choices = [("", _("All networks"))] + [
            (network.slug, network.name) for network in networks
        ]
        self.fields["jahr"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]

    def values(self) -> dict:
        """What to search for; an unknown choice filters nothing (and is reported on the form)."""
        if not self.is_bound:
            return {"query": "", "network": None, "year": None, "kind": ""}
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "network": self.networks.get(data.get("netzwerk") or ""),
            "year": data.get("jahr"),
            "kind": data.get("art") or "",
        }
