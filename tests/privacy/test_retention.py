"""Retention with frozen time: participant data of a past event goes after the period, not before.

The purge itself is tested in tests/events/test_retention.py; here the clock is moved
(time-machine) and the scheduled command decides, as it does in production.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from voneinander.events.models import Registration, SessionBooking

pytestmark = [pytest.mark.trust("Retention"), pytest.mark.django_db]

ENDED = datetime.datetime(2025, 3, 14, 17, 0, tzinfo=datetime.UTC)


def _past_event(**fields):
    with time_machine.travel(ENDED - datetime.timedelta(days=30), tick=False):
        event = EventFactory(starts_at=ENDED - datetime.timedelta(hours=6), ends_at=ENDED, **fields)
        session = SessionFactory(event=event, starts_at=event.starts_at, ends_at=ENDED)
        for answer in ("Trier", "Mainz"):
            registration = RegistrationFactory(event=event, answers={"1": answer})
            SessionBookingFactory(registration=registration, session=session, attended=True)
    return event


@pytest.mark.parametrize(
    ("days_after", "purged"),
    [(1, False), (364, False), (365, True), (800, True)],
)
def test_participant_data_is_purged_after_the_configured_period(settings, days_after, purged):
    settings.EVENTS_RETENTION_DAYS = 365
    event = _past_event()

    with time_machine.travel(ENDED + datetime.timedelta(days=days_after, minutes=1), tick=False):
        call_command("purge_event_data")

    assert Registration.objects.filter(event=event).exists() is not purged
    assert SessionBooking.objects.filter(session__event=event).exists() is not purged
    event.refresh_from_db()
    assert (event.personal_data_purged_at is not None) is purged
    if purged:
        assert event.retained_figures["registrations"]["confirmed"] == 2


def test_an_events_own_shorter_period_wins_with_frozen_time(settings):
    settings.EVENTS_RETENTION_DAYS = 365
    event = _past_event(retention_days=30)

    with time_machine.travel(ENDED + datetime.timedelta(days=29), tick=False):
        call_command("purge_event_data")
    kept = Registration.objects.filter(event=event).count()
    with time_machine.travel(ENDED + datetime.timedelta(days=30, minutes=1), tick=False):
        call_command("purge_event_data")

    assert kept == 2
    assert not Registration.objects.filter(event=event).exists()
