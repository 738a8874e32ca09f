from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.audit.services import record_event
from voneinander.pages.models import BarrierReport, Page
from voneinander.pages.selectors import forget_footer_links


@admin.register(Page)
class PageAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "network", "slug", "show_in_footer", "updated_at"]
    list_filter = ["kind", "show_in_footer", "network"]
    search_fields = ["title", "slug", "body"]
    readonly_fields = ["updated_by", "updated_at"]
    list_select_related = ["network"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            action="page.changed" if change else "page.created",
            target=obj,
            data={"fields": list(form.changed_data), "admin": True},
        )
        forget_footer_links()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_footer_links()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_footer_links()


@admin.register(BarrierReport)
class BarrierReportAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["__str__", "status", "created_at", "handled_by"]
    list_filter = ["status"]
    search_fields = ["description", "page_url", "name", "email"]
    readonly_fields = ["reporter", "created_at", "updated_at"]
    raw_id_fields = ["handled_by"]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            record_event(
                actor=request.user,
                action="barrier_report.changed",
                target=obj,
                data={"fields": list(form.changed_data), "admin": True},
            )
