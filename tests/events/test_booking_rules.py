"""The rules engine on its own: facts in, violations out (no database)."""

import datetime

import pytest
from django.utils.translation import gettext, ngettext

from voneinander.events import booking_rules as rules
from voneinander.events.booking_rules import EventRules, QuestionFacts, SessionFacts

BERLIN_TZ = datetime.timezone(datetime.timedelta(hours=2))  # summer time
DAY = datetime.datetime(2020, 9, 11, tzinfo=BERLIN_TZ)


def at(hour, minute=0):
    return DAY.replace(hour=hour, minute=minute)


def session(pk, title, *, start=(13, 0), end=(14, 30), topic="", round_title="", kind="workshop"):
    return SessionFacts(
        pk=pk,
        title=title,
        starts_at=at(*start),
        ends_at=at(*end),
        topic=topic,
        round_title=round_title,
        kind=kind,
        capacity=20,
    )


# Kommunalkongress: two rounds, topics repeat across rounds.
STADT_1 = session(1, "Digitale Stadt I", topic="Digitale Stadt", round_title="Runde 1")
DORF_1 = session(2, "Zukunfts-Check Dorf", topic="Dorf", round_title="Runde 1")
STADT_2 = session(
    3,
    "Digitale Stadt II",
    start=(15, 0),
    end=(16, 30),
    topic="Digitale Stadt",
    round_title="Runde 2",
)
HOME_2 = session(
    4,
    "Homeoffice und Führung",
    start=(15, 0),
    end=(16, 30),
    topic="Homeoffice",
    round_title="Runde 2",
)
LATE = session(5, "Digitale Dörfer", start=(17, 0), end=(18, 0), topic="Dörfer", round_title="")


def congress(**overrides):
    values = {
        "starts_at": at(9),
        "ends_at": at(18),
        "max_sessions": 2,
        "one_per_round": True,
        "one_per_topic": True,
    }
    return EventRules(**(values | overrides))


def test_selection_two_workshops_in_different_rounds_and_topics_pass():
    assert rules.selection_violations(congress(), requested=[STADT_1, HOME_2]) == []


def test_selection_third_workshop_names_the_maximum_and_the_held_ones():
    violations = rules.selection_violations(congress(), held=[STADT_1, HOME_2], requested=[LATE])
    assert [v.rule for v in violations] == [rules.MAX_SESSIONS]
    expected = ngettext(
        "You can book at most %(max)d workshop; you have already booked %(held)s.",
        "You can book at most %(max)d workshops; you have already booked %(held)s.",
        2,
    ) % {
        "max": 2,
        "held": gettext("%(first)s and %(last)s")
        % {"first": "„Digitale Stadt I“", "last": "„Homeoffice und Führung“"},
    }
    assert violations[0].message == expected
    assert violations[0].sessions == (LATE.pk,)


def test_selection_too_many_at_once_names_the_chosen_ones():
    violations = rules.selection_violations(
        congress(one_per_round=False, one_per_topic=False), requested=[STADT_1, DORF_1, LATE]
    )
    assert [v.rule for v in violations] == [rules.MAX_SESSIONS]
    assert "3" in violations[0].message
    assert "„Digitale Stadt I“, „Zukunfts-Check Dorf“" in violations[0].message
    assert "„Digitale Dörfer“" in violations[0].message


def test_selection_maximum_of_talks_says_sessions():
    talk = session(9, "Keynote", kind="talk", start=(10, 0), end=(10, 30))
    message = rules.selection_violations(congress(max_sessions=1), held=[talk], requested=[LATE])[
        0
    ].message
    assert message == ngettext(
        "You can book at most %(max)d session; you have already booked %(held)s.",
        "You can book at most %(max)d sessions; you have already booked %(held)s.",
        1,
    ) % {"max": 1, "held": "„Keynote“"}


def test_selection_overlap_names_both_sessions_and_the_round():
    violations = rules.selection_violations(congress(), held=[STADT_1], requested=[DORF_1])
    assert [v.rule for v in violations] == [rules.ONE_PER_ROUND]
    assert violations[0].message == gettext("%(session)s overlaps with %(other)s (%(round)s).") % {
        "session": "„Zukunfts-Check Dorf“",
        "other": "„Digitale Stadt I“",
        "round": "Runde 1",
    }
    assert violations[0].sessions == (DORF_1.pk, STADT_1.pk)


def test_selection_same_topic_names_the_topic():
    violations = rules.selection_violations(congress(), held=[STADT_1], requested=[STADT_2])
    assert [v.rule for v in violations] == [rules.ONE_PER_TOPIC]
    assert violations[0].message == gettext(
        "%(session)s has the same topic as %(other)s (topic: %(topic)s)."
    ) % {"session": "„Digitale Stadt II“", "other": "„Digitale Stadt I“", "topic": "Digitale Stadt"}


def test_selection_overlap_is_derived_from_times_not_from_the_round():
    # Same round title, but one after the other: no conflict …
    early = session(11, "Früh", start=(13, 0), end=(13, 45), round_title="Runde 1")
    late = session(12, "Spät", start=(13, 45), end=(14, 30), round_title="Runde 1")
    assert rules.selection_violations(congress(), requested=[early, late]) == []
    # … different rounds (none at all), but overlapping times: a conflict, labelled by time.
    a = session(13, "A", start=(13, 0), end=(14, 0))
    b = session(14, "B", start=(13, 30), end=(14, 30))
    violations = rules.selection_violations(congress(), requested=[a, b])
    assert [v.rule for v in violations] == [rules.ONE_PER_ROUND]
    assert "(13:00–14:00)" in violations[0].message


