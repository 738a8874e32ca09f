"""Admin for news. Pictures, attachments and videos are only shown here: uploads
are checked by content on the platform's own pages."""

from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.news.models import NewsAttachment, NewsImage, NewsItem, NewsVideo


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NewsImageInline(_ReadOnlyInline):
    model = NewsImage
    fields = ["position", "alt_text", "caption", "credit", "content_type", "size"]
    readonly_fields = fields


class NewsAttachmentInline(_ReadOnlyInline):
    model = NewsAttachment
    fields = ["title", "original_name", "content_type", "size"]
    readonly_fields = fields


class NewsVideoInline(_ReadOnlyInline):
    model = NewsVideo
    fields = ["title", "content_type", "size", "captions_language"]
    readonly_fields = fields


@admin.register(NewsItem)
class NewsItemAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "published_at", "author", "notified_at"]
    list_filter = ["network", "published_at"]
    search_fields = ["title", "teaser", "slug"]
    date_hierarchy = "published_at"
    raw_id_fields = ["author", "membership", "municipalities", "events", "solutions"]
    filter_horizontal = ["topics"]
    readonly_fields = ["notified_at", "created_at", "updated_at"]
    inlines = [NewsImageInline, NewsAttachmentInline, NewsVideoInline]
