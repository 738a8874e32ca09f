"""Personal API tokens: create and revoke (the profile's "API-Schlüssel" page)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voneinander.api.models import ApiToken, hash_token, new_raw_token
from voneinander.audit.services import record_event

# A person keeps at most this many active tokens.
MAX_ACTIVE_TOKENS = 20


def create_token(
    *, user, name: str, can_write: bool = False, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and the raw key, which is never stored."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must lie in the future.")})
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
        if active.count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _("You have %(count)s active tokens. Revoke one you no longer need first.")
                % {"count": MAX_ACTIVE_TOKENS}
            )
        raw = new_raw_token()
        token = ApiToken(
            user=user,
            name=name.strip(),
            prefix=raw[:12],
            key_hash=hash_token(raw),
            can_write=can_write,
            expires_at=expires_at,
        )
        token.full_clean()
        token.save()
        record_event(
            actor=user,
            action="api.token_created",
            target=token,
            data={
                "can_write": can_write,
                "expires_at": expires_at.isoformat() if expires_at else None,
            },
        )
    return token, raw


def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke `token` at once; revoking twice changes nothing."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db(fields=["revoked_at"])
        if updated:
            record_event(actor=by, action="api.token_revoked", target=token)
    return token
