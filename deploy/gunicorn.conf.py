"""gunicorn settings for production (deploy/systemd/voneinander-app.service).

Every value can be tuned with an environment variable of the same unit
(`GUNICORN_*`, see docs/deployment.md). Sync workers: each answers one request
at a time, nginx in front buffers slow clients and uploads.
"""

import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Two per core is a good start for a server-rendered app that waits on PostgreSQL.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
# A request that takes longer is killed (and logged). nginx's proxy_read_timeout is 60 s too.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced after this many requests (with jitter, not all at once):
# a safety net against slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a slow disk never makes the arbiter kill healthy workers.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# The app writes one JSON line per request itself (voneinander.request), with
# request id and user id; gunicorn's own access log would only repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only nginx on this host may set X-Forwarded-* for gunicorn itself; Django reads
# X-Forwarded-Proto and X-Forwarded-For by its own settings (docs/deployment.md).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "voneinander"
# gunicorn's control socket (gunicornc) is not used: systemd reloads with HUP.
control_socket_disable = True


def on_starting(server):
    """Prometheus multiprocess mode: metric files of a previous run would be summed in."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from voneinander.core.observability import mark_process_dead

        mark_process_dead(worker.pid)
