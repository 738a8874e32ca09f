"""Admin for working groups; deletions are audited.

This is where platform admins look into a private group's space (the site
does not show it to them). Memberships and the space's contents are only read
(and deleted) here: the lead rule, join decisions and upload checks live in the
services.
"""

from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.workinggroups.models import (
    Discussion,
    Document,
    DocumentVersion,
    GroupMember,
    Post,
    Result,
    WorkingGroup,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadAndDeleteAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    """No add page and no changes; deleting is possible and audited."""

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GroupMemberInline(ReadOnlyInline):
    model = GroupMember
    fields = ["user", "role", "status", "message", "requested_at", "joined_at", "left_at"]
    readonly_fields = fields


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "topic", "is_private", "archived_at"]
    list_filter = ["is_private", "network"]
    search_fields = ["title", "description", "slug"]
    readonly_fields = ["network", "slug", "created_by", "created_at"]
    fields = [
        "title",
        "slug",
        "network",
        "shared_with",
        "topic",
        "description",
        "is_private",
        "archived_at",
        "created_by",
        "created_at",
    ]
    inlines = [GroupMemberInline]

    def get_urls(self):
        # New groups need a lead: they are created on the site.
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False


class PostInline(ReadOnlyInline):
    model = Post
    fields = ["author", "created_at", "text"]
    readonly_fields = fields


@admin.register(Discussion)
class DiscussionAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "group", "author", "last_post_at"]
    list_filter = ["group"]
    search_fields = ["title", "posts__text"]
    inlines = [PostInline]


class VersionInline(ReadOnlyInline):
    model = DocumentVersion
    fields = ["number", "original_name", "content_type", "size", "comment", "uploaded_by"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "group", "folder", "updated_at"]
    list_filter = ["group"]
    search_fields = ["title", "description"]
    inlines = [VersionInline]


@admin.register(Result)
class ResultAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "group", "published_on"]
    list_filter = ["group"]
    search_fields = ["title", "text"]
