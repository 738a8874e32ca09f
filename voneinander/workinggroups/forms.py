"""Forms for working groups. Rules (sister networks, last lead, uploads) are checked in services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from voneinander.events.forms import date_input, datetime_input, web_address
from voneinander.events.models import EventFormat
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.networks.roles import network_roles
from voneinander.workinggroups.models import Folder, GroupMember, GroupRole, MemberStatus
from voneinander.workinggroups.services import MAX_POST_LENGTH

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…).")


def _topics():
    return Topic.objects.filter(active=True).order_by("position", "name")


class GroupFilterForm(forms.Form):
    netzwerk = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All networks"),
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = _topics()

    def values(self):
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.cleaned_data.get("netzwerk"), self.cleaned_data.get("thema")


class EmailOfAccountField(forms.EmailField):
    """An e-mail address that belongs to an active account; `clean` returns the user."""

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no account with the address %(email)s."),
                code="unknown",
                params={"email": email},
            )
        return user


class GroupForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), required=False, empty_label=_("None")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        # Formatted when shown, so that it follows the language of each request.
        help_text=lazy(
            lambda: (
                _("What the group works on and who should join. %(markdown)s")
                % {"markdown": MARKDOWN_HELP}
            ),
            str,
        )(),
    )
    is_private = forms.TypedChoiceField(
        label=_("Who sees the group's space"),
        choices=[
            (False, _("Public: everyone reads discussions, documents, meetings and results")),
            (True, _("Private: only the group's members")),
        ],
        coerce=lambda value: value in {True, "True"},
        widget=forms.RadioSelect,
        initial=False,
        help_text=_(
            "Members of the group's networks see the title and description of a private "
            "group, so that they can ask to join."
        ),
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Shared with sister networks"),
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of these networks may join as well."),
    )

    def __init__(self, *args, network: Network | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = _topics()
        if network is not None:
            self.fields["shared_with"].queryset = network.sister_networks.order_by("name")
        if not self.fields["shared_with"].queryset.exists():
            del self.fields["shared_with"]


class CreateGroupForm(GroupForm):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    lead = EmailOfAccountField(
        label=_("Lead (e-mail address)"),
        help_text=_(
            "The account of the person who leads the group; they must belong to a member "
            "municipality. More leads can be named later."
        ),
    )
    field_order = ["network", "title", "topic", "description", "is_private", "lead"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        networks = Network.objects.order_by("name")
        if not user.is_superuser:
            networks = networks.filter(pk__in=network_roles(user).coordinated)
        self.fields["network"].queryset = networks
        if networks.count() == 1:
            self.fields["network"].initial = networks.first()
        # Sister networks are offered for all networks; the service checks the pairing.
        sisters = Network.objects.filter(sister_networks__in=networks).distinct().order_by("name")
        self.fields["shared_with"] = forms.ModelMultipleChoiceField(
            label=_("Shared with sister networks"),
            queryset=sisters,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Only sister networks of the chosen network. Their members may join too."),
        )
        if not sisters.exists():
            del self.fields["shared_with"]
        self.order_fields(self.field_order)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the leads"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you would like to join, and what you bring along."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Admit")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note for the person (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddLeadForm(forms.Form):
    email = EmailOfAccountField(
        label=_("E-mail address of the new lead"),
        help_text=_("They become a member of the group if they are not one yet."),
    )


class HandOverForm(forms.Form):
    from_member = forms.ModelChoiceField(
        label=_("Lead who hands over"), queryset=GroupMember.objects.none(), empty_label=None
    )
    to_member = forms.ModelChoiceField(
        label=_("New lead"), queryset=GroupMember.objects.none(), empty_label=_("Please choose")
    )
    leave = forms.BooleanField(
        label=_("The previous lead leaves the group"),
        required=False,
        help_text=_("E.g. when they change jobs. Otherwise they stay an ordinary member."),
    )

    def __init__(self, *args, group, user, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        active = GroupMember.objects.filter(group=group, status=MemberStatus.ACTIVE).select_related(
            "user"
        )
        leads = active.filter(role=GroupRole.LEAD)
        if not manager:  # a lead hands over their own role; coordinators any lead's
            leads = leads.filter(user=user)
        self.fields["from_member"].queryset = leads.order_by("user__last_name", "pk")
        self.fields["to_member"].queryset = active.filter(role=GroupRole.MEMBER).order_by(
            "user__last_name", "user__first_name", "pk"
        )
        for name in ("from_member", "to_member"):
            self.fields[name].label_from_instance = lambda member: member.user.display_name


class DiscussionForm(forms.Form):
    title = forms.CharField(label=_("Topic of the discussion"), max_length=200)
    text = forms.CharField(
        label=_("Your first post"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Name of the folder"), max_length=120)


class _UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, plain text, images and office documents (Word, Excel, PowerPoint, "
            "OpenDocument), up to 20 MB."
        ),
    )


class DocumentForm(_UploadForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Empty: the file name."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    folder = forms.ModelChoiceField(
        label=_("Folder"),
        queryset=Folder.objects.none(),
        required=False,
        empty_label=_("Top level"),
    )
    field_order = ["file", "title", "description", "folder"]

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = Folder.objects.filter(group=group).order_by("name")
        self.order_fields(self.field_order)


class VersionForm(_UploadForm):
    comment = forms.CharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("A short note for the others, e.g. “Comments of the meeting added”."),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Agenda and description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
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
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[web_address],
        help_text=_("Shown to confirmed participants shortly before the start."),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if data.get("format") in {EventFormat.ONSITE, EventFormat.HYBRID} and not data.get(
            "location"
        ):
            self.add_error("location", _("Please name the place of a meeting on site."))
        return data


class ResultForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    published_on = forms.DateField(label=_("Date"), widget=date_input(), initial=timezone.localdate)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    document = forms.ModelChoiceField(
        label=_("Document (optional)"), queryset=None, required=False, empty_label=_("None")
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
