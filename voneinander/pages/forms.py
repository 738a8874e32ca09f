from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.pages.models import BarrierReport, BarrierReportStatus, Page
from voneinander.pages.services import platform_hosts, same_site_path

BODY_HELP = _(
    "Markdown: ## for a heading, *italic*, **bold**, - for a list item, "
    "[text](https://…) for a link. HTML is not interpreted."
)


class PageForm(forms.Form):
    """A page's title and text; the address only when the page is new."""

    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_(
            "The last part of the page's address: lower-case letters, digits and hyphens, "
            "e.g. mitglied-werden. It cannot be changed later."
        ),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=Page._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=BODY_HELP,
    )
    show_in_footer = forms.BooleanField(
        label=_("Link this page in the footer of every page"), required=False
    )

    def __init__(self, *args, page: Page | None = None, footer: bool = False, **kwargs):
        if page is not None:
            kwargs.setdefault(
                "initial",
                {"title": page.title, "body": page.body, "show_in_footer": page.show_in_footer},
            )
        super().__init__(*args, **kwargs)
        if page is not None:
            del self.fields["slug"]
        if not footer:
            del self.fields["show_in_footer"]

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()


class BarrierReportForm(forms.Form):
    description = forms.CharField(
        label=_("Which barrier did you meet?"),
        max_length=BarrierReport._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Please describe what did not work, e.g. which element you could not reach or "
            "understand, and which aids you use (screen reader, magnification, keyboard)."
        ),
        error_messages={"required": _("Please describe the barrier you met.")},
    )
    page_url = forms.CharField(
        label=_("Page concerned"),
        max_length=500,
        required=False,
        help_text=_("The address of the page on this platform, e.g. /veranstaltungen/."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Only needed if you would like an answer: without an e-mail address we cannot "
            "reply to you. We also send you a confirmation of your report."
        ),
    )
    # Left empty by people (it is hidden from them); bots tend to fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    HONEYPOT = "website"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = platform_hosts()
        if request is not None:
            self.hosts.add(request.get_host().split(":")[0])
        self.fields[self.HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.HONEYPOT]

    @property
    def honeypot(self):
        return self[self.HONEYPOT]

    def clean_page_url(self):
        try:
            return same_site_path(self.cleaned_data["page_url"], hosts=self.hosts)
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code="foreign_url") from error

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))


class BarrierReportFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *BarrierReportStatus.choices],
    )


class BarrierReportUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=BarrierReportStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=BarrierReport._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Only coordinators and platform admins see the note, e.g. what was done and "
            "whether the person received an answer."
        ),
    )
