from django.contrib import admin
from django.db import transaction

from voneinander.admissions.models import Application
from voneinander.audit.admin_mixins import AuditedDeletionAdmin


@admin.register(Application)
class ApplicationAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    """Applications for reading: decisions are made on the platform, where they are audited.

    There is no "add" page (applications come with a checked letter through the
    form) and no field can be changed; deleting is possible and audited.
    """

    list_display = ["municipality", "network", "state", "applicant", "submitted_at", "decided_at"]
    list_filter = ["state", "network"]
    search_fields = ["municipality__name", "applicant__email"]
    list_select_related = ["municipality", "network", "applicant"]
    date_hierarchy = "submitted_at"

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _delete_files_on_commit([obj])

    def delete_queryset(self, request, queryset):
        applications = list(queryset)
        super().delete_queryset(request, queryset)
        _delete_files_on_commit(applications)


def _delete_files_on_commit(applications) -> None:
    """A deleted application takes its letter and notice along (they hold personal data)."""
    names = [
        (field.storage, field.name)
        for application in applications
        for field in (application.letter, application.notice)
        if field and field.name
    ]

    def delete():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete)
