"""Audit entries for events raised by Django and allauth.

These receivers only record; they hold no business logic.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from voneinander.audit.services import record_event


@receiver(auth_signals.user_logged_in)
def on_login(sender, request, user, **kwargs):
    record_event(actor=user, action="auth.login", target=user)


@receiver(auth_signals.user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(actor=user, action="auth.logout", target=user)


@receiver(auth_signals.user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Never the password: only the address that was tried.
    record_event(
        actor=None, action="auth.login_failed", data={"email": str(credentials.get("email", ""))}
    )


@receiver(account_signals.password_changed)
def on_password_changed(sender, request, user, **kwargs):
    record_event(actor=user, action="auth.password_changed", target=user)


@receiver(account_signals.password_reset)
def on_password_reset(sender, request, user, **kwargs):
    record_event(actor=user, action="auth.password_reset", target=user)


@receiver(mfa_signals.authenticator_added)
def on_mfa_added(sender, request, user, authenticator, **kwargs):
    record_event(actor=user, action="mfa.added", target=user, data={"type": authenticator.type})


@receiver(mfa_signals.authenticator_removed)
def on_mfa_removed(sender, request, user, authenticator, **kwargs):
    record_event(actor=user, action="mfa.removed", target=user, data={"type": authenticator.type})


@receiver(mfa_signals.authenticator_reset)
def on_mfa_reset(sender, request, user, authenticator, **kwargs):
    record_event(actor=user, action="mfa.reset", target=user, data={"type": authenticator.type})
