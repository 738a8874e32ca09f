"""Who is calling the API.

Every operation names one of two `auth=` values:

- `optional_auth` for public reads. It never rejects an honest caller:
  a personal token (`Authorization: Bearer vnd_…`), else — for safe methods
  only (GET, HEAD, OPTIONS) — the browser session, so the documentation page
  and a signed-in browser can try things out, else anonymous.
- `token_auth` for writes: a token is required (a session is not enough, so
  the API needs no CSRF protection), and unsafe methods need a token that
  may write.

Either way the operation finds
- `request.user`: the token's owner, the session user or `AnonymousUser`;
- `request.api_token`: the `ApiToken` used, or None;
- `request.auth`: the same as `request.user` (ninja's name for it).
A token that is wrong, revoked or expired is always answered with 401 and a
message saying which — also on public reads, so a typo is not silently read as
"anonymous". Operations pass `request.user` to the same selectors and
permission checks as the web views. Once the caller is known, the request is
counted against its rate limit (voneinander/api/ratelimit.py); a request
refused with 401 is counted too, per IP, so a flood of bad tokens gets 429.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.security.http import HttpBearer

from voneinander.api import ratelimit
from voneinander.api.errors import ApiError
from voneinander.api.models import TOKEN_PREFIX, ApiToken, hash_token
from voneinander.core.security_log import security_event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# `last_used_at` is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


class NotAuthenticatedError(ApiError):
    status = 401
    code = "not_authenticated"
    default_message = _("This operation needs a personal API token.")


class InvalidTokenError(ApiError):
    status = 401
    code = "invalid_token"
    default_message = _("The API token is not valid.")


class TokenReadOnlyError(ApiError):
    status = 403
    code = "token_read_only"
    default_message = _(
        "This API token may only read. Create a token that may write in your profile."
    )


# Earlier names, kept for code that imports them.
NotAuthenticated = NotAuthenticatedError
InvalidToken = InvalidTokenError
TokenCannotWrite = TokenReadOnlyError


def _bearer(request: HttpRequest) -> str | None:
    """The token from `Authorization: Bearer …`, '' for a malformed header, None without one."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _sep, value = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return value.strip()


def token_from(raw: str) -> ApiToken:
    """The active token for `raw`; raises InvalidTokenError saying why it is refused."""
    if not raw.startswith(TOKEN_PREFIX):
        raise InvalidTokenError()
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        raise InvalidTokenError()
    now = timezone.now()
    if token.revoked_at is not None:
        raise InvalidTokenError(_("This API token has been revoked."))
    if token.expires_at is not None and token.expires_at <= now:
        raise InvalidTokenError(_("This API token has expired."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _identify(request: HttpRequest, *, token_required: bool):
    try:
        user = _caller(request, token_required=token_required)
    except (InvalidTokenError, NotAuthenticatedError) as error:
        # The reason only: never the token, not even a part of it.
        security_event("api_token_refused", request=request, reason=error.code)
        ratelimit.check_refused(request)  # 429 instead, once the IP used up its quota
        raise
    ratelimit.check(request)
    return user


def _caller(request: HttpRequest, *, token_required: bool):
    raw = _bearer(request)
    if raw == "":
        raise InvalidTokenError(_("Send the token as “Authorization: Bearer vnd_…”."))
    if raw is not None:
        token = token_from(raw)
        request.user = token.user
        request.api_token = token
        return token.user
    request.api_token = None
    if token_required:
        raise NotAuthenticatedError()
    session_user = getattr(request, "user", None)
    if (
        request.method in SAFE_METHODS
        and session_user is not None
        and session_user.is_authenticated
    ):
        return session_user
    request.user = AnonymousUser()
    return request.user


class OptionalAuth(HttpBearer):
    """Token, session (safe methods) or anonymous; documented as a bearer token."""

    def __call__(self, request: HttpRequest):
        return _identify(request, token_required=False)

    def authenticate(self, request: HttpRequest, token: str):  # pragma: no cover - unused
        return None


class TokenAuth(HttpBearer):
    """A valid personal token; for unsafe methods one that may write."""

    def __call__(self, request: HttpRequest):
        user = _identify(request, token_required=True)
        if request.method not in SAFE_METHODS and not request.api_token.can_write:
            security_event("api_token_refused", request=request, reason=TokenReadOnlyError.code)
            raise TokenReadOnlyError()
        return user

    def authenticate(self, request: HttpRequest, token: str):  # pragma: no cover - unused
        return None


optional_auth = [OptionalAuth()]
token_auth = [TokenAuth()]
