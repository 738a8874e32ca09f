from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from voneinander.knowledge.models import Topic
from voneinander.questions import selectors, services

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, lists and links. Mention a member of the network "
    "with @ and their first and last name joined by a dot, e.g. @Jonas.Becker; "
    "they are notified."
)


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=services.TITLE_MAX,
        help_text=_("One sentence, e.g. “Which app do you use for reporting damage?”"),
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        required=False,
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to five. People who follow a topic hear of new questions on it."),
    )

    def __init__(self, *args, question=None, **kwargs):
        if question is not None:
            kwargs.setdefault(
                "initial",
                {"title": question.title, "text": question.text, "topics": question.topics.all()},
            )
        super().__init__(*args, **kwargs)
        in_use = Q(active=True)
        if question is not None:
            in_use |= Q(pk__in=question.topics.values("pk"))
        self.fields["topics"].queryset = Topic.objects.filter(in_use).order_by("position", "name")

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > services.MAX_TOPICS:
            raise forms.ValidationError(
                _("Please choose at most %(count)d topics."), params={"count": services.MAX_TOPICS}
            )
        return topics


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=services.ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )


class DeleteForm(forms.Form):
    """The reason is needed only when someone removes another person's post."""

    reason = forms.CharField(
        label=_("Reason for the author"),
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author is told this reason; it is also kept in the audit log."),
    )

    def __init__(self, *args, needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["reason"]


class AcceptForm(forms.Form):
    answer = forms.IntegerField(required=False, min_value=1)


class FollowForm(forms.Form):
    FOLLOW, UNFOLLOW = "folgen", "entfolgen"
    action = forms.ChoiceField(choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)])


class TopicFollowForm(FollowForm):
    topic = forms.ModelChoiceField(queryset=Topic.objects.filter(active=True), to_field_name="slug")


class QuestionFilterForm(forms.Form):
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All questions")),
            (selectors.UNANSWERED, _("Without an answer")),
            (selectors.ACCEPTED, _("With an accepted answer")),
        ],
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["thema"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name) for topic in topics
        ]

    def values(self) -> tuple[Topic | None, str]:
        """The chosen topic and status; an unknown choice filters nothing."""
        if not self.is_bound or not self.is_valid():
            return None, ""
        return self.topics.get(self.cleaned_data["thema"]), self.cleaned_data["status"]
