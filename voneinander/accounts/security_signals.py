"""Sign-ins, failed sign-ins, sign-outs and failed second factors in the security log.

Django's auth signals cover every way in (allauth's login form, the admin,
`force_login` in tests); allauth's MFA signal covers a wrong TOTP or recovery
code. What a person typed is never logged: a failed sign-in names the attempted
address only as a keyed hash (see voneinander/core/security_log.py).
"""

from __future__ import annotations

import logging

from allauth.mfa.signals import authentication_failed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from voneinander.core.security_log import email_hash, security_event


@receiver(user_logged_in, dispatch_uid="voneinander.security.login")
def log_login(sender, request, user, **kwargs):
    security_event("login", request=request, user=user)


@receiver(user_logged_out, dispatch_uid="voneinander.security.logout")
def log_logout(sender, request, user, **kwargs):
    security_event("logout", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="voneinander.security.login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password by stars; we keep only a hash of the address.
    attempted = credentials.get("email") or credentials.get("username") or ""
    security_event(
        "login_failed",
        request=request,
        level=logging.WARNING,
        email_hash=email_hash(attempted if isinstance(attempted, str) else ""),
    )


@receiver(authentication_failed, dispatch_uid="voneinander.security.mfa_failed")
def log_mfa_failed(sender, request, user, authenticator, **kwargs):
    security_event(
        "mfa_failed",
        request=request,
        user=user,
        level=logging.WARNING,
        authenticator=getattr(authenticator, "type", ""),
        reauthentication=bool(kwargs.get("reauthentication", False)),
    )
