from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.audit.services import record_event
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

    def save_formset(self, request, form, formset, change):
        """Coordinator changes in the admin are role changes: audit them too."""
        if formset.model is not NetworkCoordinator:
            return super().save_formset(request, form, formset, change)
        roles = formset.save(commit=False)
        for role in formset.deleted_objects:
            record_event(
                actor=request.user,
                action="role.coordinator_removed",
                target=form.instance,
                data={"user_id": role.user_id, "user": role.user.email},
            )
            role.delete()
        for role in roles:
            is_new = role.pk is None
            if is_new:
                role.added_by = request.user
            role.save()
            if is_new:
                record_event(
                    actor=request.user,
                    action="role.coordinator_added",
                    target=form.instance,
                    data={"user_id": role.user_id, "user": role.user.email},
                )
        formset.save_m2m()


class ContactPersonFormSet(BaseInlineFormSet):
    def clean(self):
        """One primary contact, checked across the rows (the database would refuse two)."""
        super().clean()
        primaries = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_primary") and not form.cleaned_data.get("DELETE")
        ]
        if len(primaries) > 1:
            raise ValidationError(_("Only one contact person can be the primary contact."))


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    formset = ContactPersonFormSet
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Membership)
class MembershipAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["municipality", "network", "role", "status", "member_since"]
    list_filter = ["network", "role", "status"]
    search_fields = ["municipality__name"]
    autocomplete_fields = ["municipality"]
    inlines = [ContactPersonInline]

    def save_formset(self, request, form, formset, change):
        """Contact persons are a role: changes in the admin are audited as well."""
        if formset.model is not ContactPerson:
            return super().save_formset(request, form, formset, change)
        contacts = formset.save(commit=False)
        for contact in formset.deleted_objects:
            record_event(
                actor=request.user,
                action="role.contact_removed",
                target=form.instance,
                data={"user_id": contact.user_id, "user": contact.user.email},
            )
            contact.delete()
        # Clear the old primary first: the database allows one primary at every step.
        for contact in sorted(contacts, key=lambda contact: contact.is_primary):
            is_new = contact.pk is None
            contact.save()
            if is_new:
                record_event(
                    actor=request.user,
                    action="role.contact_added",
                    target=form.instance,
                    data={
                        "user_id": contact.user_id,
                        "user": contact.user.email,
                        "primary": contact.is_primary,
                    },
                )
        formset.save_m2m()
