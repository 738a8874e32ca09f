"""Forms for the measures of a strategy: the measure itself, the solution search and
the partner municipality."""

from __future__ import annotations

import calendar
import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from voneinander.municipalities.forms import MunicipalityField
from voneinander.strategies.measure_selectors import is_month_end, is_month_start
from voneinander.strategies.models import MeasureStatus, Priority, StrategyField

MAX_BUDGET = 1_000_000_000

_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthOrDateField(forms.Field):
    """A month (“03/2026”) or a day (“15.03.2026”). A month means its first day for a
    start and its last day for an end."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Please enter a month like 03/2026 or a day like 15.03.2026."),
    }

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("class", "vn-input-short")

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in (None, ""):
            return value or None
        text = " ".join(str(value).split())
        day = _DAY.match(text)
        iso_day = _ISO_DAY.match(text)
        month = _MONTH.match(text)
        iso_month = _ISO_MONTH.match(text)
        try:
            if day:
                return datetime.date(int(day[3]), int(day[2]), int(day[1]))
            if iso_day:
                return datetime.date(int(iso_day[1]), int(iso_day[2]), int(iso_day[3]))
            if month or iso_month:
                year, number = (
                    (int(month[2]), int(month[1]))
                    if month
                    else (int(iso_month[1]), int(iso_month[2]))
                )
                last = calendar.monthrange(year, number)[1] if 1 <= number <= 12 else 1
                return datetime.date(year, number, last if self.end else 1)
        except ValueError:
            pass
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            whole_month = is_month_end(value) if self.end else is_month_start(value)
            return value.strftime("%m/%Y") if whole_month else value.strftime("%d.%m.%Y")
        return value


class EuroField(forms.IntegerField):
    """Whole euros; accepts “5.000”, “5 000 €” and “5000,00”."""

    def to_python(self, value):
        if isinstance(value, str):
            text = re.sub(r"(?i)\s|€|eur(o|os)?\b", "", value)
            text = re.sub(r"[,.](00|-)$", "", text)
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            value = text
        return super().to_python(value)


class MeasureForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the measure a title.")},
    )
    field = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=StrategyField.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Please choose a Handlungsfeld."),
            "invalid_choice": _("Please choose one of the Handlungsfelder in the list."),
        },
    )
    goal = forms.CharField(
        label=_("Goal"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should be better once the measure is done, and for whom?"),
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    responsible = forms.CharField(
        label=_("Responsible"),
        required=False,
        max_length=200,
        help_text=_("A person, an office or a committee, e.g. “Ortsbürgermeisterin”."),
    )
    starts_on = MonthOrDateField(
        label=pgettext_lazy("measure timeline", "Start"),
        required=False,
        help_text=_("A month (03/2026) or a day (15.03.2026)."),
    )
    ends_on = MonthOrDateField(
        label=_("End"),
        required=False,
        end=True,
        help_text=_("A month (12/2026) or a day (31.12.2026); not before the start."),
    )
    budget_eur = EuroField(
        label=_("Budget in euros"),
        required=False,
        min_value=0,
        max_value=MAX_BUDGET,
        help_text=_("Whole euros, e.g. 15000."),
        error_messages={
            "invalid": _("Please enter the budget as a whole number of euros, e.g. 15000."),
            "min_value": _("The budget cannot be negative. Please enter 0 euros or more."),
            "max_value": _("Please enter a budget of at most %(limit_value)s euros."),
        },
    )
    budget_eur.widget.attrs.update({"inputmode": "numeric", "class": "vn-input-short"})
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)

    def __init__(self, data=None, *, fields, chosen=(), measure=None, initial=None):
        super().__init__(data, initial=initial)
        self.fields["field"].queryset = fields
        chosen_ids = {f.pk for f in chosen}
        if chosen_ids:
            # The strategy's own Handlungsfelder first.
            ordered = sorted(fields, key=lambda f: (f.pk not in chosen_ids, f.position, f.name))
            self.fields["field"].choices = [(f.pk, f.name) for f in ordered]
        if measure is not None:
            for name in self.fields:
                self.initial.setdefault(name, getattr(measure, name))
            self.initial["field"] = measure.field_id

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("The end cannot be before the start. Please check both dates.")
            )
        return cleaned


class SolutionSearchForm(forms.Form):
    """A GET form: find catalogue solutions to link."""

    suche = forms.CharField(
        label=_("Find a solution in the catalogue"),
        required=False,
        max_length=100,
        help_text=_("A word from its title or summary, e.g. “Dorf-App”."),
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )


class PartnerForm(forms.Form):
    kommune = MunicipalityField(
        label=_("Partner municipality"),
        help_text=_("A member municipality that takes part in the measure with you."),
    )
