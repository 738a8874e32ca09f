"""Access rules for allauth's views (wrapped with `guard()` in the root URLconf).

Names not listed here are denied: a new allauth view must be classified
before it can be used.
"""

from voneinander.core.access import LOGIN, PUBLIC

_public = [
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    # Login steps that run before the user is signed in.
    "account_confirm_login_code",
    "mfa_authenticate",
]
_signed_in = [
    "account_reauthenticate",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
]
ALLAUTH_RULES = dict.fromkeys(_public, PUBLIC) | dict.fromkeys(_signed_in, LOGIN)
