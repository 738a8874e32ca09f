"""Admin for comments: to look things up and delete; moderation itself happens in the
moderation queue (services), where it is audited and the author is told."""

from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.comments.models import Comment, CommentBlock, CommentReport


class ReadAndDeleteAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    """No add page and no changes; deleting is possible and audited."""

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    fields = ["reporter", "reason", "created_at", "resolved_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadAndDeleteAdmin):
    list_display = ["__str__", "author", "network", "status", "created_at"]
    list_filter = ["status", "network"]
    search_fields = ["text", "author__email"]
    list_select_related = ["author", "network"]
    fields = [
        "news",
        "solution",
        "network",
        "author",
        "text",
        "status",
        "hidden_reason",
        "moderated_by",
        "moderated_at",
        "created_at",
        "edited_at",
    ]
    readonly_fields = fields
    inlines = [CommentReportInline]


@admin.register(CommentBlock)
class CommentBlockAdmin(ReadAndDeleteAdmin):
    list_display = ["user", "network", "reason", "blocked_by", "created_at"]
    list_filter = ["network"]
    search_fields = ["user__email", "reason"]
    list_select_related = ["user", "network", "blocked_by"]
    fields = ["user", "network", "reason", "blocked_by", "created_at"]
    readonly_fields = fields
