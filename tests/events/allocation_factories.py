"""Factories for preference mode: an event whose places are allocated by ranking."""

import datetime

import factory
from django.utils import timezone

from tests.events.factories import EventFactory, RegistrationFactory, RoundFactory, SessionFactory
from voneinander.events.models import AllocationMode, EventKind, Preference


class PreferenceEventFactory(EventFactory):
    """A congress in preference mode: at most two workshops, one per round, one per topic."""

    kind = EventKind.CONGRESS
    title = factory.Sequence(lambda n: f"Kommunalkongress {n}")
    allocation_mode = AllocationMode.PREFERENCES
    preferences_close_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    max_sessions_per_person = 2
    one_session_per_round = True
    one_session_per_topic = True


def workshops(
    event,
    *,
    capacity=2,
    topics=(
        ("Digitale Stadt", "Homeoffice", "Dorf"),
        ("Digitale Stadt", "Homeoffice", "Smarte Lösungen"),
    ),
):
    """Two rounds of workshops; a topic named in both rounds is one workshop offered twice."""
    sessions = []
    for index, round_topics in enumerate(topics):
        round_ = RoundFactory(
            event=event,
            title=f"Workshop-Runde {index + 1}",
            starts_at=event.starts_at + datetime.timedelta(hours=1 + 2 * index),
            ends_at=event.starts_at + datetime.timedelta(hours=2 + 2 * index, minutes=30),
        )
        for topic in round_topics:
            sessions.append(
                SessionFactory(
                    event=event,
                    round=round_,
                    title=f"{topic} ({index + 1})",
                    topic=topic,
                    capacity=capacity,
                )
            )
    return sessions


def rank(registration, *sessions):
    """Store a ranking directly: the given sessions in order, first choice first."""
    Preference.objects.filter(registration=registration).delete()
    for position, session in enumerate(sessions, start=1):
        Preference.objects.create(registration=registration, session=session, rank=position)
    return registration


def participant(event, *sessions, **extra):
    """A confirmed registration with the given ranking."""
    return rank(RegistrationFactory(event=event, **extra), *sessions)
