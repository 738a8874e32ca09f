"""A small per-IP counter for forms anyone may send (core/ratelimits.py)."""

from allauth.account.adapter import get_adapter

from voneinander.core import ratelimits

BARRIER_REPORTS_PER_HOUR = 5
WINDOW_SECONDS = 60 * 60


def _key(request) -> str:
    # The same client address as the sign-in rate limits (honours trusted proxies).
    return f"pages:barrier-reports:{get_adapter(request).get_client_ip(request)}"


def take_barrier_report_slot(request) -> bool:
    """Count this report and say whether it is within the limit (the 6th in an hour is not).

    One atomic step: a check followed by a separate count would let parallel requests
    on several app servers all pass the check.
    """
    return ratelimits.hit(_key(request), WINDOW_SECONDS).count <= BARRIER_REPORTS_PER_HOUR
