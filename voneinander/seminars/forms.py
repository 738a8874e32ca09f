"""Forms for seminars. Rules (enrolment, uploads, dates) are checked in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.core.forms import date_input
from voneinander.events.forms import (
    PeopleField,
    datetime_input,
    organisable_networks,
    web_address,
)
from voneinander.events.models import EventFormat
from voneinander.networks.models import Network
from voneinander.seminars.models import EnrolmentMode, MaterialKind, Partner

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…).")


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_("Part of the page address: lower-case letters, digits and hyphens."),
    )
    summary = forms.CharField(label=_("Short description"), max_length=400)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("None (platform-wide)"),
        help_text=_("Networks you coordinate. The module dates become events of this network."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partner organisations are added by the platform admins."),
    )
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=date_input())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=date_input())
    version_label = forms.CharField(
        label=_("Version"), max_length=40, initial="Beta", help_text=_("E.g. “Beta” or “2026”.")
    )
    enrolment_mode = forms.ChoiceField(
        label=_("Enrolment"),
        choices=EnrolmentMode.choices,
        widget=forms.RadioSelect,
        initial=EnrolmentMode.OPEN,
    )
    audience = forms.CharField(
        label=_("Who may take part"),
        max_length=300,
        required=False,
        help_text=_("E.g. “Full-time mayors of the pilot municipalities”."),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)
    organisers = PeopleField(
        label=_("Organisers"),
        required=False,
        help_text=_("E-mail addresses of platform accounts, one per line."),
    )

    def __init__(self, *args, user, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Coordinated networks only (admins: all); an edit keeps the current one.
        keep = [programme.network] if programme is not None and programme.network else []
        self.fields["network"].queryset = organisable_networks(user, keep=keep)
        if programme is None:
            self.fields["organisers"].help_text = _(
                "E-mail addresses of platform accounts, one per line. You are an organiser anyway."
            )
        else:
            # Later versions are created on the versions page, with what changed and why.
            del self.fields["version_label"]
            self.fields["organisers"].required = True
            self.initial.update(
                {
                    name: getattr(programme, name)
                    for name in self.values_fields()
                    if name in self.fields
                }
                | {
                    "partners": list(programme.partners.all()),
                    "organisers": "\n".join(
                        programme.organisers.order_by("email").values_list("email", flat=True)
                    ),
                }
            )

    @staticmethod
    def values_fields():
        return (
            "title",
            "slug",
            "summary",
            "description",
            "network",
            "starts_on",
            "ends_on",
            "version_label",
            "enrolment_mode",
            "audience",
            "is_published",
        )

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.values_fields() if name in self.fields
        }


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    learning_goals = forms.CharField(
        label=_("Learning goals"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    partner = forms.ModelChoiceField(
        label=_("Offered by"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("No partner named"),
    )

    def __init__(self, *args, programme, module=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = programme.partners.order_by("name")
        if module is not None and module.partner_id:
            partners = Partner.objects.filter(pk__in=[*partners.values("pk"), module.partner_id])
        self.fields["partner"].queryset = partners
        if module is not None:
            self.initial.update(
                {name: getattr(module, name) for name in ("title", "learning_goals", "description")}
                | {"partner": module.partner_id}
            )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=MaterialKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    upload = forms.FileField(
        label=_("File (documents and slides)"),
        required=False,
        help_text=_("PDF, office documents (Word, Excel, PowerPoint, OpenDocument) or images."),
    )
    url = forms.URLField(
        label=_("Address (videos and links)"),
        required=False,
        assume_scheme="https",
        validators=[web_address],
        help_text=_("Videos from YouTube, Vimeo or PeerTube are shown after a click."),
    )
    checklist = forms.CharField(
        label=_("Checklist items, one per line"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    members_only = forms.BooleanField(
        label=_("Only for enrolled participants"), required=False, initial=True
    )


class EnrolForm(forms.Form):
    role = forms.CharField(
        label=_("Your role"),
        max_length=100,
        required=False,
        help_text=_("E.g. “Full-time mayor”."),
    )
    message = forms.CharField(
        label=_("Message to the organisers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (when declining)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the person by e-mail."),
    )


class DateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=datetime_input())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=datetime_input())
    format = forms.ChoiceField(
        label=_("Format"),
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        initial=EventFormat.ONLINE,
    )
    location = forms.CharField(label=_("Place"), max_length=300, required=False)


class LinkEventForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, empty_label=_("Please choose"))

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
