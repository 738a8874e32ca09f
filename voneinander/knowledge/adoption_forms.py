"""Forms for recording and editing reuse (an adoption of a solution)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.core.forms import date_input
from voneinander.knowledge.models import AdoptionStatus


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.municipality_id and obj.municipality_confirmed_at:
            return f"{obj} ({obj.municipality})"
        return str(obj)


class AdoptionForm(forms.Form):
    """Status, dates, experience report and contact; on creation also the municipality."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Please choose the municipality that reuses the solution."),
            "invalid_choice": _("You cannot record reuse for this municipality."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=AdoptionStatus.choices,
        widget=forms.RadioSelect,
        initial=AdoptionStatus.ADOPTING,
        error_messages={"required": _("Please choose how far the reuse has come.")},
    )
    started_on = forms.DateField(
        label=_("Since"),
        required=False,
        widget=date_input(),
        help_text=_("When your municipality started to use or adopt it."),
        error_messages={"invalid": _("Please enter the date as DD.MM.YYYY.")},
    )
    ended_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=date_input(),
        help_text=_("Only if the reuse has ended."),
        error_messages={"invalid": _("Please enter the date as DD.MM.YYYY.")},
    )
    report = forms.CharField(
        label=_("Experience report"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What went well, what would you do differently? Markdown: **bold**, lists "
            "with “-”, links as [text](https://…)."
        ),
    )
    contact = PersonChoiceField(
        label=_("Contact person"),
        queryset=None,
        required=False,
        empty_label=_("nobody"),
        help_text=_("Whom other municipalities may ask about your experience."),
        error_messages={"invalid_choice": _("This person cannot be named as contact.")},
    )

    def __init__(self, data=None, *, municipalities, people, adoption=None, user=None):
        initial = {}
        if adoption is not None:
            initial = {
                "status": adoption.status,
                "started_on": adoption.started_on,
                "ended_on": adoption.ended_on,
                "report": adoption.report,
                "contact": adoption.contact_id,
            }
        elif user is not None:
            initial = {"contact": user.pk}
        super().__init__(data, initial=initial)
        self.fields["contact"].queryset = people
        if adoption is not None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = municipalities
            if len(municipalities) == 1:
                self.fields["municipality"].initial = municipalities[0].pk
                self.fields["municipality"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error(
                "ended_on", _("The end date lies before the start date. Please check both dates.")
            )
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name] for name in ("status", "started_on", "ended_on", "report", "contact")
        }
