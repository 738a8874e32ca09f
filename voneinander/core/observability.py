"""Request ids, the access log, JSON log records and Prometheus metrics.

`RequestIdMiddleware` runs first. It takes the caller's `X-Request-ID` when it
is a sane token (at most 64 characters of `A-Za-z0-9-_.`; a load balancer's id
thereby follows the request through all app servers) or makes one, echoes it in
the response, and writes one line per request to the logger
"voneinander.request". Every log record (ours, Django's, libraries') then gets
`request_id`, `user_id` and, inside a task worker, `task_id` through
`ContextFilter`, which reads context variables: no request object is passed
around and nothing is queried to fill them.

Paths in the access log never carry a query string, and URL parts named like a
secret (`token`, `key`, …: unsubscribe and password-reset links) are replaced
by "…".

Metrics (prometheus_client): requests by method, status class and view name
(the URL pattern's name, never the raw path: a bounded number of series), a
latency histogram per view, and at scrape time the task queue length and
whether the database answers. With `PROMETHEUS_MULTIPROC_DIR` set (several
gunicorn workers), the values live in files there and a scrape sums them.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.functional import empty
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

access_logger = logging.getLogger("voneinander.request")

_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# URL keyword arguments whose values are secrets (links sent by e-mail, feeds).
_SECRET_KWARG = re.compile(r"token|key|secret|sign|code|uid", re.I)
# Probes are frequent and say nothing new while all is well: DEBUG unless they fail.
QUIET_VIEWS = frozenset({"healthz", "readyz", "metrics"})
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass
class _Context:
    request_id: str = ""
    request: Any = None
    task_id: str = ""


_context: contextvars.ContextVar[_Context | None] = contextvars.ContextVar(
    "voneinander_log_context", default=None
)


def sane_request_id(value: str | None) -> str | None:
    """`value` if it may be used as a request id as it is, else None."""
    if value and _SANE_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str:
    context = _context.get()
    return context.request_id if context else ""


def current_task_id() -> str:
    context = _context.get()
    return context.task_id if context else ""


def _user_of(request) -> Any:
    """The user of `request` if something already loaded it; never queries."""
    if request is None:
        return None
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject until first used
    if wrapped is empty:
        wrapped = request.__dict__.get("_cached_user")
    return wrapped


def user_id_of(user) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


def current_user_id() -> int | None:
    context = _context.get()
    return user_id_of(_user_of(context.request)) if context else None


class ContextFilter(logging.Filter):
    """Adds request_id, user_id and task_id to every record (unless given as extra)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get()
        if not hasattr(record, "request_id"):
            record.request_id = context.request_id if context else ""
        if not hasattr(record, "user_id"):
            record.user_id = user_id_of(_user_of(context.request)) if context else None
        if not hasattr(record, "task_id"):
            record.task_id = context.task_id if context else ""
        return True


class JsonFormatter(_BaseJsonFormatter):
    """One JSON object per line: timestamp, level, logger, message and the context."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s"
        )
        kwargs.setdefault(
            "rename_fields", {"asctime": "timestamp", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("timestamp", False)
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None):  # noqa: N802 - logging's name
        from datetime import UTC, datetime

        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")

    def process_log_record(self, log_data):
        if not log_data.get("task_id"):
            log_data.pop("task_id", None)
        # Django's request loggers attach the request, whose repr has the query string.
        log_data.pop("request", None)
        return super().process_log_record(log_data)


# --- Task workers -----------------------------------------------------------------


def task_started(sender, task_result, **kwargs) -> None:
    context = _context.get()
    if context is None:
        _context.set(_Context(task_id=str(task_result.id)))
    else:
        context.task_id = str(task_result.id)


def task_finished(sender, task_result, **kwargs) -> None:
    context = _context.get()
    if context is not None and context.task_id == str(task_result.id):
        context.task_id = ""


def connect_task_signals() -> None:
    from django_tasks.signals import task_finished as finished
    from django_tasks.signals import task_started as started

    started.connect(task_started, dispatch_uid="voneinander.observability.task_started")
    finished.connect(task_finished, dispatch_uid="voneinander.observability.task_finished")


# --- Metrics ------------------------------------------------------------------------

REQUESTS = Counter(
    "voneinander_http_requests",
    "HTTP requests answered, by method, status class and view name.",
    ["method", "status", "view"],
)
LATENCY = Histogram(
    "voneinander_http_request_duration_seconds",
    "Time from the first middleware to the response, by view name.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class ScrapeTimeCollector:
    """Figures read from the database when Prometheus asks, not kept per process."""

    def collect(self):
        from django.db import connection

        up = GaugeMetricFamily("voneinander_database_up", "1 if the database answered SELECT 1.")
        queue = GaugeMetricFamily(
            "voneinander_task_queue_length",
            "Tasks waiting for a worker (status READY), by queue.",
            labels=["queue"],
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            up.add_metric([], 1)
        except Exception:  # any database error means "down" here
            up.add_metric([], 0)
            yield up
            return
        yield up
        try:
            from django.db.models import Count
            from django_tasks import TaskResultStatus
            from django_tasks_db.models import DBTaskResult

            rows = (
                DBTaskResult.objects.filter(status=TaskResultStatus.READY)
                .values_list("queue_name")
                .annotate(n=Count("id"))
                .order_by()
            )
            counts = dict(rows)
        except Exception:  # e.g. tables missing before the first migrate
            counts = {}
        counts.setdefault("default", 0)
        for name, count in sorted(counts.items()):
            queue.add_metric([name], count)
        yield queue


def render_metrics() -> tuple[bytes, str]:
    """The exposition text for a scrape, summed over all workers in multiprocess mode."""
    scrape_time = CollectorRegistry(auto_describe=False)
    scrape_time.register(ScrapeTimeCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(scrape_time), CONTENT_TYPE_LATEST


def mark_process_dead(pid: int) -> None:
    """For gunicorn's `child_exit` hook in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)


# --- Middleware -----------------------------------------------------------------------


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"
    return match.view_name or "<unnamed>"


def loggable_path(request) -> str:
    """The path without query string, secrets from the URL replaced by "…"."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if _SECRET_KWARG.search(name) and isinstance(value, str) and value:
                path = path.replace(value, "…")
    return path


class RequestIdMiddleware:
    """Request id in and out, one access-log line and the request metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get("X-Request-ID")) or new_request_id()
        request.request_id = request_id
        token = _context.set(_Context(request_id=request_id, request=request))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._record(request, response, time.perf_counter() - started)
            return response
        finally:
            _context.reset(token)

    def _record(self, request, response, seconds: float) -> None:
        view = _view_name(request)
        status = response.status_code
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(method=method, status=f"{status // 100}xx", view=view).inc()
        LATENCY.labels(view=view).observe(seconds)
        quiet = view in QUIET_VIEWS and status < 400
        level = logging.DEBUG if quiet else logging.INFO
        if not access_logger.isEnabledFor(level):
            return
        duration_ms = round(seconds * 1000, 2)
        path = loggable_path(request)
        access_logger.log(
            level,
            "%s %s %s %sms",
            request.method,
            path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
                "view": view,
            },
        )
