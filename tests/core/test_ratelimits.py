"""Rate-limit windows count atomically, also from several app processes."""

import time
from pathlib import Path

import pytest

from tests.events.test_concurrency import BACKENDS, ProbeDatabase
from voneinander.core import ratelimits
from voneinander.core.models import RateCounter

PROBE = Path(__file__).with_name("ratelimit_probe.py")


@pytest.fixture(autouse=True)
def _database_cache(settings):
    """Count as production does without Redis (the tests' cache is per process)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "voneinander_cache",
        }
    }


@pytest.fixture
def start():
    return (int(time.time()) // 60 + 5) * 60  # the start of a future minute window


def test_ratelimit_counts_hits_in_one_window(db, start):
    counts = [ratelimits.hit("k", 60, now=start + second).count for second in range(3)]

    assert counts == [1, 2, 3]
    assert ratelimits.peek("k", 60, now=start + 59) == 3


def test_ratelimit_new_window_starts_at_one_and_drops_ended_windows(db, start):
    ratelimits.hit("k", 60, now=start)
    ratelimits.hit("other", 60, now=start)
    RateCounter.objects.update(expires_at="2000-01-01T00:00:00Z")

    later = ratelimits.hit("k", 60, now=start + 60)

    assert later.count == 1
    assert later.seconds_left == 60
    assert list(RateCounter.objects.values_list("key", "count")) == [("k", 1)]


def test_ratelimit_keys_count_separately(db, start):
    ratelimits.hit("a", 60, now=start)

    assert ratelimits.hit("b", 60, now=start).count == 1
    assert ratelimits.peek("c", 60, now=start) == 0
    assert RateCounter.objects.count() == 2


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_ratelimit_hits_from_two_processes_at_once_each_get_their_own_count(
    backend, tmp_path, monkeypatch
):
    monkeypatch.setattr("tests.events.test_concurrency.PROBE", PROBE)
    with ProbeDatabase(backend, tmp_path) as probe:
        probe.run("setup")
        start_at = time.time() + 6
        results = probe.in_parallel(("hit", "rush", 15, start_at), ("hit", "rush", 15, start_at))

    assert [error for result in results for error in result["errors"]] == []
    counts = sorted(count for result in results for count in result["counts"])
    assert counts == list(range(1, 31))


def test_ratelimit_with_a_per_process_cache_counts_in_the_cache(db, start, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    counts = [ratelimits.hit("k", 60, now=start).count for _ in range(3)]

    assert counts == [1, 2, 3]
    assert not RateCounter.objects.exists()
