"""Probes for load balancers and the process supervisor, and the metrics endpoint.

- `/healthz`: the process answers (no database, no cache): liveness.
- `/readyz`: the database answers `SELECT 1` and the shared cache stores and
  returns a value: readiness. 503 naming the part that failed, never the error
  text (it may contain host names or a DSN).
- `/metrics`: Prometheus text format, only with `Authorization: Bearer
  <METRICS_TOKEN>`; without a configured token the endpoint does not exist (404).

They live outside `i18n_patterns` (no language prefix, no redirect), are
exempt from the HTTPS redirect (`SECURE_REDIRECT_EXEMPT`, health only), are never
cached, and are logged at DEBUG while they succeed (see observability.py).
"""

from __future__ import annotations

import hmac
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from voneinander.core.access import PUBLIC, access
from voneinander.core.observability import render_metrics
from voneinander.core.security_log import security_event

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # every way of failing means "not ready"
        logger.warning("Readiness: the database did not answer.", exc_info=True)
        return False


def _cache_ok() -> bool:
    key = f"readyz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # every way of failing means "not ready"
        logger.warning("Readiness: the cache did not answer.", exc_info=True)
        return False


@access(PUBLIC)
@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@access(PUBLIC)
@never_cache
def readyz(request):
    checks = {
        "database": "ok" if _database_ok() else "error",
        "cache": "ok" if _cache_ok() else "error",
    }
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if ready else 503)


def _bearer_matches(request, expected: str) -> bool:
    scheme, _sep, given = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@access(PUBLIC)
@never_cache
def metrics(request):
    expected = getattr(settings, "METRICS_TOKEN", "") or ""
    if not expected:
        return HttpResponseNotFound("Not found\n", content_type="text/plain")
    if not _bearer_matches(request, expected):
        security_event("metrics_token_refused", request=request)
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body, content_type = render_metrics()
    return HttpResponse(body, content_type=content_type)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]
