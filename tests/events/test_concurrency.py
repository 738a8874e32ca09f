"""Seats are never overbooked and no registration is lost, with two app processes at once.

Each test starts real app processes (tests/events/booking_probe.py) against a
database of their own, outside the per-test transaction: a SQLite file (IMMEDIATE
transactions, busy timeout), and, when the suite runs on PostgreSQL
(DATABASE_URL=postgres://…, e.g. `make postgres-test`), a PostgreSQL database
created on the same server for the test and dropped afterwards.

The control run switches the lock off (EVENTS_BOOKING_LOCK=0: count in one
transaction, insert in another) and must overbook, which shows that the test
can see the race at all.
"""

import json
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.processes import run_project_process

PROBE = Path(__file__).with_name("booking_probe.py")
SEATS, PEOPLE, THREADS_PER_PROCESS = 20, 80, 20
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not ON_POSTGRES, reason="the suite does not run on PostgreSQL"),
    ),
]


class ProbeDatabase:
    """Where the probe processes keep their data: a SQLite file or a fresh PostgreSQL db."""

    def __init__(self, backend: str, tmp_path: Path):
        self.backend = backend
        self.tmp_path = tmp_path
        self.env: dict[str, str] = {}
        self.name = ""

    def __enter__(self):
        if self.backend == "postgresql":
            import psycopg

            self.name = f"vn_probe_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(self._url("postgres"), autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')
            self.env = {"DATABASE_URL": self._url(self.name)}
        return self

    def __exit__(self, *exc):
        if self.backend == "postgresql":
            import psycopg

            with psycopg.connect(self._url("postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _url(self, database: str) -> str:
        parts = urlsplit(SERVER_URL)
        return urlunsplit(parts._replace(path=f"/{database}"))

    def run(self, *args, env=None) -> dict:
        result = run_project_process(
            [PROBE, *args], tmp_path=self.tmp_path, env=self.env | (env or {}), timeout=300
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    def in_parallel(self, *commands, env=None) -> list[dict]:
        with ThreadPoolExecutor(max_workers=len(commands)) as pool:
            futures = [pool.submit(self.run, *command, env=env) for command in commands]
            return [future.result() for future in futures]


def _rush(db: ProbeDatabase, env=None) -> tuple[dict, dict]:
    db.run("setup", SEATS, PEOPLE)
    start_at = time.time() + 6  # both processes are set up and waiting by then
    half = PEOPLE // 2
    results = db.in_parallel(
        ("rush", 0, half, THREADS_PER_PROCESS, start_at),
        ("rush", half, PEOPLE - half, THREADS_PER_PROCESS, start_at),
        env=env,
    )
    outcomes: dict[str, int] = {}
    for result in results:
        for outcome, number in result["outcomes"].items():
            outcomes[outcome] = outcomes.get(outcome, 0) + number
    accepted = sorted(pk for result in results for pk in result["accepted"])
    return {"outcomes": outcomes, "accepted": accepted}, db.run("count")


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_80_people_for_20_seats_from_two_processes(backend, tmp_path):
    with ProbeDatabase(backend, tmp_path) as db:
        rush, state = _rush(db)
    print(backend, rush["outcomes"], state["confirmed"])  # shown with -s, for the report
    assert rush["outcomes"] == {"accepted": SEATS, "full": PEOPLE - SEATS}
    assert state["confirmed"] == SEATS
    # Nothing lost: every accepted registration is in the database, and only those.
    assert state["registration_ids"] == rush["accepted"]


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_without_the_lock_overbooks(backend, tmp_path):
    """The control run: a plain check-then-insert lets more than 20 in."""
    with ProbeDatabase(backend, tmp_path) as db:
        rush, state = _rush(db, env={"EVENTS_BOOKING_LOCK": "0"})
    print(backend, "without lock", rush["outcomes"], state["confirmed"])
    assert state["confirmed"] > SEATS
    assert rush["outcomes"]["accepted"] == state["confirmed"]


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_ten_identical_submissions_give_one_registration(backend, tmp_path):
    with ProbeDatabase(backend, tmp_path) as db:
        db.run("setup", SEATS, 2)
        start_at = time.time() + 6
        results = db.in_parallel(("same", 5, start_at), ("same", 5, start_at))
        state = db.run("count")
    outcomes: dict[str, int] = {}
    for result in results:
        for outcome, number in result["outcomes"].items():
            outcomes[outcome] = outcomes.get(outcome, 0) + number
    assert outcomes == {"accepted": 1, "already": 9}
    assert state["solo"] == 1
    assert state["confirmed"] == 1


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_lock_timeout_asks_to_try_again(backend, tmp_path):
    """A lock held too long elsewhere: the friendly retry message, never a 500."""
    env = {"EVENTS_LOCK_TIMEOUT": "300ms", "SQLITE_BUSY_TIMEOUT": "1"}
    with ProbeDatabase(backend, tmp_path) as db:
        db.run("setup", SEATS, 2)
        result = db.run("blocked", env=env)
        state = db.run("count")
    assert result == {"service": "retry", "status": 200, "retry_shown": True}
    assert state["registrations"] == 0
