from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from voneinander.accounts.selectors import has_totp, requires_mfa

# Views a person without two-factor authentication may still open: setting it
# up (which may ask to re-enter the password), signing out, and the legal pages.
ALLOWED_WITHOUT_MFA = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "imprint",
    "privacy",
    "accessibility",
}


class RequireMFAMiddleware:
    """Send coordinators and admins without TOTP to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED_WITHOUT_MFA:
            return None
        user = request.user
        if not requires_mfa(user) or has_totp(user):
            return None
        target = reverse("mfa_activate_totp")
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        messages.warning(
            request,
            _("Your role requires two-factor authentication. Please set it up to continue."),
        )
        return redirect(target)
