"""Proof that two app processes behave as one (run by `scripts/cluster.sh check`).

Needs the cluster that scripts/cluster.sh starts (its environment: production
settings, DATABASE_URL, REDIS_URL, CLUSTER_URL, CLUSTER_APP_URLS, CLUSTER_STATE).
Each check talks to app A and app B directly (their own ports, with the headers
nginx would add) and to the nginx in front of both; the fixtures are written
straight into the shared database under a fresh run id, so the check can run
again and again on the same state. Prints a table; exits 1 when a check fails.

1. session     a login on app A is valid on app B
2. cache       an edit through app A is visible on app B at once, cached fragment
               included; signed in through nginx at once; anonymous through nginx
               within ANONYMOUS_CACHE_SECONDS
3. capacity    concurrent registrations split over A and B: exactly capacity confirmed
4. login limit failed logins spread over A and B lock the account together
5. tasks       mails queued by A and by B, two workers: every task runs exactly once
"""

from __future__ import annotations

import datetime
import os
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

import redis  # noqa: E402
import requests  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from voneinander.accounts.models import User  # noqa: E402
from voneinander.events.models import Event, Registration, Session, SessionBooking  # noqa: E402
from voneinander.municipalities.models import Municipality  # noqa: E402
from voneinander.networks.models import Membership, Network, NetworkCoordinator  # noqa: E402

NGINX = os.environ["CLUSTER_URL"]
APP_A, APP_B = os.environ["CLUSTER_APP_URLS"].split(",")
STATE = Path(os.environ["CLUSTER_STATE"])
REDIS_PORT = int(os.environ["CLUSTER_REDIS_PORT"])
TTL = settings.ANONYMOUS_CACHE_SECONDS
RUN = secrets.token_hex(3)
PASSWORD = "Cluster-" + secrets.token_urlsafe(12)
TIMEOUT = 30


class CheckFailedError(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailedError(message)


class Browser:
    """One visitor. Cookies are kept by hand: the production cookies are Secure
    (`__Host-`), and on loopback we speak plain HTTP to the apps."""

    def __init__(self, ip: str):
        self.ip = ip
        self.cookies: dict[str, str] = {}

    def request(self, method: str, base: str, path: str, data=None) -> requests.Response:
        # nginx passes the host name without port (`$host`) and says https.
        host = urlsplit(NGINX).hostname
        headers = {"Origin": f"https://{host}", "Accept-Language": "de"}
        if base != NGINX:
            # What nginx adds in front of the apps.
            headers |= {"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": self.ip}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None and settings.CSRF_COOKIE_NAME in self.cookies:
            data = {"csrfmiddlewaretoken": self.cookies[settings.CSRF_COOKIE_NAME], **data}
        response = requests.request(
            method, base + path, data=data, headers=headers, allow_redirects=False, timeout=TIMEOUT
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, base: str, path: str) -> requests.Response:
        return self.request("GET", base, path)

    def post(self, base: str, path: str, data: dict) -> requests.Response:
        return self.request("POST", base, path, data)

    def sign_in_directly(self, user: User) -> None:
        """A session as a completed login leaves it (for fixtures; check 1 logs in for real)."""
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        # The backend a sign-in through allauth records.
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        self.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)


def make_user(name: str, *, password: bool = False) -> User:
    """A person with a verified address; hashing a password costs ~0.5 s, so only on request."""
    email = f"cluster-{RUN}-{name}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD if password else None)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def url(name: str, language: str = "de", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- 1. A login on app A is valid on app B ------------------------------------------------


def check_session() -> str:
    user = make_user("login", password=True)
    browser = Browser("10.1.0.1")
    profile = url("accounts:profile")
    expect(browser.get(APP_B, profile).status_code == 302, "B lets an anonymous visitor in")
    response = browser.post(
        APP_A, url("account_login"), {"login": user.email, "password": PASSWORD}
    )
    expect(response.status_code == 302, f"login on A answered {response.status_code}")
    expect(settings.SESSION_COOKIE_NAME in browser.cookies, "login on A set no session cookie")
    response = browser.get(APP_B, profile)
    expect(response.status_code == 200, f"B answered {response.status_code} for A's session")
    expect(user.email in response.text, "B's profile page does not show the person")
    upstreams = set()
    for _ in range(4):
        response = browser.get(NGINX, profile)
        expect(response.status_code == 200, "a request through nginx lost the session")
        upstreams.add(response.headers.get("X-Upstream"))
    expect(len(upstreams) == 2, f"nginx used only {upstreams}")
    return "session from A accepted by B and by both behind nginx"


