from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voneinander.core.forms import date_input
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole, Network
from voneinander.networks.selectors import municipalities_named
from voneinander.networks.services import NETWORK_FIELDS


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


# --- The network's details ------------------------------------------------------------

MAX_TOPICS = 30
MAX_TOPIC_LENGTH = 80


class NetworkForm(forms.Form):
    """A network's details; the address (slug) is not editable, so links keep working."""

    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"), max_length=40, help_text=_("Shown in lists and menus.")
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    operator = forms.CharField(
        label=_("Operator"), max_length=200, help_text=_("Who runs the network, e.g. a ministry.")
    )
    target_kinds = forms.MultipleChoiceField(
        label=_("Kinds of municipality that may join"),
        choices=MunicipalityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none if municipalities of every kind may join."),
    )
    target_group = forms.CharField(label=_("Target group"), max_length=300, required=False)
    topics = forms.CharField(
        label=_("Topic focuses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One topic per line. Members choose their topic focuses from this list."),
    )
    contact_email = forms.EmailField(label=_("Contact address"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Printed on the letterhead of admission notices, one line per line."),
    )
    sister_networks = forms.ModelMultipleChoiceField(
        label=_("Sister networks"),
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, network: Network, **kwargs):
        initial = {field: getattr(network, field) for field in NETWORK_FIELDS}
        initial["topics"] = "\n".join(network.topics)
        initial["sister_networks"] = list(network.sister_networks.values_list("pk", flat=True))
        super().__init__(*args, initial=initial, **kwargs)
        self.network = network
        self.fields["sister_networks"].queryset = Network.objects.exclude(pk=network.pk).order_by(
            "name"
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Network.objects.filter(name__iexact=name).exclude(pk=self.network.pk).exists():
            raise forms.ValidationError(_("Another network already has this name."))
        return name

    def clean_topics(self):
        topics = [" ".join(line.split()) for line in self.cleaned_data["topics"].splitlines()]
        topics = [topic for topic in topics if topic]
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(
                _("Please name at most %(count)s topics.") % {"count": MAX_TOPICS}
            )
        too_long = [topic for topic in topics if len(topic) > MAX_TOPIC_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("“%(topic)s” is too long: a topic has at most %(count)s characters.")
                % {"topic": too_long[0], "count": MAX_TOPIC_LENGTH}
            )
        return topics


# --- Memberships ---------------------------------------------------------------------


def _topic_choices(membership: Membership | None, network: Network) -> list[tuple[str, str]]:
    topics = list(network.topics)
    if membership is not None:  # keep topics the network has dropped since
        topics += [topic for topic in membership.topic_focuses if topic not in topics]
    return [(topic, topic) for topic in topics]


class MembershipForm(forms.Form):
    """Coordinators change role, start and topics; contact persons only the topics."""

    role = forms.ChoiceField(
        label=_("Role in the network"), choices=MembershipRole.choices, widget=forms.RadioSelect
    )
    member_since = forms.DateField(label=_("Member since"), widget=date_input())
    topic_focuses = forms.MultipleChoiceField(
        label=_("Topic focuses"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, membership: Membership, manage: bool, **kwargs):
        initial = {
            "role": membership.role,
            "member_since": membership.member_since,
            "topic_focuses": membership.topic_focuses,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if choices := _topic_choices(membership, membership.network):
            self.fields["topic_focuses"].choices = choices
        else:
            del self.fields["topic_focuses"]
        if not manage:
            del self.fields["role"]
            del self.fields["member_since"]


class MunicipalityChoiceMixin:
    """A municipality given by its official key or its exact name.

    When several municipalities share the name, the form offers them as a choice
    (field `candidate`), so that it works without JavaScript and without keys.
    """

    def _prepare_candidates(self, network: Network) -> None:
        self.network = network
        self.municipality = None
        self.candidates: list[Municipality] = []
        text = self.data.get(self.add_prefix("municipality"), "") if self.is_bound else ""
        if text.strip():
            self.candidates = list(municipalities_named(text)[:MAX_CANDIDATES])
        accepted = [m for m in self.candidates if network.accepts(m.kind)]
        if len(self.candidates) > 1 and len(accepted) != 1:
            field = self.fields["candidate"]
            field.widget = forms.RadioSelect(
                choices=[(str(m.pk), _candidate_label(m)) for m in self.candidates]
            )
            field.required = True
            field.error_messages["required"] = _(
                "Several municipalities are called “%(text)s”. Please choose one, or enter "
                "the official key (AGS)."
            ) % {"text": " ".join(text.split())}

    def _resolve_municipality(self, cleaned_data: dict) -> None:
        text = cleaned_data.get("municipality")
        if not text:
            return
        if not self.candidates:
            self.add_error(
                "municipality",
                _(
                    "No municipality is called “%(text)s” or has this key. Please check the "
                    "spelling or enter the official key (AGS)."
                )
                % {"text": text},
            )
            return
        chosen = cleaned_data.get("candidate")
        picked = [m for m in self.candidates if str(m.pk) == chosen]
        accepted = [m for m in self.candidates if self.network.accepts(m.kind)]
        if len(self.candidates) == 1:
            self.municipality = self.candidates[0]
        elif picked:
            self.municipality = picked[0]
        elif len(accepted) == 1:  # only one of them could join this network
            self.municipality = accepted[0]
        elif "candidate" not in self.errors:  # a choice from an earlier list
            self.add_error("candidate", self.fields["candidate"].error_messages["required"])


MAX_CANDIDATES = 20


def _candidate_label(municipality: Municipality) -> str:
    details = [municipality.get_kind_display()]
    if municipality.parent is not None:
        details.append(str(municipality.parent))
    if municipality.ags:
        details.append(_("AGS %(key)s") % {"key": municipality.ags})
    return f"{municipality} ({', '.join(details)})"


class AddMemberForm(MunicipalityChoiceMixin, forms.Form):
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=200,
        help_text=_(
            "Its official key (AGS, eight digits) or its exact name, "
            "e.g. “Göllheim” or “VG Göllheim”."
        ),
    )
    # Offered as radio buttons when the name is ambiguous, see MunicipalityChoiceMixin.
    candidate = forms.CharField(
        label=_("Municipality meant"), required=False, widget=forms.HiddenInput
    )
    role = forms.ChoiceField(
        label=_("Role in the network"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        widget=forms.RadioSelect,
    )
    member_since = forms.DateField(label=_("Member since"), widget=date_input())
    topic_focuses = forms.MultipleChoiceField(
        label=_("Topic focuses"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_since"].initial = timezone.localdate
        if choices := _topic_choices(None, network):
            self.fields["topic_focuses"].choices = choices
        else:
            del self.fields["topic_focuses"]
        self._prepare_candidates(network)

    def clean(self):
        cleaned_data = super().clean()
        self._resolve_municipality(cleaned_data)
        return cleaned_data


class EndMembershipForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=date_input(), initial=timezone.localdate)


# --- Contact persons -----------------------------------------------------------------


class AddContactForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the contact person"),
        help_text=_("The person needs an account on the platform."),
    )
    primary = forms.BooleanField(label=_("Make this person the primary contact"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "There is no active account with this e-mail address. The person has to "
                    "register on the platform first."
                )
            )
        self.user = user
        return email


class ContactChoiceForm(forms.Form):
    contact_id = forms.IntegerField(widget=forms.HiddenInput)


# --- Affiliation claims --------------------------------------------------------------


class ClaimDecisionForm(forms.Form):
    CONFIRM, REJECT = "confirm", "reject"

    user_id = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (REJECT, REJECT)])
