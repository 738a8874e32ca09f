"""Pages admins edit (Impressum, privacy, accessibility statement, free pages) and
the barrier reports sent from the accessibility statement."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    IMPRINT = "imprint", _("Legal notice (Impressum)")
    PRIVACY = "privacy", _("Privacy policy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    FREE = "free", _("Free page")


class Page(models.Model):
    """A page of the platform (no network) or of a network (only free pages)."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pages",
        verbose_name=_("network"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PageKind.choices)
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=100000, help_text=_("Markdown."))
    show_in_footer = models.BooleanField(_("link in the footer"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["network_id", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(network__isnull=True), name="page_slug_platform"
            ),
            models.UniqueConstraint(fields=["network", "slug"], name="page_slug_network"),
            # The legal pages exist once, for the platform.
            models.UniqueConstraint(
                fields=["kind"], condition=~Q(kind="free"), name="page_legal_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="free") | Q(network__isnull=True), name="page_legal_platform"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        if self.is_legal:
            return reverse(LEGAL_URL_NAMES[self.kind])
        if self.network_id:
            return reverse(
                "pages:network_page", kwargs={"network_slug": self.network.slug, "slug": self.slug}
            )
        return reverse("pages:page", kwargs={"slug": self.slug})

    @property
    def is_legal(self) -> bool:
        return self.kind != PageKind.FREE


# The legal pages keep the addresses they had before they lived in the database.
LEGAL_URL_NAMES = {
    PageKind.IMPRINT: "core:imprint",
    PageKind.PRIVACY: "core:privacy",
    PageKind.ACCESSIBILITY: "core:accessibility",
}


class BarrierReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")


class BarrierReport(models.Model):
    """A *Barriere melden* ticket: a barrier someone met on the platform."""

    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    description = models.TextField(_("description of the barrier"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BarrierReportStatus.choices,
        default=BarrierReportStatus.OPEN,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("internal note"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.page_url}"

    def get_absolute_url(self) -> str:
        return reverse("pages:report_detail", kwargs={"pk": self.pk})
