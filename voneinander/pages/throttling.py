"""A small per-IP counter for forms anyone may send (core/ratelimits.py)."""

from allauth.account.adapter import get_adapter

from voneinander.core import ratelimits

BARRIER_REPORTS_PER_HOUR = 5
WINDOW_SECONDS = 60 * 60


def _key(request) -> str:
    # The same client address as the sign-in rate limits (honours trusted proxies).
    return f"pages:barrier-reports:{get_adapter(request).get_client_ip(request)}"


def barrier_report_allowed(request) -> bool:
    return ratelimits.peek(_key(request), WINDOW_SECONDS) < BARRIER_REPORTS_PER_HOUR


def count_barrier_report(request) -> None:
    ratelimits.hit(_key(request), WINDOW_SECONDS)
