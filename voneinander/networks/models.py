from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voneinander.municipalities.models import MunicipalityKind


class Network(models.Model):
    """A network of municipalities that learn from each other."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    operator = models.CharField(
        _("operator"), max_length=200, help_text=_("Who runs the network, e.g. a ministry.")
    )
    target_kinds = models.JSONField(
        _("kinds of municipality that may join"),
        default=list,
        blank=True,
        help_text=_("Empty means every kind."),
    )
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    topics = models.JSONField(_("topic focuses"), default=list, blank=True)
    contact_email = models.EmailField(_("contact address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Printed on the letterhead of admission notices, one line per line."),
    )
    sister_networks = models.ManyToManyField(
        "self", verbose_name=_("sister networks"), blank=True, symmetrical=True
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="NetworkCoordinator",
        through_fields=("network", "user"),
        related_name="coordinated_networks",
        verbose_name=_("coordinators"),
    )
    comments_premoderated = models.BooleanField(
        _("check comments before they appear"),
        default=False,
        help_text=_("Comments on this network's news and solutions wait for a coordinator."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def accepts(self, kind: str) -> bool:
        return not self.target_kinds or kind in self.target_kinds

    @property
    def target_kind_labels(self) -> list[str]:
        return [MunicipalityKind(kind).label for kind in self.target_kinds]


class NetworkCoordinator(models.Model):
    """A person who coordinates a network (ministry, Transferstelle, mentor city)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinator_roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_roles"
    )
    since = models.DateTimeField(_("since"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="unique_network_coordinator")
        ]

    def __str__(self):
        return f"{self.user} – {self.network.short_name}"


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    TRANSFER = "transfer", _("Transferstelle (model municipality)")
    MENTOR = "mentor", _("Mentor")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    LEFT = "left", _("left")


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="memberships")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    member_since = models.DateField(_("member since"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    topic_focuses = models.JSONField(_("topic focuses"), default=list, blank=True)
    news_draft = models.TextField(
        _("draft news item"),
        blank=True,
        help_text=_("Prepared on admission for the coordinators (“Neues Mitglied: …”)."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality"],
                condition=Q(status="active"),
                name="one_active_membership_per_network",
            )
        ]

    def __str__(self):
        return f"{self.municipality} in {self.network.short_name}"


class ContactPerson(models.Model):
    """A person named by a member municipality as its contact for a network."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="contact_persons"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_roles"
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(fields=["membership", "user"], name="unique_contact_person"),
            models.UniqueConstraint(
                fields=["membership"], condition=Q(is_primary=True), name="one_primary_contact"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.membership})"
