from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from voneinander.strategies import steps
from voneinander.strategies.models import CollaboratorRole, Strategy, StrategyField
from voneinander.strategies.selectors import municipalities_spoken_for


class StartForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a municipality without a strategy.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = startable_municipalities(user)


def startable_municipalities(user):
    return municipalities_spoken_for(user).filter(strategy__isnull=True).order_by("name")


class StepForm(forms.Form):
    """A step's texts plus the version the person started from (for conflicts)."""

    step: steps.Step
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, strategy: Strategy, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", strategy.version)
        for name in self.step.fields:
            if name == "fields":
                kwargs["initial"].setdefault(name, [field.pk for field in strategy.fields.all()])
            else:
                kwargs["initial"].setdefault(name, getattr(strategy, name))
        super().__init__(*args, **kwargs)
        self.strategy = strategy

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.step.fields}


def _text(label, help_text, rows=6):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=10000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TitleForm(StepForm):
    step = steps.TITLE
    title = forms.CharField(label=_("Title of the strategy"), max_length=200)


class StartingPointForm(StepForm):
    step = steps.STARTING_POINT
    strengths = _text(
        _("Strengths"), _("What works well already? What can the municipality build on?")
    )
    weaknesses = _text(
        _("Weaknesses"), _("Where does it get stuck? What do people miss or complain about?")
    )
    existing_projects = _text(
        _("Existing projects"),
        _("Digital projects that run or are planned, in the municipality and around it."),
    )


class VisionForm(StepForm):
    step = steps.VISION
    vision = _text(
        _("Vision"),
        _("How should life in the municipality be in ten years? Two to five sentences."),
    )
    goals = _text(_("Goals"), _("Three to five goals you can check later, one per line."), rows=8)


class FieldChoice(forms.ModelMultipleChoiceField):
    """Checkboxes whose options carry the field (`option.data.value.instance`)."""

    widget = forms.CheckboxSelectMultiple


class FieldsForm(StepForm):
    step = steps.FIELDS
    fields = FieldChoice(
        label=_("Fields of action"),
        help_text=_("Choose the fields your strategy works in. You can change this later."),
        queryset=StrategyField.objects.none(),
        required=False,
    )

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, strategy=strategy, **kwargs)
        # A field taken out of use stays selectable for strategies that chose it.
        self.fields["fields"].queryset = StrategyField.objects.filter(
            Q(is_active=True) | Q(strategies=strategy)
        ).distinct()


STEP_FORMS = {form.step.slug: form for form in (StartingPointForm, VisionForm, FieldsForm)}


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person needs an account on the platform with this address."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CollaboratorRole.choices,
        initial=CollaboratorRole.EDITOR,
        widget=forms.RadioSelect,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CollaboratorRole.choices)
