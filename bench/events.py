"""Events benchmarks: `python -m bench.events` (part of `make bench`).

1. The event page of a congress with 12 sessions in two rounds and 300
   registrations: median server time and SQL queries (WSGI application).
2. The registration rush: 1,000 people register for 1–2 of the 12 sessions
   from 100 concurrent clients (threads with their own database connections,
   as app-server workers have). Reports throughput and p95 latency, and checks
   that no session is overbooked and no registration is lost. Meaningful on
   PostgreSQL: run it inside `scripts/with-postgres.sh`; on SQLite the writers
   queue behind one lock and the figures show that instead.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import threading
import time

SESSIONS = 12
SEATS = 60  # 12 × 60 = 720 seats for 1,000 people: the rush fills sessions
RUSH_PEOPLE = 1000
RUSH_CLIENTS = 100
UNUSABLE = "!bench"  # an unusable password hash: nobody signs in as these people


def _congress(slug: str, *, registrations: int):
    from django.utils import timezone

    from voneinander.accounts.models import User
    from voneinander.events.models import (
        Event,
        Registration,
        Round,
        Session,
        SessionBooking,
    )

    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = Event.objects.create(
        kind="congress",
        title=f"Benchmark-Kongress {slug}",
        slug=slug,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        max_sessions_per_person=2,
        one_session_per_round=True,
        one_session_per_topic=True,
    )
    sessions = []
    for number in range(2):
        begins = start + datetime.timedelta(hours=2 + 3 * number)
        round_ = Round.objects.create(
            event=event,
            title=f"Runde {number + 1}",
            starts_at=begins,
            ends_at=begins + datetime.timedelta(hours=2),
        )
        for index in range(SESSIONS // 2):
            sessions.append(
                Session.objects.create(
                    event=event,
                    round=round_,
                    title=f"Workshop {number + 1}.{index + 1}",
                    topic=f"Thema {(index + number) % 9}",
                    starts_at=round_.starts_at,
                    ends_at=round_.ends_at,
                    capacity=SEATS,
                )
            )
    users = User.objects.bulk_create(
        User(email=f"bench-{slug}-{n}@example.org", password=UNUSABLE) for n in range(registrations)
    )
    if users and users[0].pk is None:
        users = list(User.objects.filter(email__startswith=f"bench-{slug}-"))
    regs = Registration.objects.bulk_create(Registration(event=event, user=u) for u in users)
    if regs and regs[0].pk is None:
        regs = list(Registration.objects.filter(event=event))
    rng = random.Random(3)
    SessionBooking.objects.bulk_create(
        SessionBooking(registration=r, session=rng.choice(sessions[: SESSIONS // 2])) for r in regs
    )
    return event, sessions


def event_page() -> None:
    from bench.__main__ import WsgiClient, measure

    event, _sessions = _congress("bench-seite", registrations=300)
    row = measure(WsgiClient(), event.get_absolute_url())
    print(
        f"Event page, 12 sessions, 300 registrations: median {row['median_ms']:.2f} ms, "
        f"p95 {row['p95_ms']:.2f} ms, {row['queries']} queries"
    )


def rush() -> None:
    from django.db import connection, connections

    from voneinander.accounts.models import User
    from voneinander.events import registration_services as services
    from voneinander.events.models import SessionBooking

    event, sessions = _congress("bench-ansturm", registrations=0)
    User.objects.bulk_create(
        User(email=f"rush-{n}@example.org", password=UNUSABLE) for n in range(RUSH_PEOPLE)
    )
    people = list(User.objects.filter(email__startswith="rush-").order_by("pk"))
    rng = random.Random(11)
    first, second = sessions[: SESSIONS // 2], sessions[SESSIONS // 2 :]
    wishes = [
        [rng.choice(first).pk] + ([rng.choice(second).pk] if rng.random() < 0.6 else [])
        for _ in people
    ]
    queue = list(zip(people, wishes, strict=True))
    lock = threading.Lock()
    outcomes, latencies = [], []
    barrier = threading.Barrier(RUSH_CLIENTS)

    def client():
        barrier.wait()
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    user, wanted = queue.pop()
                began = time.perf_counter()
                try:
                    services.register(event=event, user=user, sessions=wanted)
                    outcome = "accepted"
                except services.TryAgainError:
                    outcome = "retry"
                except services.RegistrationRefusedError as error:
                    outcome = "full" if "session_full" in error.rules else "refused"
                except Exception as error:  # counted, never hidden
                    outcome = f"error:{type(error).__name__}"
                with lock:
                    outcomes.append(outcome)
                    latencies.append((time.perf_counter() - began) * 1000)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(RUSH_CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    counts = {name: outcomes.count(name) for name in sorted(set(outcomes))}
    overbooked = [
        s.title
        for s in sessions
        if SessionBooking.objects.filter(session=s, status="confirmed").count() > SEATS
    ]
    accepted_rows = (
        SessionBooking.objects.filter(session__event=event, status="confirmed")
        .values("registration")
        .distinct()
        .count()
    )
    print(
        f"Registration rush on {connection.vendor}: {len(outcomes)} attempts from "
        f"{RUSH_CLIENTS} clients in {elapsed:.1f} s = {len(outcomes) / elapsed:.0f}/s; "
        f"latency median {statistics.median(latencies):.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms"
    )
    print(f"  outcomes: {counts}")
    print(
        f"  overbooked sessions: {len(overbooked)}; registrations with a seat in the database: "
        f"{accepted_rows} (accepted answers: {counts.get('accepted', 0)})"
    )


def main() -> int:
    from bench.__main__ import setup_django

    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        event_page()
        if os.environ.get("BENCH_RUSH", "1") != "0":
            rush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
