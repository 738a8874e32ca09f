"""Forms for brokering (ask, filter, suggest, answer, outcome, close) and for alliances."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from voneinander.knowledge.brokering_services import MAX_CHALLENGE_LENGTH
from voneinander.knowledge.models import (
    AllianceStatus,
    Outcome,
    RequestKind,
    RequestStatus,
    Topic,
)
from voneinander.municipalities.forms import MunicipalityField


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- Brokering ---------------------------------------------------------------------


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you looking for?"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.CONTACT,
    )
    challenge = forms.CharField(
        label=_("Your challenge"),
        max_length=MAX_CHALLENGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe in a few sentences what your municipality wants to solve and what you "
            "have tried so far. The coordinators see it; a suggested contact person sees it "
            "when asked for their consent."
        ),
        error_messages={"required": _("Please describe your challenge in a few sentences.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_challenge(self):
        challenge = self.cleaned_data["challenge"].strip()
        if not challenge:
            raise forms.ValidationError(_("Please describe your challenge in a few sentences."))
        return challenge


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("All")), ("active", _("Still being worked on")), *RequestStatus.choices]
        self.fields["status"].choices = [
            (value, f"{label} ({counts.get(value or 'all', 0)})") for value, label in choices
        ]


class SuggestForm(forms.Form):
    """A person to introduce: chosen from the candidates, or any account by e-mail."""

    contact = forms.TypedChoiceField(
        label=_("Contact person"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Contact persons of the solutions and of the member municipalities of the network."
        ),
    )
    email = forms.EmailField(
        label=_("Or: e-mail address of an expert"),
        required=False,
        help_text=_("The person needs an account on the platform."),
    )
    solution = forms.TypedChoiceField(
        label=_("Solution"), coerce=int, empty_value=None, required=False
    )
    note = forms.CharField(
        label=_("Note to both sides"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you suggest this match. Both sides read it."),
    )

    def __init__(self, *args, candidates, solutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {candidate.user.pk: candidate.user for candidate in candidates}
        self.solutions = {solution.pk: solution for solution in solutions}
        self.fields["contact"].choices = [("", _("– choose –"))] + [
            (candidate.user.pk, candidate.label) for candidate in candidates
        ]
        self.fields["solution"].choices = [("", _("– none –"))] + [
            (solution.pk, f"{solution.title} ({solution.owner})") for solution in solutions
        ]

    def clean(self):
        cleaned = super().clean()
        contact, email = cleaned.get("contact"), cleaned.get("email")
        if "email" in self.errors:
            return cleaned
        if contact and email:
            self.add_error(
                "email", _("Please either choose a contact person or enter an e-mail address.")
            )
        elif not contact and not email:
            self.add_error(
                "contact", _("Please choose a contact person or enter an expert's e-mail address.")
            )
        elif email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error(
                    "email",
                    _(
                        "There is no account with this address. Please ask the person to sign "
                        "up first."
                    ),
                )
            cleaned["contact_user"] = user
        else:
            cleaned["contact_user"] = self.candidates.get(contact)
        cleaned["solution_object"] = self.solutions.get(cleaned.get("solution"))
        return cleaned


class AnswerForm(forms.Form):
    AGREE, DECLINE = "agree", "decline"
    answer = forms.ChoiceField(choices=[(AGREE, _("Agree")), (DECLINE, _("Decline"))])


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[choice for choice in Outcome.choices if choice[0]],
        widget=forms.RadioSelect,
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliance"),
        queryset=None,
        required=False,
        empty_label=_("– none –"),
        help_text=_("For a joint project: an existing alliance of the network …"),
    )
    new_alliance_title = forms.CharField(
        label=_("… or the title of a new alliance"),
        required=False,
        max_length=200,
        help_text=_("Both municipalities are added as partners."),
    )

    def __init__(self, *args, alliances=None, **kwargs):
        """Without `alliances` (people who do not coordinate the network) only the outcome."""
        super().__init__(*args, **kwargs)
        if alliances is None:
            del self.fields["alliance"], self.fields["new_alliance_title"]
        else:
            self.fields["alliance"].queryset = alliances

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        alliance, title = cleaned.get("alliance"), cleaned.get("new_alliance_title", "").strip()
        if outcome == Outcome.JOINT_PROJECT and "alliance" in self.fields:
            if alliance and title:
                self.add_error(
                    "new_alliance_title",
                    _("Please either choose an alliance or give the title of a new one."),
                )
            elif not alliance and not title:
                self.add_error(
                    "alliance", _("Please choose the alliance or give the title of a new one.")
                )
        return cleaned


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Outcome in a few words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Alliances ---------------------------------------------------------------------


class AllianceForm(forms.Form):
    """All fields for coordinators; description and status only for partners (`full=False`)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: headings, lists, links."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=AllianceStatus.choices)
    formed_on = forms.DateField(label=_("Formed on"), required=False, widget=date_input())
    solution = forms.ModelChoiceField(
        label=_("Solution"),
        queryset=None,
        required=False,
        empty_label=_("– none –"),
        help_text=_("The solution the partners introduce or develop together, if any."),
    )
    PARTNER_FIELDS = ("description", "status")

    def __init__(self, *args, solutions, full: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].queryset = solutions
        if not full:
            for name in list(self.fields):
                if name not in self.PARTNER_FIELDS:
                    del self.fields[name]


class AddPartnerForm(forms.Form):
    municipality = MunicipalityField(
        label=_("Add a partner municipality"),
        required=False,
        help_text=_("Type the name or the official municipality key (AGS) and choose."),
    )
    role = forms.CharField(
        label=_("Role in the alliance"),
        required=False,
        max_length=100,
        help_text=_("e.g. “lead”, “pilot municipality”"),
    )
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=date_input())


class PartnerForm(forms.Form):
    partner = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.CharField(label=_("Role in the alliance"), required=False, max_length=100)
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=date_input())
    remove = forms.BooleanField(label=_("Remove this partner"), required=False)


PartnerFormSet = forms.formset_factory(PartnerForm, extra=0)


class AllianceFilterForm(forms.Form):
    netzwerk = forms.ChoiceField(label=_("Network"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *AllianceStatus.choices]
    )

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["netzwerk"].choices = [("", _("All networks"))] + [
            (network.slug, network.name) for network in networks
        ]
