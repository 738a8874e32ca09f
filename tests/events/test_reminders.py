"""Reminders go out once per registration and reminder, whenever the job runs."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tests.events.factories import EventFactory, RegistrationFactory, SessionBookingFactory
from voneinander.events import tasks
from voneinander.events.models import ReminderSent
from voneinander.events.registration_services import send_due_reminders

pytestmark = pytest.mark.django_db


def run_command():
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def reminded_event(hours=(24,), email="dabei@example.org", **fields):
    event = EventFactory(title="Netzwerktreffen Herbst", reminder_hours=list(hours), **fields)
    registration = RegistrationFactory(event=event, user__email=email)
    return event, registration


def test_reminder_is_sent_once_within_its_window():
    event, registration = reminded_event()
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=25)):
        assert send_due_reminders() == 0  # not yet due
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=23)):
        run_command()
        run_command()  # the job runs again: nothing new
    (message,) = mail.outbox
    assert message.to == ["dabei@example.org"]
    assert "Netzwerktreffen Herbst" in message.subject
    assert any(name.endswith(".ics") for name, *_ in message.attachments)
    assert list(ReminderSent.objects.values_list("registration_id", "hours")) == [
        (registration.pk, 24)
    ]


def test_reminder_each_of_several_once():
    event, _registration = reminded_event(hours=(24, 1))
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=20)):
        assert send_due_reminders() == 1
    with time_machine.travel(event.starts_at - datetime.timedelta(minutes=30)):
        assert send_due_reminders() == 1
        assert send_due_reminders() == 0
    assert len(mail.outbox) == 2


def test_reminder_several_due_at_once_send_one_mail():
    event, registration = reminded_event(hours=(24, 1))
    with time_machine.travel(event.starts_at - datetime.timedelta(minutes=30)):
        assert send_due_reminders() == 1
    assert len(mail.outbox) == 1
    assert sorted(registration.reminders_sent.values_list("hours", flat=True)) == [1, 24]


def test_reminder_not_after_the_start_nor_for_cancelled_ones():
    event, _registration = reminded_event()
    RegistrationFactory(event=event, status="cancelled")
    RegistrationFactory(event=event, status="waitlisted")
    reminded_event(
        email="abgesagt@example.org",
        starts_at=event.starts_at,
        cancelled_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    with time_machine.travel(event.starts_at + datetime.timedelta(minutes=1)):
        assert send_due_reminders() == 0
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=1)):
        assert send_due_reminders() == 1  # only the confirmed registration of the live event
    assert [m.to for m in mail.outbox] == [["dabei@example.org"]]


def test_reminder_lists_the_sessions():
    event, registration = reminded_event()
    SessionBookingFactory(
        registration=registration, session__event=event, session__title="Werkstatt"
    )
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=2)):
        tasks.send_event_reminders.enqueue()
    (message,) = mail.outbox
    assert "Werkstatt" in message.body


def test_reminder_command_can_queue_the_task():
    event, _registration = reminded_event()
    out = io.StringIO()
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=2)):
        call_command("send_event_reminders", "--queue", stdout=out)
    assert len(mail.outbox) == 1  # tasks run at once in the tests
