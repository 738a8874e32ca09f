"""Ending a person's sessions and API tokens, e.g. when an admin deactivates them.

Django already refuses an inactive user on the next request (ModelBackend.get_user
returns None for `is_active=False`, so the old cookie reads as anonymous) and the
API refuses tokens of inactive users (api/auth.py). Deleting the sessions and
revoking the tokens as well makes that independent of the backend in use and of
a later re-activation: a person who is deactivated and activated again must
sign in anew and create new tokens.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from voneinander.audit.services import record_event


def end_sessions(user, *, keep: str | None = None) -> int:
    """Delete every unexpired session signed in as `user` (except the key `keep`).

    Sessions store the user id only inside their encoded data, so every live
    session is decoded; deactivating is rare enough for that.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep)
    for session in live.iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == user_id:
            # Through the store, so that a cached copy (cached_db) goes as well.
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def revoke_tokens(user) -> int:
    from voneinander.api.models import ApiToken

    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def deactivate_user(*, user, by) -> object:
    """Lock a person out at once: inactive, signed out everywhere, tokens revoked."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record_event(actor=by, action="role.active_changed", target=user, data={"is_active": False})
        revoke_tokens(user)
    end_sessions(user)
    return user
