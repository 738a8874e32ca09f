"""Working groups: per network (or shared with sister networks), public or private.

A private group's space (discussions, documents, meetings, results) is visible to
its active members only — and to nobody else anywhere: pages, search, feeds,
exports, API. `selectors.groups_visible_to()` and `space_visible_to()` are the gate.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voneinander.core.storage_names import CHECKED_EXTENSIONS, random_name


class WorkingGroup(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="working_groups",
        verbose_name=_("network"),
    )
    shared_with = models.ManyToManyField(
        "networks.Network",
        blank=True,
        related_name="shared_working_groups",
        verbose_name=_("shared with sister networks"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    topic = models.ForeignKey(
        "knowledge.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("topic"),
    )
    description = models.TextField(_("description"), blank=True)
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_("Only members see the group's discussions, documents, meetings and results."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workinggroups:detail", kwargs={"slug": self.slug})


class MemberStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class GroupRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class GroupMember(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.REQUESTED
    )
    message = models.TextField(_("message"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_group_membership"),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} in {self.group}"


class Discussion(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="discussions")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_post_at", "-created_at"]

    def __str__(self):
        return self.title


class Post(models.Model):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("text"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.discussion}: {self.text[:60]}"


class Folder(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="folders")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "parent", "name"], name="unique_folder_name"),
        ]

    def __str__(self):
        return self.name


class Document(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="documents")
    folder = models.ForeignKey(
        Folder, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


# Documents may also be plain text (workinggroups/documents.py).
DOCUMENT_EXTENSIONS = CHECKED_EXTENSIONS | {"txt", "md", "csv"}


def document_path(instance, filename: str) -> str:
    return random_name("groups/documents", filename, DOCUMENT_EXTENSIONS)


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    comment = models.CharField(_("what changed"), max_length=300, blank=True)
    text = models.TextField(blank=True, editable=False, help_text="Extracted text for search.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version"),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Result(models.Model):
    """What a group produced: a recommendation, a paper, a decision."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_on"]

    def __str__(self):
        return self.title
