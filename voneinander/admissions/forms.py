from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from voneinander.admissions.letters import check_letter
from voneinander.admissions.models import ApplicationState
from voneinander.admissions.services import MAX_CONTACTS
from voneinander.core.uploads import accept_upload
from voneinander.municipalities.forms import MunicipalityField

LETTER_HELP = _(
    "The signed letter of your mayor applying for membership, as a PDF document of at most 10 MB."
)
LETTER_AGAIN = _(
    "Please choose the letter again: browsers do not keep a chosen file when a form comes "
    "back with a message."
)
CONTACT_FIELDS = ("name", "email", "position")


class ApplicationForm(forms.Form):
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_("Type the name or the official municipality key (AGS) and choose."),
    )
    letter = forms.FileField(
        label=_("Letter from the mayor (PDF)"),
        help_text=LETTER_HELP,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    applicant_is_contact = forms.BooleanField(
        label=_("I am the primary contact person of my municipality for the network"),
        required=False,
        initial=True,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics of particular interest"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Message to the coordinators"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example what your municipality hopes to learn or to contribute."),
    )

    def __init__(self, *args, network, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.user = user
        self.fields["municipality"] = MunicipalityField(
            kinds=network.target_kinds,
            label=self.fields["municipality"].label,
            help_text=self.fields["municipality"].help_text,
        )
        if user.municipality_id and not self.is_bound:
            self.initial.setdefault("municipality", user.municipality)
        if network.topics:
            self.fields["topics"].choices = [(topic, topic) for topic in network.topics]
        else:
            del self.fields["topics"]
        for index in range(1, MAX_CONTACTS + 1):
            self.fields[f"contact_{index}_name"] = forms.CharField(
                label=_("Name"), required=False, max_length=150
            )
            self.fields[f"contact_{index}_email"] = forms.EmailField(
                label=_("E-mail address"), required=False
            )
            self.fields[f"contact_{index}_position"] = forms.CharField(
                label=_("Position"), required=False, max_length=150
            )

    @property
    def contact_rows(self):
        """[(number, [bound name, e-mail, position])] for the template."""
        return [
            (index, [self[f"contact_{index}_{part}"] for part in CONTACT_FIELDS])
            for index in range(1, MAX_CONTACTS + 1)
        ]

    @property
    def contacts(self) -> list[dict]:
        rows = []
        for index in range(1, MAX_CONTACTS + 1):
            row = {
                part: self.cleaned_data.get(f"contact_{index}_{part}", "")
                for part in CONTACT_FIELDS
            }
            if any(row.values()):
                rows.append(row)
        return rows

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        accept_upload(letter, check_letter, by=self.user, purpose="admissions.letter")
        return letter

    def clean(self):
        cleaned = super().clean()
        own = (self.user.email or "").lower()
        named = 0
        for index in range(1, MAX_CONTACTS + 1):
            name, email, position = (
                cleaned.get(f"contact_{index}_{part}", "") for part in CONTACT_FIELDS
            )
            if f"contact_{index}_email" in self.errors or not (name or email or position):
                continue
            named += 1
            if not name:
                self.add_error(
                    f"contact_{index}_name", _("Please enter the name of this contact person.")
                )
            if not email:
                self.add_error(
                    f"contact_{index}_email",
                    _("Please enter the e-mail address of this contact person."),
                )
            elif email.lower() == own:
                self.add_error(
                    f"contact_{index}_email",
                    _("This is your own address. To be the contact person, tick the box above."),
                )
        if not cleaned.get("applicant_is_contact") and not named:
            self.add_error(
                "applicant_is_contact",
                _("Please name at least one contact person, or be the primary contact yourself."),
            )
        return cleaned

    def ask_for_letter_again(self) -> None:
        """Shown whenever the form comes back: the chosen file is gone."""
        help_text = f"{LETTER_HELP} {LETTER_AGAIN}"
        self.fields["letter"].help_text = help_text
        self["letter"].help_text = help_text  # the bound field copied the old one


class DecisionForm(forms.Form):
    ADMIT, DECLINE = "admit", "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ADMIT, _("Admit the municipality")), (DECLINE, _("Decline the application"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when declining. The applicant receives it by e-mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                ValidationError(
                    _("Please give a reason; the applicant receives it with the decision."),
                    code="reason_required",
                ),
            )
        return cleaned


class InboxFilterForm(forms.Form):
    state = forms.ChoiceField(label=pgettext_lazy("application", "State"), required=False)

    def __init__(self, *args, counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("All")), ("open", _("Open")), *ApplicationState.choices]
        self.fields["state"].choices = [
            (value, f"{label} ({counts.get(value or 'all', 0)})") for value, label in choices
        ]
