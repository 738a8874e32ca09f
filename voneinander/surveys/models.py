"""Member surveys of a network and the topic backlog they feed.

A survey is answered once per member municipality (any confirmed person of it
answers for it; the first submission wins) or once per person. The database
enforces both rules with conditional unique constraints, so two people of the
same municipality submitting at once leave exactly one response.

Backlog topics are what the coordinators make of the results: each keeps the
survey, question and option (or free-text answer) it came from and the figures
it had then, so that members can see why a topic was chosen.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RespondentMode(models.TextChoices):
    MUNICIPALITY = "municipality", _("Once per member municipality")
    PERSON = "person", _("Once per person")


class Survey(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Markdown: paragraphs, lists, links.")
    )
    respondent_mode = models.CharField(
        _("who answers"),
        max_length=20,
        choices=RespondentMode.choices,
        default=RespondentMode.MUNICIPALITY,
    )
    state = models.CharField(
        _("status"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT
    )
    closes_at = models.DateTimeField(_("closes"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-closes_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"pk": self.pk})

    @property
    def per_municipality(self) -> bool:
        return self.respondent_mode == RespondentMode.MUNICIPALITY

    @property
    def phase(self) -> str:
        """The state as people see it: an open survey is closed once its date has passed."""
        if self.state == SurveyState.OPEN and self.closes_at <= timezone.now():
            return SurveyState.CLOSED
        return self.state

    @property
    def is_draft(self) -> bool:
        return self.phase == SurveyState.DRAFT

    @property
    def is_open(self) -> bool:
        return self.phase == SurveyState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.phase == SurveyState.CLOSED


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    RANKING = "ranking", pgettext_lazy("kind of question", "Ranking")
    SCALE = "scale", _("Scale")
    TEXT = "text", _("Free text")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING}


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), null=True, blank=True
    )
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    label_min = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    label_max = models.CharField(_("label of the highest value"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    text = models.CharField(_("option"), max_length=200)
    topic = models.ForeignKey(
        "knowledge.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Response(models.Model):
    """One submitted questionnaire: for a municipality or for a person."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Copied from the survey when submitting; the mode is fixed once answers exist.
    per_municipality = models.BooleanField()
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("municipality"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("answered by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"],
                condition=Q(per_municipality=True),
                name="one_survey_response_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(per_municipality=False),
                name="one_survey_response_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.survey}: {self.municipality}"


class Answer(models.Model):
    """One piece of a response.

    Single choice: one row with `option`. Multiple choice: one row per chosen
    option. Ranking: one row per option with its `rank` (1 = first). Scale: one
    row with `value`. Free text: one row with `text`. An optional question left
    out has no row.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="one_answer_per_option",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.option or self.value or self.text[:40]}"


class BacklogStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    WORKING_GROUP = "working_group", _("Taken up by a working group")
    AGENDA = "agenda", _("On a meeting agenda")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class BacklogTopic(models.Model):
    """A topic the network takes up (or not), and the survey result it came from."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="backlog_topics",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(
        "knowledge.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backlog_topics",
        verbose_name=_("Handlungsfeld or topic"),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BacklogStatus.choices,
        default=BacklogStatus.PROPOSED,
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the topic was chosen, planned or declined.")
    )
    # Where it came from; the figures are those of the result when the topic was made.
    survey = models.ForeignKey(
        Survey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backlog_topics",
        verbose_name=_("survey"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    option = models.ForeignKey(
        Option, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    votes = models.PositiveIntegerField(
        _("votes"),
        null=True,
        blank=True,
        help_text=_("Respondents who chose it, or its Borda score in a ranking."),
    )
    base = models.PositiveIntegerField(
        _("respondents"), null=True, blank=True, help_text=_("Who answered the question.")
    )
    place = models.PositiveSmallIntegerField(_("place in the result"), null=True, blank=True)
    working_group = models.ForeignKey(
        "workinggroups.WorkingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backlog_topics",
        verbose_name=_("working group"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backlog_topics",
        verbose_name=_("meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("backlog topic")
        verbose_name_plural = _("backlog topics")
        ordering = [models.F("votes").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    @property
    def share(self) -> float | None:
        """Per cent of the respondents (choice questions only)."""
        if self.votes is None or not self.base or self.question is None:
            return None
        if self.question.kind == QuestionKind.RANKING:
            return None
        return 100 * self.votes / self.base
