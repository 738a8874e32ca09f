"""A small per-IP counter in the shared cache, for forms anyone may send."""

from allauth.account.adapter import get_adapter
from django.core.cache import cache

BARRIER_REPORTS_PER_HOUR = 5
WINDOW_SECONDS = 60 * 60


def _key(request) -> str:
    # The same client address as the sign-in rate limits (honours trusted proxies).
    return f"pages:barrier-reports:{get_adapter(request).get_client_ip(request)}"


def barrier_report_allowed(request) -> bool:
    return (cache.get(_key(request)) or 0) < BARRIER_REPORTS_PER_HOUR


def count_barrier_report(request) -> None:
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
