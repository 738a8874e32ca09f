"""Questions and discussions per network: answers, an accepted answer, follows, mentions.

Mentions (`@Vorname.Nachname`) are resolved against the network's members when a
post is saved; the people found are stored in `mentioned`, so that rendering
highlights exactly them and never looks people up again.
"""

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
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
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
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.question}: {self.text[:60]}"


class Follow(models.Model):
    """A person follows a question, a topic (within a network or everywhere), a
    working group, or a whole network (only `network` set)."""

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
    working_group = models.ForeignKey(
        "workinggroups.WorkingGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, topic__isnull=True, working_group__isnull=True)
                | Q(question__isnull=True, topic__isnull=False, working_group__isnull=True)
                | Q(question__isnull=True, topic__isnull=True, working_group__isnull=False)
                | Q(
                    question__isnull=True,
                    topic__isnull=True,
                    working_group__isnull=True,
                    network__isnull=False,
                ),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "working_group"],
                condition=Q(working_group__isnull=False),
                name="follow_group_once",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(question__isnull=True, topic__isnull=True, working_group__isnull=True),
                name="follow_network_once",
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

    Generic on purpose (a text and a URL): issue 6 (notifications) adds more
    sources and weekly digests. `network`, if set, is the network whose content
    it is about: people who lost access to it are neither shown nor mailed it.
    `working_group`, if set, is the group whose space the content is in: of a
    private group, only who may still read its space is shown or mailed it.
    `emailed_at` is set once it went out by e-mail (alone or in a digest).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, blank=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    working_group = models.ForeignKey(
        "workinggroups.WorkingGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["emailed_at", "read_at"], name="notification_pending_mail"),
        ]

    def __str__(self):
        return self.text


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately: one e-mail per notification")
    DAILY = "daily", _("Once a day: one e-mail with all new notifications")
    WEEKLY = "weekly", _("Once a week: one e-mail with all new notifications")
    OFF = "off", _("Never: only here on the platform")


class NotificationSettings(models.Model):
    """How a person wants to hear of notifications by e-mail (no row: the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.CharField(
        _("e-mail"),
        max_length=20,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.email}"
