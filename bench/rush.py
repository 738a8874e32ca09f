"""Registration rush over HTTP: `python -m bench.rush`.

A congress with 12 workshops (capacities 50, 55, … 105: 930 seats) and 2,000
people who each want one workshop (every workshop is wanted by ~167, so each
fills up); half of them ask for the waiting list when their workshop is full.
200 concurrent clients, each signed in as its own people, post the web form
(with the CSRF token fetched from the form page first) to TWO gunicorn
processes on different ports (2 sync workers each, production settings,
PostgreSQL, Redis). Reports the POST throughput and latencies and checks:
- every workshop has exactly its capacity of confirmed bookings;
- every request got a definite answer: a redirect (registered or on the waiting
  list) or the form again with the refusal, never an error or a timeout;
- the database agrees with every answer: a redirect has its registration, a
  refusal has none; nothing was lost.
Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import random
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bench import load_setup as setup
from bench.load_wrk import markdown_table, percentile

SLUG = "ansturm-kongress"
WORKSHOPS = 12
CAPACITIES = [50 + 5 * n for n in range(WORKSHOPS)]
INDICO_REGISTRATION = 56  # req/s, the anchor
HELLO_ANCHOR = 5400
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Attempt:
    user_pk: int
    session_key: str
    workshop: int
    waitlist: bool
    port: int
    csrf_cookie: str = ""
    csrf_token: str = ""
    status: int = 0
    location: str = ""
    error: str = ""
    latency_ms: float = 0.0


@dataclass
class Outcome:
    attempts: list[Attempt]
    elapsed_s: float
    form_elapsed_s: float
    hello_rps: float = 0.0
    checks: list[tuple[str, bool, str]] = field(default_factory=list)


def create_congress(people: int, seed: int):
    """The congress, its workshops, and `people` users with signed-in sessions."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from voneinander.accounts.models import User
    from voneinander.events.models import Event, Round, Session

    start = (timezone.now() + datetime.timedelta(days=40)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    event = Event.objects.create(
        kind="congress",
        title="Ansturm-Kongress",
        slug=SLUG,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        max_sessions_per_person=1,
    )
    round_ = Round.objects.create(
        event=event,
        title="Workshops",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=3),
    )
    workshops = [
        Session.objects.create(
            event=event,
            round=round_,
            title=f"Workshop {n + 1}",
            topic=f"Thema {n + 1}",
            starts_at=round_.starts_at,
            ends_at=round_.ends_at,
            capacity=capacity,
        )
        for n, capacity in enumerate(CAPACITIES)
    ]
    unusable = make_password(None)
    User.objects.bulk_create(
        User(email=f"ansturm-{n}@example.org", password=unusable) for n in range(people)
    )
    users = list(User.objects.filter(email__startswith="ansturm-").order_by("pk"))
    keys = bulk_sessions(users)
    rng = random.Random(seed)
    attempts = [
        Attempt(
            user_pk=user.pk,
            session_key=keys[user.pk],
            workshop=workshops[n % WORKSHOPS].pk,
            waitlist=(n // WORKSHOPS) % 2 == 0,
            port=setup.APP_PORTS[n % 2],
        )
        for n, user in enumerate(users)
    ]
    rng.shuffle(attempts)
    return event, workshops, attempts


def bulk_sessions(users) -> dict[int, str]:
    """Signed-in sessions as a login stores them, written in one bulk insert."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    backend = settings.AUTHENTICATION_BACKENDS[1]
    expires = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    store = SessionStore()
    rows, keys = [], {}
    for user in users:
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys[user.pk] = key
    Session.objects.bulk_create(rows, batch_size=1000)
    return keys


def _cookie(attempt: Attempt) -> str:
    cookie = f"{setup.SESSION_COOKIE}={attempt.session_key}"
    if attempt.csrf_cookie:
        cookie += f"; {setup.CSRF_COOKIE}={attempt.csrf_cookie}"
    return cookie


def fetch_form(connection: http.client.HTTPConnection, attempt: Attempt, path: str) -> None:
    headers = {**setup.FORWARDED, "Cookie": _cookie(attempt)}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"form page answered {response.status}")
    cookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    if setup.CSRF_COOKIE in cookie:
        attempt.csrf_cookie = cookie[setup.CSRF_COOKIE].value
    match = TOKEN_RE.search(body)
    if not match or not attempt.csrf_cookie:
        raise RuntimeError("no CSRF token in the form page")
    attempt.csrf_token = match.group(1)


def post_form(connection: http.client.HTTPConnection, attempt: Attempt, path: str) -> None:
    fields = [("csrfmiddlewaretoken", attempt.csrf_token), ("sessions", str(attempt.workshop))]
    if attempt.waitlist:
        fields.append(("join_waitlist", "on"))
    headers = {
        **setup.secure_headers(attempt.port, path),
        "Cookie": _cookie(attempt),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    began = time.perf_counter()
    connection.request("POST", path, body=urllib.parse.urlencode(fields), headers=headers)
    response = connection.getresponse()
    response.read()
    attempt.latency_ms = (time.perf_counter() - began) * 1000
    attempt.status = response.status
    attempt.location = response.headers.get("Location", "")


def run_clients(attempts: list[Attempt], *, clients: int, path: str) -> tuple[float, float]:
    """Phase 1: every client fetches its forms; phase 2 (all at once): every client posts."""
    shares = [attempts[n::clients] for n in range(clients)]
    ready = threading.Barrier(clients + 1)
    go = threading.Barrier(clients + 1)
    finished = threading.Barrier(clients + 1)

    def client(share: list[Attempt]) -> None:
        connections = {}

        def connection_for(port):
            if port not in connections:
                connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            return connections[port]

        for attempt in share:
            try:
                fetch_form(connection_for(attempt.port), attempt, path)
            except Exception as error:  # reported as this attempt's answer
                attempt.error = f"form: {type(error).__name__}: {error}"
                connections.pop(attempt.port, None)
        ready.wait()
        go.wait()
        for attempt in share:
            if attempt.error:
                continue
            try:
                post_form(connection_for(attempt.port), attempt, path)
            except Exception as error:
                attempt.error = f"post: {type(error).__name__}: {error}"
                connections.pop(attempt.port, None)
        finished.wait()

    threads = [threading.Thread(target=client, args=(share,), daemon=True) for share in shares]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    ready.wait()
    form_elapsed = time.perf_counter() - began
    go.wait()
    began = time.perf_counter()
    finished.wait()
    elapsed = time.perf_counter() - began
    for thread in threads:
        thread.join()
    return elapsed, form_elapsed


def _kinds(attempts: list[Attempt]) -> str:
    return str(Counter(a.error or a.status for a in attempts).most_common(3))


def check(event, workshops, outcome: Outcome) -> None:
    from voneinander.events.models import Registration, SessionBooking

    checks = outcome.checks
    registrations = {
        r.user_id: r for r in Registration.objects.filter(event=event).prefetch_related("bookings")
    }
    confirmed = Counter(
        SessionBooking.objects.filter(session__event=event, status="confirmed").values_list(
            "session_id", flat=True
        )
    )
    wanted = Counter(a.workshop for a in outcome.attempts)
    for workshop in workshops:
        got = confirmed.get(workshop.pk, 0)
        expected = min(workshop.capacity, wanted[workshop.pk])
        checks.append(
            (
                f"{workshop.title}: confirmed = capacity (or all who wanted it)",
                got == expected,
                f"{got} / {expected}",
            )
        )
    undefined = [a for a in outcome.attempts if a.error or a.status not in (200, 302)]
    checks.append(
        (
            "every request got a definite answer (302 or refusal 200)",
            not undefined,
            f"{len(undefined)} without one: {_kinds(undefined)}",
        )
    )
    lost = [a for a in outcome.attempts if a.status == 302 and a.user_pk not in registrations]
    phantom = [a for a in outcome.attempts if a.status == 200 and a.user_pk in registrations]
    checks.append(
        (
            "every redirect has its registration, every refusal none",
            not lost and not phantom,
            f"{len(lost)} lost, {len(phantom)} registered despite refusal",
        )
    )
    refused_with_waitlist = [
        a for a in outcome.attempts if a.status == 200 and a.waitlist and not a.error
    ]
    checks.append(
        (
            "nobody who asked for the waiting list was refused",
            not refused_with_waitlist,
            f"{len(refused_with_waitlist)}",
        )
    )
    seats_left = sum(w.capacity for w in workshops) - sum(confirmed.values())
    refused = [a for a in outcome.attempts if a.status == 200]
    checks.append(
        (
            "refusals only when the workshop was full",
            not (refused and seats_left),
            f"{len(refused)} refusals, {seats_left} seats left",
        )
    )


def _versus_indico(rate: float, hello_rps: float) -> str:
    text = f"{rate / INDICO_REGISTRATION:.1f}× Indico's registration POST ({INDICO_REGISTRATION}/s)"
    if hello_rps:
        scaled = rate * HELLO_ANCHOR / hello_rps
        text += (
            f"; Django hello measured right after: {hello_rps:.0f} req/s (issue: {HELLO_ANCHOR}), "
            f"so on the issue's machine ≈ {scaled:.0f}/s = {scaled / INDICO_REGISTRATION:.1f}×"
        )
    return text + " (target ≥10×)."


def report(event, workshops, outcome: Outcome, *, clients: int) -> str:
    from voneinander.events.models import SessionBooking

    attempts = outcome.attempts
    latencies = [a.latency_ms for a in attempts if a.status]
    waitlisted = Counter(
        SessionBooking.objects.filter(session__event=event, status="waitlisted").values_list(
            "session_id", flat=True
        )
    )
    confirmed = Counter(
        SessionBooking.objects.filter(session__event=event, status="confirmed").values_list(
            "session_id", flat=True
        )
    )
    wanted = Counter(a.workshop for a in attempts)
    refused = Counter(a.workshop for a in attempts if a.status == 200)
    rows = [
        [
            w.title,
            wanted[w.pk],
            w.capacity,
            confirmed.get(w.pk, 0),
            waitlisted.get(w.pk, 0),
            refused.get(w.pk, 0),
        ]
        for w in workshops
    ]
    rows.append(
        [
            "total",
            len(attempts),
            sum(CAPACITIES),
            sum(confirmed.values()),
            sum(waitlisted.values()),
            sum(refused.values()),
        ]
    )
    ports = Counter(a.port for a in attempts)
    lines = [
        f"Registration rush, {setup.today()}; {setup.machine_load()} after the run.",
        f"{len(attempts):,} registrations from {clients} concurrent clients over two gunicorn "
        f"processes ({', '.join(f'port {p}: {n}' for p, n in sorted(ports.items()))}), "
        "2 sync workers each, PostgreSQL, Redis.",
        f"POST throughput {len(latencies) / outcome.elapsed_s:.0f}/s "
        f"({len(latencies):,} POSTs in {outcome.elapsed_s:.1f} s); latency p50 "
        f"{percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
        f"p99 {percentile(latencies, 0.99):.0f} ms, max {max(latencies):.0f} ms "
        f"(form pages fetched beforehand in {outcome.form_elapsed_s:.1f} s).",
        _versus_indico(len(latencies) / outcome.elapsed_s, outcome.hello_rps),
        f"Answers: {dict(Counter(a.status for a in attempts))} (302 = registered or on the "
        "waiting list, 200 = the form again with the refusal).",
        "",
        markdown_table(
            ["workshop", "wanted", "capacity", "confirmed", "waiting list", "refused"], rows
        ),
        "",
        markdown_table(
            ["check", "result", "detail"],
            [[name, "pass" if ok else "FAIL", detail] for name, ok, detail in outcome.checks],
            align_right_from=3,
        ),
    ]
    return "\n".join(lines)


def measure_hello() -> float:
    """The Django hello anchor on the same machine, right after the rush (req/s)."""
    from bench.load_wrk import run_wrk

    hello = setup.Gunicorn(setup.NGINX_PORT, {}, app="bench.load_hello:application")
    try:
        return run_wrk(setup.base_url(setup.NGINX_PORT) + "/", connections=50, duration=5).rps
    finally:
        hello.stop()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="python -m bench.rush", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    setup.ensure_database("bench.rush", argv)
    stack = setup.start_stack()
    try:
        print("Preparing data …", flush=True)
        setup.prepare_demo_data()
        from voneinander.events.models import Event

        Event.objects.filter(slug=SLUG).delete()
        event, workshops, attempts = create_congress(args.people, args.seed)
        from django.db import connections

        connections.close_all()
        for port in setup.APP_PORTS:
            stack.servers.append(setup.Gunicorn(port, stack.env))
        path = f"/veranstaltungen/{SLUG}/anmelden/"
        print(f"Rush: {len(attempts)} people, {args.clients} clients …", flush=True)
        elapsed, form_elapsed = run_clients(attempts, clients=args.clients, path=path)
        outcome = Outcome(attempts=attempts, elapsed_s=elapsed, form_elapsed_s=form_elapsed)
        check(event, workshops, outcome)
        outcome.hello_rps = measure_hello()
        print(report(event, workshops, outcome, clients=args.clients))
    finally:
        stack.stop()
    return 0 if all(ok for _name, ok, _detail in outcome.checks) else 1


if __name__ == "__main__":
    sys.exit(main())
