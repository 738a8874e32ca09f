from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.strategies.models import StrategyField
from voneinander.strategies.sharing_selectors import (
    COMPARE_MAX,
    COMPARE_MIN,
    SIZE_CLASSES,
    browsable_networks,
    compare_candidates,
    copy_targets,
    networks_to_share_with,
    size_class_by_slug,
)


class ShareForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the network to share the strategy with.")},
    )

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks_to_share_with(strategy)
        if strategy.shared_with_id:
            self.fields["network"].initial = strategy.shared_with_id


class BrowseForm(forms.Form):
    netzwerk = forms.ModelChoiceField(
        label=_("Network"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All my networks"),
    )
    groesse = forms.ChoiceField(label=_("Size of the municipality"), required=False)
    feld = forms.ModelChoiceField(
        label=_("Has measures in the Handlungsfeld"),
        queryset=StrategyField.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Any Handlungsfeld"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["netzwerk"].queryset = browsable_networks(user)
        self.fields["groesse"].choices = [("", _("Any size"))] + [
            (size.slug, size.label) for size in SIZE_CLASSES
        ]

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "network": data.get("netzwerk"),
            "size": size_class_by_slug(data.get("groesse") or ""),
            "strategy_field": data.get("feld"),
        }


class StrategyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.municipality} – {obj.title}"


class CompareForm(forms.Form):
    s = StrategyChoice(
        label=_("Strategies to compare"),
        help_text=_("Choose between two and four strategies."),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose between two and four strategies."),
            "invalid_choice": _("One of the chosen strategies is not available to you."),
            "invalid_pk_value": _("One of the chosen strategies is not available to you."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["s"].queryset = compare_candidates(user)

    def clean_s(self):
        chosen = list(self.cleaned_data["s"])
        if not COMPARE_MIN <= len(chosen) <= COMPARE_MAX:
            raise forms.ValidationError(_("Choose between two and four strategies."))
        return chosen


class CopyForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Copy into"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the strategy to copy the measure into.")},
    )

    def __init__(self, *args, user, source, **kwargs):
        super().__init__(*args, **kwargs)
        targets = copy_targets(user, source=source)
        self.fields["into"].queryset = targets
        self.fields["into"].label_from_instance = lambda obj: f"{obj.municipality} – {obj.title}"