# --- 2. Cache invalidation reaches both -----------------------------------------------------


def _fragment_keys() -> int:
    client = redis.Redis(port=REDIS_PORT)
    return sum(1 for _ in client.scan_iter("*template.cache.network_members*", count=1000))


def check_cache() -> str:
    old_name, new_name = f"Clusternetz {RUN}", f"Clusternetz {RUN} umbenannt"
    network = Network.objects.create(
        name=old_name,
        short_name=f"CN {RUN}",
        slug=f"clusternetz-{RUN}",
        description="Erste Beschreibung.",
        operator="Clustertest",
    )
    municipality = Municipality.objects.order_by("pk").first()
    expect(municipality is not None, "no municipality in the database (demo data missing?)")
    Membership.objects.create(
        network=network, municipality=municipality, member_since=datetime.date(2024, 1, 1)
    )
    coordinator = make_user("coordinator")
    NetworkCoordinator.objects.create(network=network, user=coordinator)
    TOTP.activate(coordinator, generate_totp_secret())
    page = url("networks:detail", language="en", slug=network.slug)
    caption = "Newest member municipalities of {}</caption>"
    anonymous = Browser("10.2.0.1")
    before = _fragment_keys()
    for base in (APP_B, APP_A):
        response = anonymous.get(base, page)
        expect(response.status_code == 200, f"network page answered {response.status_code}")
        expect(caption.format(old_name) in response.text, "the members list is missing")
    expect(_fragment_keys() > before, "the members fragment was not stored in Redis")
    anonymous.get(NGINX, page)
    cached = anonymous.get(NGINX, page)
    expect(cached.headers.get("X-Cache-Status") == "HIT", "nginx did not cache the anonymous page")
    expect("public" in cached.headers.get("Cache-Control", ""), "anonymous page not public")

    editor = Browser("10.2.0.2")
    editor.sign_in_directly(coordinator)
    edit = url("networks:edit", slug=network.slug)
    response = editor.post(
        APP_A,
        edit,
        {
            "name": new_name,
            "short_name": f"CN {RUN}",
            "description": "Zweite Beschreibung.",
            "operator": "Clustertest",
        },
    )
    expect(response.status_code == 302, f"the edit on A answered {response.status_code}")
    for label, base in (("B", APP_B), ("A", APP_A)):
        text = anonymous.get(base, page).text
        expect("Zweite Beschreibung." in text, f"{label} still shows the old description")
        # The caption sits inside the cached members fragment.
        expect(
            caption.format(new_name) in text,
            f"{label}'s cached members fragment still names the network {old_name!r}",
        )
        expect(f"{old_name}<" not in text, f"{label} still shows the old name somewhere")
    signed_in = editor.get(NGINX, page)
    expect(signed_in.headers.get("X-Cache-Status") in {"BYPASS", None, ""}, "signed in got cache")
    expect("Zweite Beschreibung." in signed_in.text, "the editor sees the old page through nginx")
    expect("private" in signed_in.headers.get("Cache-Control", ""), "signed-in page not private")
    expect(settings.CSRF_COOKIE_NAME not in cached.headers.get("Set-Cookie", ""), "cookie cached")
    started = time.monotonic()
    while True:
        text = anonymous.get(NGINX, page).text
        if "Zweite Beschreibung." in text:
            break
        expect(time.monotonic() - started <= TTL + 2, f"anonymous page stale after {TTL + 2} s")
        time.sleep(0.5)
    waited = time.monotonic() - started
    return (
        f"A's edit at once on B (fragment too) and for the signed-in editor via nginx; "
        f"anonymous via nginx after {waited:.1f} s (TTL {TTL} s)"
    )


# --- 3. Registration limits hold across both ------------------------------------------------

CAPACITY, PEOPLE = 5, 24


