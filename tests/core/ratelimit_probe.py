"""One app process counting rate-limit hits, for tests/core/test_ratelimits.py.

Usage:
  ratelimit_probe.py setup                       migrate
  ratelimit_probe.py hit KEY THREADS START_AT    THREADS hits on KEY at once

Prints one JSON object: the counts each hit got back. Runs with the
development settings (the database cache: counts go to core.RateCounter).
"""

import json
import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from voneinander.core import ratelimits  # noqa: E402

WINDOW = 3600


def hit(key: str, threads: int, start_at: float) -> dict:
    counts: list[int] = []
    errors: list[str] = []
    ready = threading.Barrier(threads)

    def one():
        ready.wait()
        time.sleep(max(0.0, start_at - time.time()))
        try:
            counts.append(ratelimits.hit(key, WINDOW).count)
        except Exception as error:  # reported, and the test fails on it
            errors.append(repr(error))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"counts": counts, "errors": errors}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "setup":
        call_command("migrate", verbosity=0)
        result = {"ok": True}
    else:
        result = hit(args[0], int(args[1]), float(args[2]))
    print(json.dumps(result))
