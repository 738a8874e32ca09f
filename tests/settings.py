"""Settings for the test suite: the real settings with fast, isolated parts."""

import os
import tempfile

os.environ.setdefault("VONEINANDER_ENV", "test")

from voneinander.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Records which URL patterns the suite exercised (see tests/conftest.py).
MIDDLEWARE = [*MIDDLEWARE, "tests.coverage.RouteRecorderMiddleware"]  # noqa: F405
# The suite calls the API from 127.0.0.1 many times within a minute (schemathesis);
# the tests of the limit itself set small limits.
API_RATE_LIMITS = {kind: limit * 1000 for kind, limit in API_RATE_LIMITS.items()}  # noqa: F405
# Uploads are scanned by a real clamd that tests/conftest.py starts for the
# session (tests/scanning/clamd.py: EICAR is the only signature). The path goes
# into the environment so that servers started by tests use the same clamd
# (one per pytest-xdist worker, should the suite ever run in parallel).
SCAN_UPLOADS = True
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
CLAMD_SOCKET = os.environ.setdefault(
    f"VONEINANDER_TEST_CLAMD_SOCKET{_worker.upper()}",
    os.path.join(tempfile.gettempdir(), f"voneinander-clamd-{os.getpid()}", "clamd.sock"),
)
CLAMD_TIMEOUT = 10
CLAMD_STREAM_MAX_BYTES = (
    250 * 1024 * 1024
)  # the test clamd's StreamMaxLength (tests/scanning/clamd.py)
