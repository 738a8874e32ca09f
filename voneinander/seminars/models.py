"""A seminar series (programme) of modules, run over years by partner organisations.

A programme has organisers (people) and partners (organisations). People enrol;
a programme may admit only a group (enrolment on approval, e.g. full-time
mayors for a pilot). Module dates are events of kind "seminar date" linked to
the module (`Event.seminar_module`). Feedback is given per module and records
the programme version it was given on, so that organisers can compare the
beta with the revised programme.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Open: every signed-in person of a member municipality may enrol")
    APPROVAL = "approval", _("On approval: the organisers admit each person")


class Programme(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.CharField(_("short description"), max_length=400)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("network"),
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="programmes", verbose_name=_("partner organisations")
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organised_programmes"
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    version_label = models.CharField(
        _("version"), max_length=40, default="Beta", help_text=_("E.g. “Beta” or “2026”.")
    )
    enrolment_mode = models.CharField(
        _("enrolment"), max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    audience = models.CharField(
        _("who may take part"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Full-time mayors of the pilot municipalities”."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seminar series")
        verbose_name_plural = _("seminar series")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:programme", kwargs={"slug": self.slug})


class ProgrammeVersion(models.Model):
    """A revision of the programme (e.g. "Beta" → "2026"), with what changed and why."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("version"), max_length=40)
    changes = models.TextField(_("what changed and why"), max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "label"], name="programme_version_once")
        ]

    def __str__(self):
        return f"{self.programme}: {self.label}"


class Module(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(pgettext_lazy("ordering", "position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    learning_goals = models.TextField(_("learning goals"), max_length=5000)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("offered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:module", kwargs={"slug": self.programme.slug, "pk": self.pk})


class MaterialKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    SLIDES = "slides", _("Slides")
    VIDEO = "video", _("Video")
    CHECKLIST = "checklist", _("Checklist")
    LINK = "link", _("Link")


def material_path(instance, filename: str) -> str:
    return f"seminars/{uuid.uuid4().hex}"


class Material(models.Model):
    """Material of a module; a checklist's items are lines of `checklist`."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=12, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField(_("address"), blank=True, help_text=_("For videos and links."))
    checklist = models.TextField(_("checklist items, one per line"), blank=True, max_length=5000)
    position = models.PositiveIntegerField(default=0)
    members_only = models.BooleanField(_("only for enrolled participants"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["module", "position", "pk"]

    def __str__(self):
        return self.title


class EnrolmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("Enrolled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Enrolment(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("your role"), max_length=100, blank=True, help_text=_("E.g. “Full-time mayor”.")
    )
    message = models.TextField(_("message to the organisers"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="enrolment_once")]

    def __str__(self):
        return f"{self.user} → {self.programme}"


class ModuleProgress(models.Model):
    """A participant finished a module (and ticked checklist items)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    checked_items = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_progress_once")
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.module}"


class ModuleFeedback(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version_label = models.CharField(_("programme version"), max_length=40)
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module feedback")
        verbose_name_plural = _("module feedback")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "user", "version_label"], name="module_feedback_once"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="module_feedback_rating_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.module}: {self.rating}"
