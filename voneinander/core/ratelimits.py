"""Fixed-window counters for rate limits that hold across app processes.

`hit(key, window)` adds one to the current window of `key` and returns the
new count, atomically for every process that shares the cache or database:

- With Redis (or memcached) as the shared cache, `add` + `incr` are single
  server commands; a per-process cache (tests) increments under a lock.
- With Django's database cache, the default in production without Redis,
  `incr` is a read followed by a write, so parallel requests on several app
  servers could all read the same old count. The count is then kept
  in `core.RateCounter`: a conditional ``UPDATE … SET count = count + 1``
  whose row stays locked until the transaction ends, and an insert guarded by
  a unique constraint for the first hit of a window.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


@dataclass(frozen=True)
class Window:
    count: int
    start: int
    seconds_left: float


def _in_database() -> bool:
    return settings.CACHES["default"]["BACKEND"] == DATABASE_CACHE


def _window(window: int, now: float | None) -> tuple[float, int]:
    now = time.time() if now is None else now
    return now, int(now // window) * window


def hit(key: str, window: int, *, now: float | None = None) -> Window:
    """Count one event for `key` in its current window of `window` seconds."""
    now, start = _window(window, now)
    if _in_database():
        count = _hit_database(key, start, window)
    else:
        count = _hit_cache(f"rate:{key}:{start}", window)
    return Window(count=count, start=start, seconds_left=start + window - now)


def peek(key: str, window: int, *, now: float | None = None) -> int:
    """The current window's count without adding to it."""
    now, start = _window(window, now)
    if not _in_database():
        return cache.get(f"rate:{key}:{start}") or 0
    from voneinander.core.models import RateCounter

    found = RateCounter.objects.filter(key=key, window_start=start).values_list("count", flat=True)
    return next(iter(found), 0)


def _hit_cache(cache_key: str, window: int) -> int:
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        return cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr
        cache.add(cache_key, 1, timeout=window + 1)
        return 1


def _hit_database(key: str, start: int, window: int) -> int:
    from voneinander.core.models import RateCounter

    rows = RateCounter.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=key,
                        window_start=start,
                        count=1,
                        expires_at=timezone.now() + timedelta(seconds=window + 1),
                    )
            except IntegrityError:  # another process created the window first
                rows.update(count=F("count") + 1)
            else:
                # A new window: drop the ones that have ended (small, indexed).
                RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
                return 1
        # The row stays locked by our update until the transaction ends, so
        # the value read is ours plus everything committed before it.
        return rows.values_list("count", flat=True).get()
