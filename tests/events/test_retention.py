"""Retention: the personal data of past events is deleted after the period; counts stay."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.events.allocation_factories import PreferenceEventFactory, participant, workshops
from tests.events.factories import (
    EventFactory,
    PreferenceFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from voneinander.audit.models import AuditEvent
from voneinander.events import allocation_services, participants
from voneinander.events.models import (
    AllocationRun,
    Event,
    Preference,
    Registration,
    ReminderSent,
    SessionBooking,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _ended(days_ago: float, **extra) -> Event:
    ends_at = timezone.now() - days_ago * DAY
    return EventFactory(starts_at=ends_at - datetime.timedelta(hours=6), ends_at=ends_at, **extra)


def _with_people(event: Event) -> Event:
    """Two sessions; three confirmed people (two attended one session), one cancelled,
    one on a waiting list; answers, a preference and a reminder."""
    stadt = SessionFactory(event=event, title="Digitale Stadt", starts_at=event.starts_at)
    dorf = SessionFactory(event=event, title="Zukunfts-Check Dorf", starts_at=event.starts_at)
    for attended in (True, True, False):
        registration = RegistrationFactory(
            event=event,
            answers={"1": "Kaiserslautern"},
            checked_in_at=timezone.now() if attended else None,
        )
        SessionBookingFactory(registration=registration, session=stadt, attended=attended)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    SessionBookingFactory(registration=waiting, session=dorf, status="waitlisted")
    PreferenceFactory(registration=waiting, session=dorf, rank=1)
    RegistrationFactory(event=event, status="cancelled")
    ReminderSent.objects.create(registration=waiting, hours=24)
    return event


def test_purge_deletes_personal_data_and_keeps_anonymous_figures():
    event = _with_people(_ended(366))
    [result] = participants.purge_due_events()
    assert (result.registrations, result.bookings, result.preferences, result.other) == (
        5,
        4,
        1,
        1,
    )
    assert not Registration.objects.filter(event=event).exists()
    assert not SessionBooking.objects.filter(session__event=event).exists()
    assert not Preference.objects.filter(session__event=event).exists()
    assert not ReminderSent.objects.exists()
    event.refresh_from_db()
    assert event.personal_data_purged_at is not None
    kept = event.retained_figures
    assert kept["registrations"] == {
        "confirmed": 3,
        "pending": 0,
        "waitlisted": 1,
        "declined": 0,
        "cancelled": 1,
    }
    assert kept["checked_in"] == 2
    by_title = {figures["title"]: figures for figures in kept["sessions"].values()}
    assert by_title["Digitale Stadt"] == {
        "title": "Digitale Stadt",
        "booked": 3,
        "waitlisted": 0,
        "attended": 2,
        "ranked": 0,
    }
    assert by_title["Zukunfts-Check Dorf"]["waitlisted"] == 1
    assert by_title["Zukunfts-Check Dorf"]["ranked"] == 1
    # The programme itself stays.
    assert event.sessions.count() == 2


def test_purge_is_audited_with_counts():
    event = _with_people(_ended(400))
    participants.purge_due_events()
    audit = AuditEvent.objects.get(action="event.personal_data_purged")
    assert audit.actor is None
    assert audit.target_id == str(event.pk)
    assert audit.data["registrations"] == 5
    assert audit.data["bookings"] == 4
    assert audit.data["retention_days"] == 365


def test_purge_never_touches_events_within_the_period():
    recent = _with_people(_ended(364))
    upcoming = _with_people(EventFactory())
    running = _with_people(_ended(-0.1))
    assert participants.purge_due_events() == []
    for event in (recent, upcoming, running):
        assert Registration.objects.filter(event=event).count() == 5
        event.refresh_from_db()
        assert event.personal_data_purged_at is None
    assert not AuditEvent.objects.filter(action="event.personal_data_purged").exists()


def test_purge_of_an_event_within_its_period_is_refused():
    event = _with_people(_ended(10))
    with pytest.raises(ValidationError):
        participants.purge_event_data(event=event)
    assert Registration.objects.filter(event=event).count() == 5


def test_purge_follows_the_setting(settings):
    settings.EVENTS_RETENTION_DAYS = 30
    due = _with_people(_ended(31))
    kept = _with_people(_ended(29))
    assert [r.event_id for r in participants.purge_due_events()] == [due.pk]
    assert Registration.objects.filter(event=kept).count() == 5


def test_purge_follows_the_events_own_period():
    shorter = _with_people(_ended(31, retention_days=30))
    longer = _with_people(_ended(400, retention_days=500))
    default = _with_people(_ended(366))
    purged = {r.event_id for r in participants.purge_due_events()}
    assert purged == {shorter.pk, default.pk}
    assert Registration.objects.filter(event=longer).count() == 5


def test_purge_is_idempotent():
    event = _with_people(_ended(366))
    first = participants.purge_due_events()
    assert len(first) == 1
    before = event.__class__.objects.get(pk=event.pk).retained_figures
    assert participants.purge_due_events() == []
    assert Event.objects.get(pk=event.pk).retained_figures == before
    assert AuditEvent.objects.filter(action="event.personal_data_purged").count() == 1


def test_late_registrations_are_purged_and_added_to_the_figures():
    event = _with_people(_ended(366))
    participants.purge_due_events()
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    [result] = participants.purge_due_events()
    assert result.registrations == 1
    event.refresh_from_db()
    assert event.retained_figures["registrations"]["confirmed"] == 4
    assert event.retained_figures["checked_in"] == 3


def test_purge_clears_allocation_assignments_and_the_result_page_still_works(world, client_as):
    event = PreferenceEventFactory(
        networks=[world.network],
        starts_at=timezone.now() - 400 * DAY,
        ends_at=timezone.now() - 400 * DAY + datetime.timedelta(hours=6),
        preferences_close_at=timezone.now() - 401 * DAY,
    )
    sessions = workshops(event)
    participant(event, sessions[0], sessions[3])
    participant(event, sessions[1], sessions[4])
    run = allocation_services.run_allocation(event=event, by=world.user("coordinator"), seed=3)
    summary = run.summary
    participants.purge_due_events()
    run.refresh_from_db()
    assert run.assignments == {}
    assert run.summary == summary
    response = client_as(world.user("coordinator")).get(
        reverse("events:allocation_result", kwargs={"slug": event.slug, "pk": run.pk})
    )
    assert response.status_code == 200
    assert AllocationRun.objects.filter(event=event).count() == 1


def test_manage_page_shows_the_figures_kept(world, client_as):
    event = _with_people(_ended(366, networks=[world.network]))
    participants.purge_due_events()
    response = client_as(world.user("coordinator")).get(
        reverse("events:participants_manage", kwargs={"slug": event.slug})
    )
    page = response.content.decode()
    assert response.context["registrations"] == []
    assert 'data-kept="confirmed">3<' in page
    assert 'data-kept="checked-in">2<' in page
    assert "Digitale Stadt" in page


def test_participant_list_of_a_purged_event_says_so(world, client_as):
    event = _with_people(_ended(366, networks=[world.network]))
    participants.purge_due_events()
    response = client_as(world.user("coordinator")).get(
        reverse("events:participants", kwargs={"slug": event.slug})
    )
    assert response.status_code == 200
    assert response.context["listing"].people == []


# --- The command ------------------------------------------------------------------------------


def test_command_deletes_and_reports(capsys):
    event = _with_people(_ended(366))
    call_command("purge_event_data")
    out = capsys.readouterr().out
    assert event.slug in out
    assert not Registration.objects.filter(event=event).exists()
    call_command("purge_event_data")
    assert AuditEvent.objects.filter(action="event.personal_data_purged").count() == 1


def test_command_dry_run_changes_nothing(capsys):
    event = _with_people(_ended(366))
    _with_people(_ended(10))
    call_command("purge_event_data", "--dry-run")
    out = capsys.readouterr().out
    assert event.slug in out
    assert Registration.objects.count() == 10


def test_command_queues_the_task():
    """In tests, tasks run as soon as they are queued (the immediate backend)."""
    event = _with_people(_ended(366))
    call_command("purge_event_data", "--queue")
    assert not Registration.objects.filter(event=event).exists()


def test_purge_removes_who_rated_which_session_but_keeps_the_ratings():
    from tests.events.factories import EventFactory, SessionFactory
    from voneinander.events.models import Feedback, FeedbackReceipt

    ended = timezone.now() - datetime.timedelta(days=400)
    event = EventFactory(starts_at=ended - datetime.timedelta(hours=3), ends_at=ended)
    session = SessionFactory(
        event=event,
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    person = RegistrationFactory(event=event).user
    FeedbackReceipt.objects.create(session=session, user=person)
    Feedback.objects.create(session=session, rating=4, text="Hilfreich", given_on=ended.date())

    participants.purge_event_data(event=event)

    assert not FeedbackReceipt.objects.filter(session=session).exists()
    assert Feedback.objects.filter(session=session).count() == 1