@pytest.mark.parametrize(
    ("topic_a", "topic_b", "conflict"),
    [
        ("Digitale Stadt", "Digitale Stadt", True),
        ("Digitale Stadt", " digitale  stadt ", True),  # case and spaces do not matter
        ("Digitale Stadt", "Digitale Dörfer", False),
        ("", "", False),  # no topic: nothing to compare
    ],
)
def test_selection_topic_comparison(topic_a, topic_b, conflict):
    a = session(21, "A", topic=topic_a)
    b = session(22, "B", topic=topic_b, start=(15, 0), end=(16, 0))
    violations = rules.selection_violations(congress(), requested=[a, b])
    assert (rules.ONE_PER_TOPIC in {v.rule for v in violations}) is conflict


@pytest.mark.parametrize(
    ("overrides", "held", "requested", "expected"),
    [
        ({}, [], [STADT_1, HOME_2], []),
        ({}, [STADT_1], [STADT_1], []),  # a held session requested again is no conflict
        ({}, [], [STADT_1, STADT_1], []),  # duplicates count once
        ({}, [STADT_1, HOME_2], [], []),  # nothing requested, nothing to check
        ({}, [STADT_1], [DORF_1, STADT_2], ["max_sessions", "one_per_round", "one_per_topic"]),
        ({"max_sessions": None}, [STADT_1, HOME_2], [LATE], []),
        ({"max_sessions": 3}, [STADT_1, HOME_2], [LATE], []),
        ({"one_per_round": False}, [STADT_1], [DORF_1], []),
        ({"one_per_topic": False}, [STADT_1], [STADT_2], []),
        ({"max_sessions": 0}, [], [LATE], ["max_sessions"]),
        # The rules all at once: held pairs are not re-judged, only requested ones.
        ({"max_sessions": 1}, [STADT_1, DORF_1], [], []),
    ],
)
def test_selection_rules_combined(overrides, held, requested, expected):
    violations = rules.selection_violations(congress(**overrides), held=held, requested=requested)
    assert [v.rule for v in violations] == expected


@pytest.mark.parametrize(
    ("overrides", "now", "expected"),
    [
        ({}, at(8), []),
        ({"opens_at": at(7)}, at(8), []),
        ({"opens_at": at(9)}, at(8), [rules.WINDOW_NOT_OPEN]),
        ({"closes_at": at(8)}, at(8), [rules.WINDOW_CLOSED]),
        ({"closes_at": at(8, 1)}, at(8), []),
        ({}, at(12), []),  # without a window: until the end of the event
        ({}, at(18), [rules.EVENT_OVER]),
        ({"enabled": False}, at(8), [rules.REGISTRATION_CLOSED]),
        ({"cancelled": True}, at(8), [rules.EVENT_CANCELLED]),
    ],
)
def test_window(overrides, now, expected):
    assert [v.rule for v in rules.window_violations(congress(**overrides), now)] == expected


def test_window_messages_name_the_dates():
    opens = rules.window_violations(congress(opens_at=at(9)), at(8))[0].message
    assert opens == gettext("Registration opens on %(date)s.") % {"date": rules.when(at(9))}
    assert "11" in opens and "9" in opens


@pytest.mark.parametrize(
    ("deadline", "now", "refused"),
    [
        (None, at(8), False),  # without a deadline: until the start
        (None, at(9), True),
        (at(7), at(8), True),
        (at(8, 30), at(8), False),
    ],
)
def test_cancellation_deadline(deadline, now, refused):
    violations = rules.cancellation_violations(congress(cancellation_deadline=deadline), now)
    assert bool(violations) is refused
    if refused:
        assert violations[0].rule == rules.CANCELLATION_DEADLINE


def test_full_sessions_respect_capacity():
    unlimited = SessionFacts(pk=30, title="Offen", starts_at=at(9), ends_at=at(10))
    assert rules.full_sessions([STADT_1, DORF_1, unlimited], {1: 20, 2: 19, 30: 500}) == [STADT_1]
    message = rules.full_violation(STADT_1).message
    assert "„Digitale Stadt I“" in message
    assert rules.full_violation(STADT_1).rule == rules.SESSION_FULL


QUESTIONS = [
    QuestionFacts(pk=1, label="Essen", kind="choice", required=True, choices=("vegan", "alles")),
    QuestionFacts(pk=2, label="Foto ok?", kind="yes_no"),
    QuestionFacts(pk=3, label="Anmerkung", kind="text"),
]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"1": "vegan"}, []),
        ({"1": "vegan", "2": "no", "3": "Bis bald"}, []),
        ({}, [rules.REQUIRED_QUESTION]),
        ({"1": "   "}, [rules.REQUIRED_QUESTION]),
        ({"1": "Fisch"}, [rules.INVALID_ANSWER]),
        ({"1": "alles", "2": "vielleicht"}, [rules.INVALID_ANSWER]),
    ],
)
def test_answers(answers, expected):
    violations = rules.answer_violations(QUESTIONS, answers)
    assert [v.rule for v in violations] == expected
    for violation in violations:
        assert "„" in violation.message  # names the question


def test_names_joins_with_and():
    assert rules.names([]) == ""
    assert rules.names(["A"]) == "„A“"
    assert rules.names(["A", "B", "C"]) == gettext("%(first)s and %(last)s") % {
        "first": "„A“, „B“",
        "last": "„C“",
    }
