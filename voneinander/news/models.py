"""News items of a network or of the whole platform, with gallery and attachments.

A news item is a draft while `published_at` is empty, scheduled while it lies
in the future, and public (to the item's audience) from then on. There is no
publishing job: every read compares with now (`selectors.published`), so a
scheduled item appears on time on every app server without a worker.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NewsItem(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("network"),
        help_text=_("Empty: news of the whole platform."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    teaser = models.CharField(_("teaser"), max_length=600)
    text = models.TextField(_("text"), blank=True, max_length=50000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Empty: a draft. In the future: published automatically then."),
    )
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_("YouTube, Vimeo or PeerTube; shown only after the reader agrees."),
    )
    comments_enabled = models.BooleanField(_("comments allowed"), default=True)
    membership = models.OneToOneField(
        "networks.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_item",
        verbose_name=_("admission"),
        help_text=_("The admission this news item announces."),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="news",
        verbose_name=_("municipalities concerned"),
    )
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="news", verbose_name=_("events concerned")
    )
    solutions = models.ManyToManyField(
        "knowledge.Solution",
        blank=True,
        related_name="news",
        verbose_name=_("solutions concerned"),
    )
    topics = models.ManyToManyField(
        "knowledge.Topic", blank=True, related_name="news", verbose_name=_("topics")
    )
    # Set once followers were notified (at publication; for scheduled items by
    # `manage.py notify_published_news`, run every few minutes).
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["network", "published_at"]),
            # The news list and the start page: published items, newest first. Without
            # it, PostgreSQL sorted all 20,000 items of the bench data (25 ms).
            models.Index(
                fields=["-published_at", "-id"],
                name="news_published_newest_first",
                condition=models.Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()


def news_file_path(instance, filename: str) -> str:
    """Stored under a generated name; the original name is kept in `original_name`."""
    return f"news/{uuid.uuid4().hex}"


class NewsImage(models.Model):
    """A picture of the news item's gallery; the alt text is required (also in the DB)."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("image"), upload_to=news_file_path)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="news_image_alt")]

    def __str__(self):
        return self.alt_text


class NewsAttachment(models.Model):
    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=news_file_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class NewsVideo(models.Model):
    """A video uploaded to the platform, played from our own server with captions."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="videos")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("video"), upload_to=news_file_path)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    captions = models.TextField(
        _("captions (WebVTT)"), help_text=_("Required: videos need captions.")
    )
    captions_language = models.CharField(_("language of the captions"), max_length=8, default="de")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["pk"]

    def __str__(self):
        return self.title
