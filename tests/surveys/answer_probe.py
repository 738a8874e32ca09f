"""An app process answering a survey for many people at once (tests/surveys/test_concurrency.py).

Usage:
  answer_probe.py setup MUNICIPALITIES PEOPLE [--without-constraint]
        migrate; an open survey answered per municipality, MUNICIPALITIES member
        municipalities with PEOPLE confirmed people each. The control run drops the
        unique constraint, leaving only the check before saving.
  answer_probe.py rush FIRST COUNT THREADS START_AT
        people FIRST … FIRST+COUNT-1 of every municipality submit at once
  answer_probe.py count      the responses per municipality
  answer_probe.py edit_race  a coordinator renames the options while, right after the
        check "no responses yet", a person submits a response from another thread

Prints one JSON object. Runs with the development settings (SQLite in IMMEDIATE
mode with a busy timeout, or PostgreSQL from DATABASE_URL), as an app process does.
Threads wait for a barrier and for the wall-clock moment START_AT, so that the
two processes and all their threads submit together.
"""

import collections
import datetime
import json
import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from voneinander.accounts.models import User  # noqa: E402
from voneinander.municipalities.models import Municipality  # noqa: E402
from voneinander.networks.models import Membership, Network  # noqa: E402
from voneinander.surveys import services  # noqa: E402
from voneinander.surveys.models import Option, Question, Response, Survey  # noqa: E402

TITLE = "Ansturm"


def person(municipality: int, number: int) -> str:
    return f"person{number}@gemeinde{municipality}.example.org"


def setup(municipalities: int, people: int, without_constraint: bool) -> dict:
    call_command("migrate", verbosity=0)
    network = Network.objects.create(name="Netz", short_name="Netz", slug="netz", operator="MdI")
    survey = Survey.objects.create(
        network=network,
        title=TITLE,
        state="open",
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    question = Question.objects.create(survey=survey, kind="single", text="Ja?")
    Option.objects.create(question=question, position=0, text="Ja")
    Option.objects.create(question=question, position=1, text="Nein")
    now = timezone.now()
    for m in range(municipalities):
        municipality = Municipality.objects.create(name=f"Gemeinde {m}", kind="ortsgemeinde")
        Membership.objects.create(
            network=network, municipality=municipality, member_since=datetime.date(2020, 1, 1)
        )
        User.objects.bulk_create(
            User(
                email=person(m, n),
                password="!",
                municipality=municipality,
                municipality_confirmed_at=now,
            )
            for n in range(people)
        )
    if without_constraint:
        constraint = next(
            c
            for c in Response._meta.constraints
            if c.name == "one_survey_response_per_municipality"
        )
        with connection.schema_editor() as editor:
            editor.remove_constraint(Response, constraint)
    return {"people": municipalities * people}


def _attempt(email: str) -> tuple[str, int | None]:
    survey = Survey.objects.select_related("network").get(title=TITLE)
    user = User.objects.get(email=email)
    option = Option.objects.filter(question__survey=survey).first()
    try:
        response = services.submit_response(
            survey=survey, user=user, answers={option.question_id: option.pk}
        )
    except ValidationError as error:
        return f"refused:{error.code}", None
    return "accepted", response.pk


def rush(emails: list[str], threads: int, start_at: float) -> dict:
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


def edit_race() -> dict:
    """Rename the options; a response comes in just after the edit's check for responses.

    The submission runs in a thread of its own (its own connection), started from
    inside the edit as soon as the edit has asked whether responses exist, and is
    given two seconds. If it got through meanwhile, the edit went on to change the
    options of an answered question.
    """
    survey = Survey.objects.select_related("network").get(title=TITLE)
    question = survey.questions.get()
    coordinator = User.objects.create(email="koordination@example.org", password="!")
    respondent = User.objects.get(email=person(0, 0))
    chosen = question.options.get(position=0)
    state = {"submission": None, "fired": False}

    def submit():
        try:
            fresh = Survey.objects.select_related("network").get(pk=survey.pk)
            services.submit_response(
                survey=fresh, user=respondent, answers={question.pk: chosen.pk}
            )
            state["submission"] = "accepted"
        except ValidationError as error:
            state["submission"] = f"refused:{error.code}"
        finally:
            connections.close_all()

    worker = threading.Thread(target=submit)

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not state["fired"] and "surveys_response" in sql:
            state["fired"] = True
            worker.start()
            worker.join(timeout=2)
            state["submitted_during_edit"] = not worker.is_alive()
        return result

    try:
        with connection.execute_wrapper(wrapper):
            services.save_question(
                survey=survey,
                by=coordinator,
                question=question,
                values={"kind": "single", "text": "Ja?", "required": True},
                options=["Vielleicht", "Nein"],
            )
        edit = "saved"
    except ValidationError as error:
        edit = f"refused:{error.code}"
    if state["fired"]:
        worker.join()
    chosen.refresh_from_db()
    return {
        "edit": edit,
        "fired": state["fired"],
        "submitted_during_edit": state.get("submitted_during_edit"),
        "submission": state["submission"],
        "responses": Response.objects.filter(survey=survey).count(),
        "answered_option_now": chosen.text,
    }


def count() -> dict:
    per_municipality = dict(
        Response.objects.values_list("municipality__name").annotate(n=Count("pk"))
    )
    return {
        "per_municipality": per_municipality,
        "response_ids": sorted(Response.objects.values_list("pk", flat=True)),
    }


def main(argv: list[str]) -> dict:
    command = argv[0]
    if command == "setup":
        return setup(int(argv[1]), int(argv[2]), "--without-constraint" in argv)
    if command == "rush":
        first, number, threads, start_at = int(argv[1]), int(argv[2]), int(argv[3]), float(argv[4])
        municipalities = Municipality.objects.count()
        emails = [person(m, n) for n in range(first, first + number) for m in range(municipalities)]
        return rush(emails, threads, start_at)
    if command == "count":
        return count()
    if command == "edit_race":
        return edit_race()
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
