from django.contrib import admin

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.networks.models import ContactPerson, Membership, Network, NetworkCoordinator


class CoordinatorInline(admin.TabularInline):
    model = NetworkCoordinator
    fk_name = "network"
    autocomplete_fields = ["user"]
    exclude = ["added_by"]
    extra = 0


@admin.register(Network)
class NetworkAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "operator"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [CoordinatorInline]


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Membership)
class MembershipAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["municipality", "network", "role", "status", "member_since"]
    list_filter = ["network", "role", "status"]
    search_fields = ["municipality__name"]
    autocomplete_fields = ["municipality"]
    inlines = [ContactPersonInline]
