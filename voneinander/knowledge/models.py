"""The solutions catalogue (Praxisbeispiele), reuse, brokering and alliances.

A solution belongs to the municipality that runs it (its owner) and is documented
in the catalogue of one network. The catalogue is public unless a solution is
marked internal to its network's members. Adoptions record that another
municipality reuses it. Contact requests are the Transferstelle's brokering
workflow; alliances are joint projects of several municipalities.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.Model):
    """One entry of the controlled, editable vocabulary of Handlungsfelder and topics.

    Shared by solutions, working groups, questions, surveys and the topic backlog.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_field = models.BooleanField(
        _("Handlungsfeld"),
        default=False,
        help_text=_("A broad field of action rather than a narrow topic."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SolutionStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    PILOT = "pilot", _("Pilot")
    OPERATION = "operation", _("In operation")
    DISCONTINUED = "discontinued", _("Discontinued")


class SolutionVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Members of the network")


class Solution(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    summary = models.CharField(_("short summary"), max_length=400)
    problem = models.TextField(_("the problem it solves"), blank=True)
    what_it_is = models.TextField(_("what it is"), blank=True)
    benefits = models.TextField(_("what a municipality gains"), blank=True)
    how_it_works = models.TextField(_("how it works"), blank=True)
    suits = models.TextField(_("which municipalities it suits"), blank=True)
    description = models.TextField(
        _("full description"), blank=True, help_text=_("Markdown: headings, lists, links.")
    )
    topics = models.ManyToManyField(
        Topic, related_name="solutions", verbose_name=_("Handlungsfelder and topics"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SolutionStatus.choices, default=SolutionStatus.IDEA
    )
    discontinued_reason = models.TextField(_("why it was discontinued"), blank=True)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="solutions",
        verbose_name=_("network"),
    )
    owner = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="owned_solutions",
        verbose_name=_("municipality"),
    )
    partners = models.ManyToManyField(
        "municipalities.Municipality",
        related_name="partner_solutions",
        verbose_name=_("partner municipalities"),
        blank=True,
    )
    visibility = models.CharField(
        _("visible to"),
        max_length=10,
        choices=SolutionVisibility.choices,
        default=SolutionVisibility.PUBLIC,
    )
    costs_one_off_min = models.PositiveIntegerField(
        _("one-off costs from (EUR)"), null=True, blank=True
    )
    costs_one_off_max = models.PositiveIntegerField(
        _("one-off costs to (EUR)"), null=True, blank=True
    )
    costs_yearly_min = models.PositiveIntegerField(
        _("yearly costs from (EUR)"), null=True, blank=True
    )
    costs_yearly_max = models.PositiveIntegerField(
        _("yearly costs to (EUR)"), null=True, blank=True
    )
    funding_source = models.CharField(_("funding"), max_length=200, blank=True)
    duration = models.CharField(
        _("duration"), max_length=100, blank=True, help_text=_("e.g. “6 months to the pilot”")
    )
    staff_effort = models.CharField(
        _("staff effort"), max_length=200, blank=True, help_text=_("e.g. “2 days a month”")
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solutions_as_contact",
        verbose_name=_("contact person"),
    )
    website = models.URLField(_("website"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_duplicates",
        verbose_name=_("merged into"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["-featured", "title"]
        indexes = [
            models.Index(fields=["network", "status"]),
            models.Index(fields=["owner"]),
            models.Index(fields=["-updated_at"]),
            # bench indexes (docs/performance.md "Indexes"): the catalogue's order over
            # active solutions (also the featured ones of the start page), and its count.
            models.Index(
                fields=["-featured", "title", "id"],
                condition=Q(archived_at__isnull=True, merged_into__isnull=True),
                name="solution_catalogue_order",
            ),
            models.Index(
                fields=["visibility"],
                condition=Q(archived_at__isnull=True, merged_into__isnull=True),
                name="solution_active_visibility",
            ),
            # The API's list (/api/v1/solutions/) pages by title.
            models.Index(
                fields=["title", "id"],
                condition=Q(archived_at__isnull=True, merged_into__isnull=True),
                name="solution_active_title",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(costs_one_off_min__isnull=True)
                | Q(costs_one_off_max__isnull=True)
                | Q(costs_one_off_min__lte=models.F("costs_one_off_max")),
                name="solution_one_off_range",
            ),
            models.CheckConstraint(
                condition=Q(costs_yearly_min__isnull=True)
                | Q(costs_yearly_max__isnull=True)
                | Q(costs_yearly_min__lte=models.F("costs_yearly_max")),
                name="solution_yearly_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:solution", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        return self.archived_at is None and self.merged_into_id is None


class Software(models.Model):
    """A piece of software a solution uses."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="software", verbose_name=_("solution")
    )
    name = models.CharField(_("name"), max_length=150)
    licence = models.CharField(
        _("licence"), max_length=80, blank=True, help_text=_("SPDX identifier, e.g. EUPL-1.2")
    )
    is_open_source = models.BooleanField(_("open source"), default=False)
    repository_url = models.URLField(_("code repository"), blank=True)
    website = models.URLField(_("website"), blank=True)
    vendor = models.CharField(_("vendor"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("software")
        verbose_name_plural = _("software")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SolutionFileKind(models.TextChoices):
    ATTACHMENT = "attachment", _("Attachment")
    IMAGE = "image", _("Image")


def solution_file_path(instance, filename: str) -> str:
    """Stored under a generated name; the original name is kept in `original_name`."""
    import uuid

    return f"solutions/{uuid.uuid4().hex}"


class SolutionFile(models.Model):
    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="files", verbose_name=_("solution")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SolutionFileKind.choices)
    file = models.FileField(_("file"), upload_to=solution_file_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("alternative text"), max_length=300, blank=True, help_text=_("Required for images.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="image") | ~Q(alt_text=""), name="solution_image_needs_alt"
            )
        ]

    def __str__(self):
        return self.title


class SolutionRevision(models.Model):
    """One entry of a solution's history of changes (who, when, which fields, the values)."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("solution")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed = models.JSONField(_("changed fields"), default=dict, help_text=_("field → [old, new]"))

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("history of changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.solution} ({self.created_at:%Y-%m-%d %H:%M})"


class AdoptionStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    ADOPTING = "adopting", _("We are adopting this")
    IN_USE = "in_use", _("We use this too")
    STOPPED = "stopped", _("Stopped")


class Adoption(models.Model):
    """A municipality reuses a solution (the heart of the platform)."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("solution")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AdoptionStatus.choices, default=AdoptionStatus.ADOPTING
    )
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    report = models.TextField(
        _("experience report"),
        blank=True,
        help_text=_("What went well, what would you do differently?"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions_as_contact",
        verbose_name=_("contact person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "municipality"], name="one_adoption_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(started_on__lte=models.F("ended_on")),
                name="adoption_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.municipality} – {self.solution}"


class AllianceStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended")


class Alliance(models.Model):
    """A joint project of several municipalities (Kooperation / Allianz)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="alliances",
        verbose_name=_("network"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AllianceStatus.choices, default=AllianceStatus.FORMING
    )
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alliances",
        verbose_name=_("solution"),
    )
    partners = models.ManyToManyField(
        "municipalities.Municipality",
        through="AlliancePartner",
        related_name="alliances",
        verbose_name=_("partners"),
    )
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class AlliancePartner(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="partner_links")
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alliance", "municipality"], name="one_partner_entry")
        ]

    def __str__(self):
        return f"{self.municipality} – {self.alliance}"


class RequestKind(models.TextChoices):
    CONTACT = "contact", _("A municipality that has done this")
    EXPERT = "expert", _("An expert")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUGGESTED = "suggested", _("Matches suggested")
    INTRODUCED = "introduced", _("Introduced")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ContactRequest(models.Model):
    """A member asks the Transferstelle for a contact or an expert."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="contact_requests",
        verbose_name=_("network"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("asked by"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="contact_requests",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("looking for"), max_length=10, choices=RequestKind.choices)
    challenge = models.TextField(_("challenge"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    outcome_note = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self):
        return f"{self.municipality}: {self.challenge[:60]}"


class ConsentState(models.TextChoices):
    PENDING = "pending", _("Not yet asked")
    ASKED = "asked", _("Asked")
    GIVEN = "given", _("Agreed")
    REFUSED = "refused", _("Declined")


class Outcome(models.TextChoices):
    NONE = "", _("Not yet known")
    CONTACT_MADE = "contact_made", _("Contact made")
    JOINT_PROJECT = "joint_project", _("Joint project / alliance formed")
    NO_CONTACT = "no_contact", _("No contact came about")


class Introduction(models.Model):
    """A match the coordinator suggests for a request, and how it went.

    Both sides must agree before the e-mail introducing them goes out.
    """

    request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="introductions"
    )
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solution"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="introductions_as_contact",
        verbose_name=_("contact person or expert"),
    )
    note = models.TextField(_("note from the coordinator"), blank=True)
    requester_consent = models.CharField(
        max_length=10, choices=ConsentState.choices, default=ConsentState.PENDING
    )
    contact_consent = models.CharField(
        max_length=10, choices=ConsentState.choices, default=ConsentState.PENDING
    )
    introduced_at = models.DateTimeField(_("introduced"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default="", blank=True
    )
    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alliance"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("brokering", "introduction")
        verbose_name_plural = pgettext_lazy("brokering", "introductions")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "contact"], name="one_introduction_per_contact"
            )
        ]

    def __str__(self):
        return f"{self.request} → {self.contact}"
