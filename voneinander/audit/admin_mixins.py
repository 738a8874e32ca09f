from voneinander.audit.services import record_event


class AuditedDeletionAdmin:
    """Mix into a ModelAdmin: deletions through the admin are audited."""

    def delete_model(self, request, obj):
        record_event(actor=request.user, action="object.deleted", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_event(actor=request.user, action="object.deleted", target=obj)
        super().delete_queryset(request, queryset)
