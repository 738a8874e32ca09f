"""Comments on news items and solutions, with reports, moderation and blocks.

A comment belongs to exactly one target (news item or solution, a DB check).
Its network is the target's network (the news item's, or the owning network
of the solution), copied on creation, so that moderation queues and
pre-moderation need no join through the target.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden")


class Comment(models.Model):
    news = models.ForeignKey(
        "news.NewsItem", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    solution = models.ForeignKey(
        "knowledge.Solution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["network", "status"]),
            # bench indexes: the newest comments under one target, page by page.
            models.Index(fields=["solution", "created_at", "id"], name="comment_solution_created"),
            models.Index(fields=["news", "created_at", "id"], name="comment_news_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(news__isnull=False) & Q(solution__isnull=True))
                | (Q(news__isnull=True) & Q(solution__isnull=False)),
                name="comment_one_target",
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def target(self):
        return self.news if self.news_id else self.solution


class CommentReport(models.Model):
    """Somebody reported a comment; open reports put it into the moderation queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="comment_report_once")
        ]

    def __str__(self):
        return self.reason[:60]


class CommentBlock(models.Model):
    """A person may not comment in a network (or, with no network, anywhere)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_blocks"
    )
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment block")
        verbose_name_plural = _("comment blocks")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="comment_block_once"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(network__isnull=True), name="comment_block_global"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.network or _('everywhere')})"
