"""The production server setup for load tests (bench.load, bench.rush, bench.soak).

Everything runs on loopback and is started and stopped here: a throwaway
PostgreSQL 15 (scripts/with-postgres.sh, when DATABASE_URL is not given), a
Redis cache, and gunicorn with sync workers and production settings (DEBUG off,
`__Host-` cookies, manifest static files). Plain http stands in for the TLS
proxy: every request carries `X-Forwarded-Proto: https`, as nginx sets it, so
Django treats it as secure; SECURE_SSL_REDIRECT is switched off.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGPORT = "25502"
APP_PORTS = (8111, 8112)
NGINX_PORT = 8113
BENCH_EMAIL = "lasttest@example.org"
SESSION_COOKIE = "__Host-sessionid"
CSRF_COOKIE = "__Host-csrftoken"
FORWARDED = {"X-Forwarded-Proto": "https"}
HIGH_LIMIT = "100000000"


def ensure_database(module: str, argv: list[str]) -> None:
    """Re-run this command inside a throwaway PostgreSQL unless DATABASE_URL is set."""
    if os.environ.get("DATABASE_URL"):
        return
    os.environ.setdefault("PGPORT", PGPORT)
    script = str(ROOT / "scripts" / "with-postgres.sh")
    print(f"No DATABASE_URL: starting a throwaway PostgreSQL on port {os.environ['PGPORT']}")
    sys.stdout.flush()
    os.execvpe(script, [script, sys.executable, "-m", module, *argv], os.environ)  # noqa: S606


def create_database_if_missing(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 30.0, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Redis:
    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(binary).exists():
            raise SystemExit("redis-server is missing: apt-get install redis-server")
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen, timeout: float = 15.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def production_env(workdir: Path, cache_url: str) -> dict[str, str]:
    """The environment of a production deployment, minus TLS and real e-mail."""
    return {
        "DJANGO_SETTINGS_MODULE": "voneinander.settings",
        "VONEINANDER_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "TRUST_X_FORWARDED_PROTO": "1",
        # No proxy in front of gunicorn here: rate limits read REMOTE_ADDR.
        "TRUSTED_PROXY_COUNT": "0",
        "CACHE_URL": cache_url,
        "EMAIL_URL": "dummy://",
        "VONEINANDER_VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        # The demo data's uploads would need a clamd; no measured page uploads anything.
        "SCAN_UPLOADS": "0",
        # One client address makes all the load: the API limits would answer 429.
        "API_RATE_LIMIT_ANONYMOUS": HIGH_LIMIT,
        "API_RATE_LIMIT_TOKEN": HIGH_LIMIT,
        "API_RATE_LIMIT_WRITE": HIGH_LIMIT,
    }


@dataclass
class Stack:
    """Redis + production settings in this process (for data preparation and checks)."""

    workdir: Path
    redis: Redis
    env: dict[str, str]
    servers: list = field(default_factory=list)

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()
        self.redis.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _exit_on_sigterm(signum, frame):
    # A plain SIGTERM would skip the `finally` blocks that stop the servers.
    raise SystemExit(128 + signum)


def start_stack(workdir: Path | None = None) -> Stack:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    workdir = workdir or Path(tempfile.mkdtemp(prefix="voneinander-load-"))
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    redis = Redis(workdir)
    env = production_env(workdir, redis.url)
    os.environ.update(env)
    create_database_if_missing(os.environ["DATABASE_URL"])
    import django

    django.setup()
    return Stack(workdir=workdir, redis=redis, env=env)


class Gunicorn:
    """`gunicorn voneinander.wsgi` (or another app) with sync workers on one port."""

    def __init__(self, port: int, env: dict[str, str], *, workers: int = 2, app: str = ""):
        self.port = port
        log = Path(env.get("VONEINANDER_VAR_DIR", tempfile.gettempdir())) / f"gunicorn-{port}.log"
        self.log = log
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            app or "voneinander.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--error-logfile",
            str(log),
            "--chdir",
            str(ROOT),
            # The first request imports the URLconf (and with it SciPy): on a busy
            # machine that can take longer than gunicorn's default 30 s.
            "--timeout",
            "180",
        ]
        self.process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, timeout=60, process=self.process)
        except RuntimeError as error:
            tail = log.read_text()[-3000:] if log.exists() else ""
            raise RuntimeError(f"gunicorn did not start; see {log}:\n{tail}") from error
        self.wait_for_workers(workers)
        self.warm_up(workers)
        self.memory_after_warm_up = self.worker_memory()

    def warm_up(self, workers: int) -> None:
        """Requests in parallel until every worker has answered one (imports done)."""
        import threading

        def one():
            with contextlib.suppress(OSError):
                get(self.port, "/", timeout=180)

        for _ in range(3):
            threads = [threading.Thread(target=one) for _ in range(workers * 2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def wait_for_workers(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.worker_pids()) < count and time.monotonic() < deadline:
            time.sleep(0.1)

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def reset_peaks(self) -> None:
        """Reset the workers' VmHWM (peak RSS) to their current RSS (proc(5): clear_refs)."""
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")

    def drain(self, timeout: float = 600) -> None:
        """Wait until the requests that wrk left queued when it stopped are answered.

        wrk closes its connections at the end of a run, but requests already in
        gunicorn's accept queue are still processed; without waiting, the next
        measurement would start behind them. The queue is served in order, so
        one more request comes back only after the others.
        """
        with contextlib.suppress(OSError):
            get(self.port, "/", timeout=timeout)

    def worker_memory(self) -> dict[int, dict[str, int]]:
        """VmRSS and VmHWM (peak resident set) of each worker, in KiB."""
        return {pid: proc_status(pid) for pid in self.worker_pids()}

    def stop(self) -> None:
        stop_process(self.process)


