"""The actions the audit log knows, with their human-readable names."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "auth.login": _("Signed in"),
    "auth.login_failed": _("Failed sign-in"),
    "auth.logout": _("Signed out"),
    "auth.password_changed": _("Password changed"),
    "auth.password_reset": _("Password reset"),
    "mfa.added": _("Two-factor method added"),
    "mfa.removed": _("Two-factor method removed"),
    "mfa.reset": _("Recovery codes regenerated"),
    "role.coordinator_added": _("Coordinator added"),
    "role.coordinator_removed": _("Coordinator removed"),
    "role.staff_changed": _("Staff status changed"),
    "role.superuser_changed": _("Admin status changed"),
    "role.active_changed": _("Account (de)activated"),
    "object.deleted": _("Object deleted"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))
