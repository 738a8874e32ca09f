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
    "role.contact_added": _("Contact person added"),
    "role.contact_removed": _("Contact person removed"),
    "role.primary_contact_changed": _("Primary contact changed"),
    "network.updated": _("Network details changed"),
    "membership.added": _("Member added"),
    "membership.updated": _("Membership changed"),
    "membership.ended": _("Membership ended"),
    "affiliation.confirmed": _("Affiliation confirmed"),
    "affiliation.rejected": _("Affiliation rejected"),
    "role.active_changed": _("Account (de)activated"),
    "admission.submitted": _("Membership application submitted"),
    "admission.review_started": _("Review of a membership application started"),
    "admission.admitted": _("Membership application admitted"),
    "admission.declined": _("Membership application declined"),
    "admission.withdrawn": _("Membership application withdrawn"),
    "admission.notice_sent": _("Admission notice sent"),
    "account.invited": _("Account created by invitation"),
    "object.deleted": _("Object deleted"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))
