"""One app process registering people for a session, for tests/events/test_concurrency.py.

Usage:
  booking_probe.py setup SEATS PEOPLE     migrate; an event with one session of SEATS places
  booking_probe.py rush FIRST COUNT THREADS START_AT
                                          people FIRST … FIRST+COUNT-1 register at once
  booking_probe.py same THREADS START_AT  one person submits THREADS times at once
  booking_probe.py count                  what the database holds
  booking_probe.py blocked                a lock held elsewhere: the retry message, no 500

Prints one JSON object. Runs with the development settings (as a real app process
does: SQLite in IMMEDIATE mode with a busy timeout, or PostgreSQL from DATABASE_URL).
Threads wait for a barrier and for the wall-clock moment START_AT, so that the two
processes and all their threads hit the database together.
"""

import collections
import json
import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from voneinander.accounts.models import User  # noqa: E402
from voneinander.events import registration_services as services  # noqa: E402
from voneinander.events.models import Event, Registration, Session, SessionBooking  # noqa: E402

SLUG = "ansturm"


def person(number: int) -> str:
    return f"person{number}@example.org"


def setup(seats: int, people: int) -> dict:
    call_command("migrate", verbosity=0)
    start = timezone.now() + timezone.timedelta(days=7)
    event = Event.objects.create(
        kind="congress",
        title="Ansturm",
        slug=SLUG,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=6),
    )
    Session.objects.create(
        event=event,
        title="Beliebter Workshop",
        starts_at=start + timezone.timedelta(hours=1),
        ends_at=start + timezone.timedelta(hours=2),
        capacity=seats,
    )
    users = [User(email=person(n), password="!") for n in range(people)]
    User.objects.bulk_create(users)
    User.objects.create(email="solo@example.org", password="!")
    return {"people": people + 1}


def _attempt(email: str) -> tuple[str, int | None]:
    event = Event.objects.get(slug=SLUG)
    session = Session.objects.get(event=event)
    user = User.objects.get(email=email)
    try:
        registration = services.register(event=event, user=user, sessions=[session.pk])
    except services.TryAgainError:
        return "retry", None
    except services.RegistrationRefusedError as error:
        if services.ALREADY_REGISTERED in error.rules:
            return "already", None
        if error.rules == {"session_full"}:
            return "full", None
        return "refused:" + ",".join(sorted(error.rules)), None
    return "accepted", registration.pk


def _run_threads(emails: list[str], threads: int, start_at: float) -> dict:
    outcomes = collections.Counter()
    accepted: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    chunks = [emails[i::threads] for i in range(threads)]

    def work(chunk):
        try:
            barrier.wait()
            time.sleep(max(0.0, start_at - time.time()))
            for email in chunk:
                try:
                    outcome, pk = _attempt(email)
                except Exception as error:  # every other outcome is a failure
                    outcome, pk = f"error:{type(error).__name__}:{error}", None
                with lock:
                    outcomes[outcome] += 1
                    if pk is not None:
                        accepted.append(pk)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"outcomes": dict(outcomes), "accepted": sorted(accepted)}


def count() -> dict:
    session = Session.objects.get(event__slug=SLUG)
    return {
        "confirmed": SessionBooking.objects.filter(session=session, status="confirmed").count(),
        "registrations": Registration.objects.filter(event__slug=SLUG).count(),
        "registration_ids": sorted(
            Registration.objects.filter(event__slug=SLUG).values_list("pk", flat=True)
        ),
        "solo": Registration.objects.filter(user__email="solo@example.org").count(),
    }


def blocked() -> dict:
    """Hold the session's lock in one thread; register and POST the form in another."""
    from django.test import Client

    event = Event.objects.get(slug=SLUG)
    session = Session.objects.get(event=event)
    client = Client(headers={"Origin": "http://testserver"})
    client.force_login(User.objects.get(email=person(1)))  # before the lock: it writes
    holding = threading.Event()
    release = threading.Event()

    def hold():
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    list(Session.objects.select_for_update().filter(pk=session.pk))
                else:  # SQLite: IMMEDIATE took the write lock at BEGIN; make sure of it
                    Session.objects.filter(pk=session.pk).update(title=session.title)
                holding.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    try:
        outcome, _pk = _attempt(person(0))
        response = client.post(f"/veranstaltungen/{SLUG}/anmelden/", {"sessions": [session.pk]})
        page = response.content.decode()
        from django.utils import translation

        with translation.override("de"):
            message = str(services.TryAgainError().messages[0])
        retry_shown = message in page
    finally:
        release.set()
        holder.join()
    return {"service": outcome, "status": response.status_code, "retry_shown": retry_shown}


def main(argv: list[str]) -> dict:
    command = argv[0]
    if command == "setup":
        return setup(int(argv[1]), int(argv[2]))
    if command == "rush":
        first, number, threads, start_at = int(argv[1]), int(argv[2]), int(argv[3]), float(argv[4])
        emails = [person(n) for n in range(first, first + number)]
        return _run_threads(emails, threads, start_at)
    if command == "same":
        threads, start_at = int(argv[1]), float(argv[2])
        return _run_threads(["solo@example.org"] * threads, threads, start_at)
    if command == "count":
        return count()
    if command == "blocked":
        return blocked()
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