def check_capacity() -> str:
    start = timezone.now() + datetime.timedelta(days=14)
    event = Event.objects.create(
        kind="congress",
        title=f"Ansturm {RUN}",
        slug=f"ansturm-{RUN}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
    )
    session = Session.objects.create(
        event=event,
        title="Beliebter Workshop",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2),
        capacity=CAPACITY,
    )
    browsers = []
    for number in range(PEOPLE):
        browser = Browser(f"10.3.0.{number + 1}")
        browser.sign_in_directly(make_user(f"rush{number}"))
        browsers.append(browser)
    path = url("events:register", slug=event.slug)

    def attempt(number: int) -> int:
        base = APP_A if number % 2 == 0 else APP_B
        return browsers[number].post(base, path, {"sessions": str(session.pk)}).status_code

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        statuses = list(pool.map(attempt, range(PEOPLE)))
    confirmed = SessionBooking.objects.filter(session=session, status="confirmed").count()
    registrations = Registration.objects.filter(event=event).count()
    expect(all(status < 500 for status in statuses), f"server errors: {statuses}")
    expect(confirmed == CAPACITY, f"{confirmed} confirmed for {CAPACITY} places")
    expect(statuses.count(302) == CAPACITY, f"{statuses.count(302)} told they are registered")
    expect(registrations == CAPACITY, f"{registrations} registrations for {CAPACITY} places")
    return f"{PEOPLE} at once over A and B: {confirmed} of {CAPACITY} places, no error"


# --- 4. Login rate limits count across both ---------------------------------------------------


def check_login_limit() -> str:
    user = make_user("limit", password=True)
    browser = Browser("10.4.0.1")
    login = url("account_login", language="en")
    limit = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split("/")[0])
    for attempt in range(limit):
        base = APP_A if attempt % 2 == 0 else APP_B
        response = browser.post(base, login, {"login": user.email, "password": "wrong-password"})
        expect(response.status_code == 200, f"failed login answered {response.status_code}")
        expect("Too many" not in response.text, f"locked after only {attempt} failures")
    response = browser.post(APP_B, login, {"login": user.email, "password": PASSWORD})
    expect(settings.SESSION_COOKIE_NAME not in browser.cookies, "the locked account signed in")
    expect("Too many failed login attempts" in response.text, "no lock-out message")
    return f"{limit} failures alternating A/B lock the account on both (right password refused)"


# --- 5. A task queued by one app runs exactly once ------------------------------------------


def check_tasks() -> str:
    since = timezone.now()
    people = [make_user(f"reset{number}") for number in range(16)]
    reset = url("account_reset_password")
    for number, user in enumerate(people):
        base = APP_A if number % 2 == 0 else APP_B
        response = Browser(f"10.5.0.{number + 1}").post(base, reset, {"email": user.email})
        expect(response.status_code == 302, f"password reset answered {response.status_code}")
    tasks = DBTaskResult.objects.filter(task_path__endswith="deliver_email", enqueued_at__gte=since)
    deadline = time.monotonic() + 60
    while tasks.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists() or tasks.count() < len(
        people
    ):
        expect(time.monotonic() < deadline, "the workers did not finish the mail tasks in 60 s")
        time.sleep(0.5)
    results = list(tasks)
    expect(len(results) == len(people), f"{len(results)} mail tasks for {len(people)} requests")
    expect(all(r.status == "SUCCESSFUL" for r in results), "a mail task failed")
    expect(all(len(r.worker_ids) == 1 for r in results), "a task was started by two workers")
    workers = {r.worker_ids[0] for r in results}
    mails = [p.read_text(errors="replace") for p in (STATE / "mail").glob("*.log")]
    for user in people:
        count = sum(mail.count(f"To: {user.email}") for mail in mails)
        expect(count == 1, f"{user.email} got {count} mails")
    return (
        f"{len(people)} mails queued by A and B, run once each by {len(workers)} of 2 workers, "
        "one mail each"
    )


CHECKS = [
    ("login on A valid on B", check_session),
    ("cache invalidation reaches both", check_cache),
    ("registration limit across both", check_capacity),
    ("login rate limit across both", check_login_limit),
    ("task queued by one runs once", check_tasks),
]


def main() -> int:
    rows, failed = [], 0
    began = time.monotonic()
    for name, check in CHECKS:
        started = time.monotonic()
        try:
            result, detail = "ok", check()
        except Exception as error:  # every failure becomes a row, the others still run
            failed += 1
            result, detail = "FAILED", f"{type(error).__name__}: {error}"
        rows.append((name, result, f"{time.monotonic() - started:.1f} s", detail))
    header = ("check", "result", "time", "detail")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    print()
    for row in [header, *rows]:
        print(
            "  ".join(
                [*(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)), row[3]]
            )
        )
    print(
        f"\n{len(rows) - failed} of {len(rows)} checks passed in {time.monotonic() - began:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
