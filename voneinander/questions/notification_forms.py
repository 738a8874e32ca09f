"""Forms of the notification pages: the e-mail choice and following networks, topics, groups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.questions.models import EmailFrequency

NETWORK, TOPIC, GROUP = "netzwerk", "thema", "gruppe"
FOLLOW, UNFOLLOW = "folgen", "entfolgen"


class NotificationSettingsForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail about new notifications"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )


class FollowToggleForm(forms.Form):
    """What the follow buttons and the settings page post: which thing, follow or stop."""

    ziel = forms.ChoiceField(choices=[(NETWORK, NETWORK), (TOPIC, TOPIC), (GROUP, GROUP)])
    objekt = forms.SlugField(max_length=120)
    netzwerk = forms.SlugField(max_length=60, required=False)
    aktion = forms.ChoiceField(choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)])
    next = forms.CharField(max_length=500, required=False)


class _AddFollowForm(forms.Form):
    """A select on the settings page; posts to the follow view like a button."""

    ziel = forms.CharField(widget=forms.HiddenInput)
    aktion = forms.CharField(widget=forms.HiddenInput, initial=FOLLOW)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.prefix_name}_%s")
        super().__init__(*args, **kwargs)
        self.fields["ziel"].initial = self.target


class FollowNetworkForm(_AddFollowForm):
    target = NETWORK
    prefix_name = "network"
    objekt = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Please choose"),
    )


class FollowTopicForm(_AddFollowForm):
    target = TOPIC
    prefix_name = "topic"
    objekt = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.filter(active=True).order_by("position", "name"),
        to_field_name="slug",
        empty_label=_("Please choose"),
    )
    netzwerk = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("In every network"),
        help_text=_(
            "In every network: news and solutions on the topic, wherever they appear. "
            "In one network: only what happens there, including its new questions."
        ),
    )


class FollowGroupForm(_AddFollowForm):
    target = GROUP
    prefix_name = "group"
    objekt = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=None,
        to_field_name="slug",
        empty_label=_("Please choose"),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objekt"].queryset = groups
