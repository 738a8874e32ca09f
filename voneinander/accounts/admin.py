from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from voneinander.accounts import sessions
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
    actions = ["anonymise_accounts"]

    # No hard delete (delete view, "delete selected"): it would skip the last-admin check,
    # cascade into attendance figures and keep the e-mail address in the audit log.
    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # Privacy (issue 9): an admin deletes an account the way the person can themselves,
    # by anonymising it (accounts/privacy_erasure.py); the last admin is refused.
    @admin.action(description=_("Delete selected accounts (anonymise)"))
    def anonymise_accounts(self, request, queryset):
        from django.core.exceptions import ValidationError
        from django.utils.translation import ngettext

        from voneinander.accounts.privacy_erasure import delete_account

        done = 0
        for user in queryset:
            try:
                delete_account(user=user, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{user}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            message = ngettext(
                "%(count)d account anonymised.", "%(count)d accounts anonymised.", done
            )
            self.message_user(request, message % {"count": done}, messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Deactivated: signed out everywhere and its API tokens revoked at once.
            sessions.end_sessions(obj)
            sessions.revoke_tokens(obj)
        for flag, action in _AUDITED_FLAGS.items():
            if flag in form.changed_data:
                record_event(
                    actor=request.user,
                    action=action,
                    target=obj,
                    data={flag: getattr(obj, flag)},
                )
