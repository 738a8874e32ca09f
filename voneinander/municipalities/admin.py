from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.municipalities.models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "ags", "population", "parent"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "official_name", "ags", "ars"]
    readonly_fields = ["import_source"]
    autocomplete_fields = ["parent"]
