"""People of the same municipality submit at the same moment: exactly one response is stored.

Real app processes (tests/surveys/answer_probe.py) with many threads each answer
one survey against a database of their own, outside the per-test transaction: a
SQLite file, and, when the suite runs on PostgreSQL (DATABASE_URL=postgres://…,
e.g. `make postgres-test`), a PostgreSQL database made for the test (see
tests/events/test_concurrency.py, whose ProbeDatabase is reused).

The control run drops the unique constraint and must store several responses for
one municipality: it shows that the check before saving alone lets the race
through, so that it is the constraint that keeps the rule.
"""

import json
import time
from pathlib import Path

import pytest

from tests.events.test_concurrency import BACKENDS, ProbeDatabase
from tests.processes import run_project_process

PROBE = Path(__file__).with_name("answer_probe.py")
MUNICIPALITIES, PEOPLE, THREADS_PER_PROCESS = 4, 10, 20


class AnswerProbe(ProbeDatabase):
    """The events' probe database, running this module's probe script."""

    def run(self, *args, env=None) -> dict:
        result = run_project_process(
            [PROBE, *args], tmp_path=self.tmp_path, env=self.env | (env or {}), timeout=300
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])


def _rush(db: AnswerProbe, *setup_flags) -> tuple[dict, dict]:
    db.run("setup", MUNICIPALITIES, PEOPLE, *setup_flags)
    start_at = time.time() + 6  # both processes are set up and waiting by then
    half = PEOPLE // 2
    results = db.in_parallel(
        ("rush", 0, half, THREADS_PER_PROCESS, start_at),
        ("rush", half, PEOPLE - half, THREADS_PER_PROCESS, start_at),
    )
    outcomes: dict[str, int] = {}
    for result in results:
        for outcome, number in result["outcomes"].items():
            outcomes[outcome] = outcomes.get(outcome, 0) + number
    accepted = sorted(pk for result in results for pk in result["accepted"])
    return {"outcomes": outcomes, "accepted": accepted}, db.run("count")


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_ten_people_of_each_municipality_answer_at_once(backend, tmp_path):
    with AnswerProbe(backend, tmp_path) as db:
        rush, state = _rush(db)
    print(backend, rush["outcomes"], state["per_municipality"])  # shown with -s
    total = MUNICIPALITIES * PEOPLE
    assert rush["outcomes"] == {
        "accepted": MUNICIPALITIES,
        "refused:already_answered": total - MUNICIPALITIES,
    }
    assert state["per_municipality"] == {f"Gemeinde {m}": 1 for m in range(MUNICIPALITIES)}
    assert state["response_ids"] == rush["accepted"]


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_a_response_waits_for_a_question_edit_in_progress(backend, tmp_path):
    """Edits and submissions lock the survey: no response slips in between check and edit."""
    with AnswerProbe(backend, tmp_path) as db:
        db.run("setup", 1, 1)
        race = db.run("edit_race")
    print(backend, race)
    assert race["fired"]
    assert race["submitted_during_edit"] is False
    assert race["edit"] == "saved"
    # The response came in after the edit and was checked against the new options.
    assert (race["submission"], race["responses"]) == ("accepted", 1)
    assert race["answered_option_now"] == "Vielleicht"


@pytest.mark.subprocess
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_without_the_constraint_stores_a_municipality_twice(backend, tmp_path):
    with AnswerProbe(backend, tmp_path) as db:
        rush, state = _rush(db, "--without-constraint")
    print(backend, "without constraint", rush["outcomes"], state["per_municipality"])
    assert sum(state["per_municipality"].values()) > MUNICIPALITIES
    assert rush["outcomes"]["accepted"] == sum(state["per_municipality"].values())
