from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from voneinander.accounts.models import User
from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.audit.services import record_event

_AUDITED_FLAGS = {
    "is_staff": "role.staff_changed",
    "is_superuser": "role.superuser_changed",
    "is_active": "role.active_changed",
}


@admin.register(User)
class UserAdmin(AuditedDeletionAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "municipality", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["municipality"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "position",
                    "organisation",
                    "municipality",
                    "phone",
                    "contact_visibility",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for flag, action in _AUDITED_FLAGS.items():
            if flag in form.changed_data:
                record_event(
                    actor=request.user,
                    action=action,
                    target=obj,
                    data={flag: getattr(obj, flag)},
                )
