from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from voneinander.knowledge.models import Topic
from voneinander.surveys import selectors
from voneinander.surveys.answers import check_answer
from voneinander.surveys.models import (
    BacklogTopic,
    QuestionKind,
    RespondentMode,
    Survey,
)


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.ModelForm):
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        widget=_datetime_input(),
        help_text=_("Date and time (German time). Afterwards no answers are accepted."),
    )

    class Meta:
        model = Survey
        fields = ["title", "introduction", "respondent_mode", "closes_at"]
        widgets = {
            "respondent_mode": forms.RadioSelect,
            "introduction": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "respondent_mode": _(
                "Per municipality: any confirmed person of a member municipality answers for it, "
                "and the first submission counts. Per person: everyone of a member municipality "
                "answers for themselves."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent_mode"].choices = RespondentMode.choices


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(
        label=_("Explanation"),
        max_length=300,
        required=False,
        help_text=_("Shown below the question."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Single choice, multiple choice and ranking: one option per line. An option named "
            "like a topic of the vocabulary (e.g. Mobilität) is linked to it."
        ),
    )
    max_choices = forms.IntegerField(
        label=_("At most this many choices"),
        required=False,
        min_value=1,
        help_text=_("Multiple choice only; leave empty for no limit."),
    )
    scale_min = forms.IntegerField(
        label=_("Lowest value"), initial=1, min_value=-10, max_value=10, required=False
    )
    scale_max = forms.IntegerField(
        label=_("Highest value"), initial=5, min_value=-10, max_value=10, required=False
    )
    label_min = forms.CharField(
        label=_("Label of the lowest value"),
        max_length=60,
        required=False,
        help_text=_("Scale only, e.g. “not important”."),
    )
    label_max = forms.CharField(
        label=_("Label of the highest value"),
        max_length=60,
        required=False,
        help_text=_("Scale only, e.g. “very important”."),
    )

    @classmethod
    def initial_for(cls, question) -> dict:
        initial = {name: getattr(question, name) for name in cls.base_fields if name != "options"}
        initial["options"] = "\n".join(option.text for option in question.options.all())
        return initial

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "options"}

    def option_lines(self) -> list[str]:
        return self.cleaned_data.get("options", "").splitlines()


# --- Answering -----------------------------------------------------------------------

REQUIRED = _("Please answer this question.")
INVALID = _("Please choose one of the options shown.")


class RankingWidget(forms.MultiWidget):
    """A number select per option; labelled one by one (surveys/widgets/ranking.html)."""

    template_name = "surveys/widgets/ranking.html"
    use_fieldset = True

    def __init__(self, options, attrs=None):
        places = [("", "–")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
        self.option_labels = [option.text for option in options]
        widgets = {f"o{option.pk}": forms.Select(choices=places) for option in options}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return [None] * len(self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for label, subwidget in zip(
            self.option_labels, context["widget"]["subwidgets"], strict=True
        ):
            subwidget["option_label"] = label
            classes = subwidget["attrs"].get("class", "")
            error = "kern-form-input__input--error" in classes
            subwidget["attrs"]["class"] = "kern-form-input__select" + (
                " kern-form-input__select--error" if error else ""
            )
        return context


class RankingField(forms.MultiValueField):
    def __init__(self, options, **kwargs):
        self.option_pks = [option.pk for option in options]
        places = [(str(n), str(n)) for n in range(1, len(options) + 1)]
        fields = [
            forms.ChoiceField(
                choices=places, required=False, error_messages={"invalid_choice": INVALID}
            )
            for _option in options
        ]
        super().__init__(fields, widget=RankingWidget(options), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        data_list = data_list or [None] * len(self.option_pks)
        return {
            pk: int(place) if place else None
            for pk, place in zip(self.option_pks, data_list, strict=True)
        }


def _answer_field(question, number: int):
    label = f"{number}. {question.text}"
    options = list(question.options.all())
    common = {
        "label": label,
        "required": question.required,
        "help_text": question.help_text,
        "error_messages": {"required": REQUIRED, "invalid_choice": INVALID},
    }
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return forms.TypedChoiceField(
            choices=[(option.pk, option.text) for option in options],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == QuestionKind.MULTIPLE:
        if question.max_choices:
            limit = ngettext(
                "Choose at most %(limit)s option.",
                "Choose at most %(limit)s options.",
                question.max_choices,
            ) % {"limit": question.max_choices}
            common["help_text"] = " ".join(filter(None, [question.help_text, limit]))
        return forms.TypedMultipleChoiceField(
            choices=[(option.pk, option.text) for option in options],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == QuestionKind.RANKING:
        hint = _("Give each option a place from 1 (first) to %(count)s.") % {"count": len(options)}
        common["help_text"] = " ".join(filter(None, [question.help_text, str(hint)]))
        common["error_messages"] = {
            "required": _("Please give every option a place from 1 to %(count)s.")
            % {"count": len(options)},
            "incomplete": REQUIRED,
        }
        return RankingField(options, **common)
    if kind == QuestionKind.SCALE:
        choices = []
        for value in question.scale_values:
            label_text = str(value)
            if value == question.scale_min and question.label_min:
                label_text = f"{value} – {question.label_min}"
            elif value == question.scale_max and question.label_max:
                label_text = f"{value} – {question.label_max}"
            choices.append((value, label_text))
        return forms.TypedChoiceField(
            choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
        )
    common.pop("error_messages")
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": REQUIRED},
        **common,
    )


class AnswerForm(forms.Form):
    """One field per question ("q<id>"), and whom one answers for when there is a choice."""

    def __init__(self, *args, questions, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.municipalities = {str(item.pk): item for item in municipalities}
        if len(self.municipalities) > 1:
            self.fields["municipality"] = forms.ChoiceField(
                label=_("Answering for"),
                choices=[(pk, item.name) for pk, item in self.municipalities.items()],
                error_messages={"invalid_choice": INVALID},
            )
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q{question.pk}"] = _answer_field(question, number)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = f"q{question.pk}"
            if name in self.errors:
                continue
            try:
                check_answer(question, cleaned.get(name))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions
        }

    def municipality(self):
        if "municipality" in self.fields:
            return self.municipalities[self.cleaned_data["municipality"]]
        return next(iter(self.municipalities.values()), None)


# --- The backlog ------------------------------------------------------------------------


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        when = formats.date_format(timezone.localtime(obj.starts_at), "SHORT_DATE_FORMAT")
        return f"{obj.title} ({when})"


class BacklogTopicForm(forms.ModelForm):
    source_option = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_answer = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = BacklogTopic
        fields = ["title", "topic", "description", "status", "reason", "working_group", "event"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"event": EventChoiceField}

    def __init__(self, *args, network, user, with_source=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(active=True)
        self.fields["working_group"].queryset = selectors.working_groups_for(network)
        events = selectors.events_for(network, user)
        self.fields["event"].queryset = events
        # A meeting someone else linked that this person may not see: neither named nor
        # offered, and kept as it is when the topic is saved.
        self.event_hidden = bool(
            self.instance.event_id and not events.filter(pk=self.instance.event_id).exists()
        )
        self.fields["working_group"].help_text = _(
            "Required for the status “Taken up by a working group”."
        )
        self.fields["event"].help_text = _("Required for the status “On a meeting agenda”.")
        if not with_source:
            del self.fields["source_option"]
            del self.fields["source_answer"]
        if self.event_hidden:
            del self.fields["event"]

    def values(self) -> dict:
        return {
            name: self.cleaned_data.get(name) for name in self._meta.fields if name in self.fields
        }

    def _post_clean(self):
        # The service validates the model (and the rules between status and links).
        pass
