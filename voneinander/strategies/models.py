"""The digital-strategy workbook: one strategy per municipality, written by its team.

Private to the municipality's team by default; the team may share it with a
network, whose members then browse, compare and copy measures from it.
Every change is recorded (`StrategyChange`), and a measure's status changes are
kept (`MeasureStatusChange`) for the progress over time. `Strategy.version`
counts saves: autosave sends the version it started from, so two people editing
at once cannot silently overwrite each other.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StrategyField(models.Model):
    """A Handlungsfeld of the workbook (configurable; about nine, seeded by a migration)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    examples = models.TextField(_("examples"), blank=True, max_length=4000)
    topics = models.ManyToManyField(
        "knowledge.Topic",
        blank=True,
        related_name="strategy_fields",
        verbose_name=_("catalogue topics"),
        help_text=_("Recommendations come from solutions with these topics."),
    )
    position = models.PositiveIntegerField(pgettext_lazy("ordering", "position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Strategy(models.Model):
    municipality = models.OneToOneField(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="strategy",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    strengths = models.TextField(_("strengths"), blank=True, max_length=10000)
    weaknesses = models.TextField(_("weaknesses"), blank=True, max_length=10000)
    existing_projects = models.TextField(_("existing projects"), blank=True, max_length=10000)
    vision = models.TextField(_("vision"), blank=True, max_length=10000)
    goals = models.TextField(_("goals"), blank=True, max_length=10000)
    fields = models.ManyToManyField(
        StrategyField, blank=True, related_name="strategies", verbose_name=_("Handlungsfelder")
    )
    shared_with = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_strategies",
        verbose_name=_("shared with the network"),
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("digital strategy")
        verbose_name_plural = _("digital strategies")
        ordering = ["municipality__name"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategies:overview", kwargs={"pk": self.pk})


class CollaboratorRole(models.TextChoices):
    OWNER = "owner", _("Lead (may invite and share)")
    EDITOR = "editor", _("Writes along")


class Collaborator(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="collaborators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strategy_roles"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=CollaboratorRole.choices, default=CollaboratorRole.EDITOR
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "user"], name="collaborator_once")
        ]

    def __str__(self):
        return f"{self.user} ({self.role})"


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class MeasureStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure status", "In progress")
    DONE = "done", pgettext_lazy("measure status", "Done")
    DROPPED = "dropped", _("Dropped")


class Measure(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    field = models.ForeignKey(
        StrategyField,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("Handlungsfeld"),
    )
    goal = models.TextField(_("goal"), blank=True, max_length=5000)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    budget_eur = models.PositiveIntegerField(_("budget (euros)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.IDEA
    )
    solutions = models.ManyToManyField(
        "knowledge.Solution", blank=True, related_name="measures", verbose_name=_("solutions")
    )
    partners = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="partner_measures",
        verbose_name=_("partner municipalities"),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["strategy", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class MeasureStatusChange(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=12, choices=MeasureStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.measure}: {self.status}"


class StrategyChange(models.Model):
    """One recorded change of the workbook: who, when, what (field names and values)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="changes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.summary
