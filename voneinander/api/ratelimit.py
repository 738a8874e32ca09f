"""Rate limits of the API: fixed windows counted atomically (core/ratelimits.py).

The counts are shared by every app process (Redis or the database),
so a limit holds across processes. Buckets (settings.API_RATE_LIMITS, per
API_RATE_LIMIT_WINDOW seconds):
- "anonymous": reads without a token, per client IP;
- "token": reads with a token (per token) or a browser session (per person);
- "write": unsafe methods, per token;
- "refused": requests whose token was missing (where one is needed), wrong,
  revoked or expired, per client IP (the limit defaults to "anonymous"), so
  that a flood of bad tokens gets 429 instead of a token lookup and a 401 each
  time without end.

`check(request)` is called by the authentication (voneinander/api/auth.py)
once it knows who calls, `check_refused(request)` before it answers 401; over
the limit they raise `RateLimitedError` (429 with Retry-After).
`add_headers(request, response)` puts RateLimit-Limit, RateLimit-Remaining and
RateLimit-Reset (seconds) on every answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from voneinander.api.errors import ApiError
from voneinander.core import ratelimits

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends


class RateLimitedError(ApiError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many requests. Please wait before you try again.")


def client_ip(request) -> str:
    """The client's address as the login rate limits see it (allauth's proxy settings)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # no usable address: count these together
        return request.META.get("REMOTE_ADDR") or "unknown"


def _bucket(request) -> tuple[str, str]:
    token = getattr(request, "api_token", None)
    if request.method not in SAFE_METHODS:
        who = f"t{token.pk}" if token else f"ip{client_ip(request)}"
        return "write", who
    if token is not None:
        return "token", f"t{token.pk}"
    if request.user.is_authenticated:
        return "token", f"u{request.user.pk}"
    return "anonymous", f"ip{client_ip(request)}"


def check(request) -> Quota:
    """Count this request; raise RateLimitedError when its bucket is used up."""
    bucket, who = _bucket(request)
    return _count(request, bucket, who, settings.API_RATE_LIMITS[bucket])


def check_refused(request) -> Quota:
    """Count a request about to be refused with 401, per client IP (see the module docs)."""
    limits = settings.API_RATE_LIMITS
    limit = limits.get("refused", limits["anonymous"])
    return _count(request, "refused", f"ip{client_ip(request)}", limit)


def _count(request, bucket: str, who: str, limit: int) -> Quota:
    counted = ratelimits.hit(f"api:{bucket}:{who}", settings.API_RATE_LIMIT_WINDOW)
    used = counted.count
    reset = max(1, math.ceil(counted.seconds_left))
    quota = Quota(limit=limit, remaining=max(0, limit - used), reset=reset)
    request.rate_quota = quota
    if used > limit:
        raise RateLimitedError(
            _("Too many requests. Please wait %(seconds)s seconds.") % {"seconds": reset},
            headers={"Retry-After": str(reset)},
        )
    return quota


def add_headers(request, response) -> None:
    quota = getattr(request, "rate_quota", None)
    if quota is None:
        return
    response["RateLimit-Limit"] = str(quota.limit)
    response["RateLimit-Remaining"] = str(quota.remaining)
    response["RateLimit-Reset"] = str(quota.reset)
