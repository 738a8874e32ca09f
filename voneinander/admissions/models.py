import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    ADMITTED = "admitted", _("admitted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_STATES = (ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW)


def letter_path(instance, filename: str) -> str:
    # A random name: the path reveals neither the municipality nor the upload's name.
    return f"admissions/letters/{uuid.uuid4().hex}.pdf"


def notice_path(instance, filename: str) -> str:
    return f"admissions/notices/{uuid.uuid4().hex}.pdf"


class Application(models.Model):
    """A municipality applies for membership in a network; the coordinators decide."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="membership_applications",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
    )
    letter = models.FileField(_("letter from the mayor"), upload_to=letter_path, max_length=200)
    letter_name = models.CharField(_("file name of the letter"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    topics = models.JSONField(_("topic interests"), default=list, blank=True)
    applicant_is_contact = models.BooleanField(_("applicant is the primary contact"), default=True)
    # Further contact persons as named in the form: [{"name", "email", "position"}].
    # They become accounts and ContactPerson rows only on admission.
    contacts = models.JSONField(_("further contact persons"), default=list, blank=True)

    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    review_started_at = models.DateTimeField(_("review started at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    membership = models.ForeignKey(
        "networks.Membership",
        verbose_name=_("membership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    notice = models.FileField(
        _("admission notice"), upload_to=notice_path, max_length=200, blank=True
    )
    notice_sent_at = models.DateTimeField(_("admission notice sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality"],
                condition=Q(state__in=["submitted", "in_review"]),
                name="one_open_application_per_network",
                violation_error_message=_(
                    "There is already an open application of this municipality for this network."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decision_reason=""),
                name="declined_application_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["network", "state"])]

    def __str__(self):
        return f"{self.municipality} → {self.network.short_name}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES
