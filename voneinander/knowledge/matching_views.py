"""“Who has done this already?” (Wer hat das schon gemacht?): the public matching page."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from voneinander.core.access import PUBLIC, access
from voneinander.knowledge.matching import MAX_CHALLENGE, match_challenge, may_see_contacts
from voneinander.municipalities.forms import MunicipalityField
from voneinander.networks.models import Network
from voneinander.networks.roles import MEMBER, network_roles

MATCHES_SHOWN = 10


class ChallengeForm(forms.Form):
    """The challenge in a few sentences, and optionally who asks (for similar municipalities).

    A GET form: the answer is a read, and its address can be shared.
    """

    herausforderung = forms.CharField(
        label=_("Your challenge"),
        max_length=MAX_CHALLENGE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Describe in a few sentences what you want to solve, in your own words, e.g. "
            "“Older people in our villages can no longer get to the doctor since the bus stopped "
            "running in the afternoon.”"
        ),
        error_messages={
            "required": _("Please describe your challenge in a few sentences."),
            "max_length": _(
                "Please shorten your description to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    kommune = MunicipalityField(
        label=_("Your municipality"),
        required=False,
        help_text=_(
            "Optional: solutions from municipalities like yours (kind, size, region) come first."
        ),
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        if (
            data is None
            and user.is_authenticated
            and user.municipality_id
            and user.municipality_confirmed_at
        ):
            self.initial["kommune"] = user.municipality

    def clean_herausforderung(self):
        challenge = " ".join(self.cleaned_data["herausforderung"].split())
        if not challenge:
            raise forms.ValidationError(_("Please describe your challenge in a few sentences."))
        return challenge


def _networks_to_ask(user) -> list[Network]:
    """Networks in which the person may ask the Transferstelle for a contact."""
    if not user.is_authenticated:
        return []
    ids = [nid for nid, held in network_roles(user).by_network.items() if MEMBER in held]
    return list(Network.objects.filter(pk__in=ids).only("pk", "name", "slug").order_by("name"))


@access(PUBLIC)
def who_has_done_this(request):
    form = ChallengeForm(request.GET or None, user=request.user)
    matches = None
    if form.is_bound and form.is_valid():
        matches = match_challenge(
            text=form.cleaned_data["herausforderung"],
            user=request.user,
            # Empty: the person's own municipality, if confirmed.
            municipality=form.cleaned_data["kommune"],
            limit=MATCHES_SHOWN,
        )
    return render(
        request,
        "knowledge/matching/who_has_done_this.html",
        {
            "form": form,
            "matches": matches,
            "show_contacts": may_see_contacts(request.user),
            "networks_to_ask": _networks_to_ask(request.user) if matches is not None else [],
        },
    )
