"""Questions and discussions per network: answers, an accepted answer, follows, mentions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Question(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("network"),
    )
    title = models.CharField(_("question"), max_length=200)
    text = models.TextField(_("details"), blank=True, max_length=10000)
    topics = models.ManyToManyField(
        "knowledge.Topic", blank=True, related_name="questions", verbose_name=_("topics")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="questions"
    )
    accepted_answer = models.OneToOneField(
        "Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-last_activity_at"]
        indexes = [models.Index(fields=["network", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", kwargs={"pk": self.pk})


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    text = models.TextField(_("answer"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.question}: {self.text[:60]}"


class Follow(models.Model):
    """A person follows a question or a topic (within a network)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    topic = models.ForeignKey(
        "knowledge.Topic", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, topic__isnull=True)
                | Q(question__isnull=True, topic__isnull=False),
                name="follow_question_or_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="follow_question_once",
            ),
            models.UniqueConstraint(
                fields=["user", "topic", "network"],
                condition=Q(topic__isnull=False),
                name="follow_topic_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.question or self.topic}"


class Notification(models.Model):
    """An on-site notification; e-mail goes out immediately or in the daily digest.

    Issue 6 (notifications) extends this with settings per user and weekly digests.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text