def proc_status(pid: int) -> dict[str, int]:
    values = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    for line in text.splitlines():
        name, _sep, rest = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            values[name] = int(rest.split()[0])
    return values


# --- Data ------------------------------------------------------------------------


@dataclass
class Targets:
    """What the load test requests: paths and a signed-in person."""

    event_slug: str
    network_slug: str
    solution_slugs: list[str]
    email: str
    password: str
    search_query: str = "digital"


def prepare(data: str, *, scale: float = 1.0) -> Targets:
    """`demo`: demo data and our congress; `bench`: the Germany-scale set of bench.data."""
    if data == "demo":
        return prepare_demo_data()
    return prepare_bench_data(scale=scale)


def prepare_bench_data(*, scale: float) -> Targets:
    """Run `python -m bench.data` into the database and read its stable names."""
    import json

    from django.conf import settings
    from django.core.management import call_command

    out = StringIO()
    call_command("migrate", verbosity=0, stdout=out)
    call_command("collectstatic", "--noinput", verbosity=0, stdout=out)
    names_file = Path(settings.VAR_DIR) / "bench-data.json"
    command = [
        sys.executable,
        "-m",
        "bench.data",
        "--scale",
        str(scale),
        "--output",
        str(names_file),
    ]
    subprocess.run(command, check=True, cwd=ROOT, env=os.environ)
    names = json.loads(names_file.read_text())
    return Targets(
        event_slug=names["congress"],
        network_slug=names["network"],
        solution_slugs=[names["solution"], names["hot_solution"]],
        email=names["users"]["member"],
        password=names["password"],
        search_query=names["search_queries"][0],
    )


def prepare_demo_data(*, collectstatic: bool = True) -> Targets:
    """Migrate, demo data, a congress with 12 sessions and 300 registrations, a member."""
    from django.core.management import call_command

    out = StringIO()
    call_command("migrate", verbosity=0, stdout=out)
    if collectstatic:
        call_command("collectstatic", "--noinput", verbosity=0, stdout=out)
    from voneinander.events.models import Event

    if not Event.objects.filter(slug=EVENT_SLUG).exists():
        call_command("load_demo_data", stdout=out)
        from bench.events import _congress

        _congress(EVENT_SLUG, registrations=300)
    call_command("rebuild_search_index", stdout=out)
    return _targets(EVENT_SLUG)


EVENT_SLUG = "lastprobe-kongress"


def _targets(event_slug: str) -> Targets:
    from django.db.models import Count

    from voneinander.knowledge.models import Solution
    from voneinander.networks.models import Network

    network = (
        Network.objects.annotate(members=Count("memberships")).order_by("-members", "pk").first()
    )
    password = "Lasttest-" + secrets.token_urlsafe(12)
    ensure_member(email=BENCH_EMAIL, password=password, network=network)
    slugs = list(Solution.objects.order_by("pk").values_list("slug", flat=True)[:30])
    return Targets(
        event_slug=event_slug,
        network_slug=network.slug,
        solution_slugs=slugs,
        email=BENCH_EMAIL,
        password=password,
    )


def ensure_member(*, email: str, password: str, network) -> None:
    """A signed-in person from a member municipality of `network` (verified e-mail)."""
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from voneinander.accounts.models import User

    membership = network.memberships.select_related("municipality").order_by("pk").first()
    user, _created = User.objects.get_or_create(email=email)
    user.municipality = membership.municipality if membership else None
    user.municipality_confirmed_at = timezone.now() if membership else None
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


def session_cookies(users) -> dict[int, str]:
    """A signed-in session for each user, as a login creates it: {user pk: session key}.

    Logging 2,000 people in over HTTP would measure the password hasher and hit
    the login rate limit; the session rows are the same either way.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    backend = settings.AUTHENTICATION_BACKENDS[1]
    keys = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys[user.pk] = store.session_key
    return keys


# --- HTTP ----------------------------------------------------------------------


def base_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def secure_headers(port: int, path: str = "/") -> dict[str, str]:
    """Headers of a browser request over https through the proxy (for POSTs: same origin)."""
    origin = f"https://127.0.0.1:{port}"
    return {**FORWARDED, "Origin": origin, "Referer": origin + path}


def login(port: int, email: str, password: str) -> str:
    """Sign in through the login form; returns the session key."""
    import requests

    path = "/konto/login/"
    response = requests.post(
        base_url(port) + path,
        data={"login": email, "password": password},
        headers=secure_headers(port, path),
        allow_redirects=False,
        timeout=30,
    )
    cookie = SimpleCookie()
    for header in response.raw.headers.getlist("Set-Cookie"):
        cookie.load(header)
    if response.status_code != 302 or SESSION_COOKIE not in cookie:
        raise RuntimeError(f"login failed: {response.status_code} {response.text[:500]}")
    return cookie[SESSION_COOKIE].value


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_KeepRedirects)


def get(port: int, path: str, *, session: str = "", timeout: float = 30) -> tuple[int, bytes]:
    """(status, body) of a GET as wrk will make it (redirects are not followed)."""
    headers = dict(FORWARDED)
    if session:
        headers["Cookie"] = f"{SESSION_COOKIE}={session}"
    request = urllib.request.Request(base_url(port) + path, headers=headers)  # noqa: S310 - http://127.0.0.1
    try:
        with _NO_REDIRECTS.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def machine_load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f}, {os.cpu_count()} cores"


def today() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
