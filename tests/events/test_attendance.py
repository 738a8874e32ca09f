"""Attendance: organisers check people in (event and sessions), self check-in while the
event runs, certificates of attendance (PDF, read back with pypdf)."""

import datetime
import io

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from pypdf import PdfReader

from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
    berlin,
)
from tests.factories import UserFactory
from voneinander.events import attendance
from voneinander.events.models import Registration, SessionBooking

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name, event, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def _messages(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _running_event(world, **extra):
    """An event of alpha that started an hour ago, with a session running now."""
    now = timezone.now()
    event = EventFactory(
        networks=[world.network],
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        **extra,
    )
    running = SessionFactory(
        event=event,
        title="Digitale Stadt",
        starts_at=now - datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(minutes=60),
    )
    later = SessionFactory(
        event=event,
        title="Zukunfts-Check Dorf",
        starts_at=now + datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=3),
    )
    return event, running, later


# --- Organisers: the event --------------------------------------------------------------


def test_organiser_checks_in_without_javascript(world, client_as):
    event = EventFactory(networks=[world.network])
    registration = RegistrationFactory(event=event)
    response = client_as(world.user("coordinator")).post(
        _url("check_in", event, pk=registration.pk), {"action": "in"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("participants_manage", event) + f"#person-{registration.pk}"
    assert _messages(response)[0][0] == "success"
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_checking_in_twice_keeps_the_first_time(world):
    registration = RegistrationFactory(event=EventFactory(networks=[world.network]))
    first = timezone.now() - datetime.timedelta(minutes=10)
    attendance.check_in(registration=registration, by=None, now=first)
    attendance.check_in(registration=registration, by=None)
    registration.refresh_from_db()
    assert registration.checked_in_at == first


def test_undoing_a_check_in_clears_the_sessions_too(world, client_as):
    event = EventFactory(networks=[world.network])
    booking = SessionBookingFactory(
        session__event=event,
        registration__event=event,
        attended=True,
    )
    registration = booking.registration
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())
    client_as(world.user("coordinator")).post(
        _url("check_in", event, pk=registration.pk), {"action": "out"}
    )
    registration.refresh_from_db()
    booking.refresh_from_db()
    assert (registration.checked_in_at, booking.attended) == (None, False)


def test_organiser_checks_in_with_htmx_and_gets_the_row(world, client_as):
    event = EventFactory(networks=[world.network])
    registration = RegistrationFactory(event=event)
    response = client_as(world.user("coordinator")).post(
        _url("check_in", event, pk=registration.pk), {"action": "in"}, **HTMX
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith(f'<tr class="kern-table__row" id="person-{registration.pk}"')
    assert 'data-checked-in="yes"' in row
    assert 'data-action="undo-check-in"' in row
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("status", ["pending", "waitlisted", "cancelled", "declined"])
def test_only_confirmed_people_can_be_checked_in(world, client_as, status):
    event = EventFactory(networks=[world.network])
    registration = RegistrationFactory(event=event, status=status)
    client = client_as(world.user("coordinator"))
    response = client.post(_url("check_in", event, pk=registration.pk), {"action": "in"})
    assert response.status_code == 302
    [(level, text)] = _messages(response)
    assert level == "error" and registration.user.display_name in text
    response = client.post(_url("check_in", event, pk=registration.pk), {"action": "in"}, **HTMX)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_with_a_bad_action_says_so(world, client_as):
    event = EventFactory(networks=[world.network])
    registration = RegistrationFactory(event=event)
    response = client_as(world.user("coordinator")).post(
        _url("check_in", event, pk=registration.pk), {"action": "vielleicht"}
    )
    assert [level for level, _text in _messages(response)] == ["error"]
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_of_another_events_registration_is_not_found(world, client_as):
    event = EventFactory(networks=[world.network])
    elsewhere = RegistrationFactory(event=EventFactory(networks=[world.network]))
    response = client_as(world.user("coordinator")).post(
        _url("check_in", event, pk=elsewhere.pk), {"action": "in"}
    )
    assert response.status_code == 404


# --- Organisers: sessions ------------------------------------------------------------------------


def test_session_attendance_lists_the_places_by_name(world, client_as):
    session = SessionFactory(event=EventFactory(networks=[world.network]))
    event = session.event
    for first, last in [("Zora", "Zett"), ("Anton", "Alpha")]:
        registration = RegistrationFactory(
            event=event, user=UserFactory(first_name=first, last_name=last)
        )
        SessionBookingFactory(session=session, registration=registration)
    SessionBookingFactory(session=session, registration__event=event, status="waitlisted")
    response = client_as(world.user("coordinator")).get(
        _url("session_attendance", event, pk=session.pk)
    )
    names = [b.registration.user.display_name for b in response.context["bookings"]]
    assert names == ["Anton Alpha", "Zora Zett"]


def test_marking_present_checks_the_person_in(world, client_as):
    booking = SessionBookingFactory(session__event=EventFactory(networks=[world.network]))
    event = booking.session.event
    response = client_as(world.user("coordinator")).post(
        _url("booking_attendance", event, pk=booking.pk), {"attended": "1"}
    )
    assert response["Location"] == (
        _url("session_attendance", event, pk=booking.session_id) + f"#booking-{booking.pk}"
    )
    booking.refresh_from_db()
    booking.registration.refresh_from_db()
    assert booking.attended is True
    assert booking.registration.checked_in_at is not None


def test_marking_present_with_htmx_returns_the_row(world, client_as):
    booking = SessionBookingFactory(session__event=EventFactory(networks=[world.network]))
    event = booking.session.event
    client = client_as(world.user("coordinator"))
    response = client.post(
        _url("booking_attendance", event, pk=booking.pk), {"attended": "1"}, **HTMX
    )
    assert 'data-attended="yes"' in response.content.decode()
    response = client.post(
        _url("booking_attendance", event, pk=booking.pk), {"attended": "0"}, **HTMX
    )
    assert 'data-attended="no"' in response.content.decode()
    booking.refresh_from_db()
    assert booking.attended is False


def test_a_waiting_place_cannot_be_marked_present(world, client_as):
    booking = SessionBookingFactory(
        session__event=EventFactory(networks=[world.network]), status="waitlisted"
    )
    response = client_as(world.user("coordinator")).post(
        _url("booking_attendance", booking.session.event, pk=booking.pk), {"attended": "1"}
    )
    [(level, text)] = _messages(response)
    assert level == "error" and booking.session.title in text
    booking.refresh_from_db()
    assert booking.attended is False


def test_marking_present_with_a_bad_value_says_so(world, client_as):
    booking = SessionBookingFactory(session__event=EventFactory(networks=[world.network]))
    response = client_as(world.user("coordinator")).post(
        _url("booking_attendance", booking.session.event, pk=booking.pk), {"attended": "ja"}
    )
    assert [level for level, _text in _messages(response)] == ["error"]


def test_session_attendance_query_count_does_not_grow(
    world, client_as, django_assert_max_num_queries
):
    session = SessionFactory(event=EventFactory(networks=[world.network]))
    SessionBookingFactory(session=session)
    client = client_as(world.user("coordinator"))
    url = _url("session_attendance", session.event, pk=session.pk)
    client.get(url)
    with django_assert_max_num_queries(99) as one:
        client.get(url)
    for _ in range(15):
        SessionBookingFactory(session=session, attended=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["bookings"]) == 16
    assert response.context["attended"] == 15


# --- Self check-in ------------------------------------------------------------------------------


def test_self_check_in_while_the_event_runs(world, client_as):
    event, _running, _later = _running_event(world, self_check_in=True)
    registration = RegistrationFactory(event=event, user=world.user("member"))
    client = client_as(world.user("member"))
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'data-action="self-check-in"' in page
    response = client.post(_url("self_check_in", event), {"check_in": "event"})
    assert response["Location"] == event.get_absolute_url() + "#teilnahme"
    assert [level for level, _text in _messages(response)] == ["success"]
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'data-attendance="checked-in"' in page
    assert 'data-action="self-check-in"' not in page


def test_self_check_in_for_a_running_session_marks_it(world, client_as):
    event, running, later = _running_event(world, self_check_in=True)
    registration = RegistrationFactory(event=event, user=world.user("member"))
    mine = SessionBookingFactory(registration=registration, session=running)
    SessionBookingFactory(registration=registration, session=later)
    client = client_as(world.user("member"))
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'data-session="{running.pk}"' in page
    assert f'data-session="{later.pk}"' not in page  # not running yet
    client.post(_url("self_check_in", event), {"session": str(running.pk)})
    mine.refresh_from_db()
    registration.refresh_from_db()
    assert mine.attended is True and registration.checked_in_at is not None
    response = client.post(_url("self_check_in", event), {"session": str(later.pk)})
    (level, text) = _messages(response)[-1]
    assert level == "error" and "Zukunfts-Check Dorf" in text
    assert SessionBooking.objects.get(registration=registration, session=later).attended is False


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("disabled", "The organisers check participants in for this event."),
        ("before", "You can check in only while the event runs, from %(start)s to %(end)s."),
        ("after", "You can check in only while the event runs, from %(start)s to %(end)s."),
        ("cancelled", "This event has been cancelled."),
        ("pending", "Only confirmed participants can check in."),
        ("unregistered", "Only confirmed participants can check in."),
    ],
)
def test_self_check_in_is_refused_with_a_reason(world, client_as, setup, expected):
    now = timezone.now()
    event, _running, _later = _running_event(world, self_check_in=setup != "disabled")
    if setup in {"before", "after"}:
        shift = datetime.timedelta(days=2 if setup == "before" else -2)
        event.starts_at += shift
        event.ends_at += shift
        event.save()
    if setup == "cancelled":
        event.cancelled_at = now
        event.save()
    if setup != "unregistered":
        RegistrationFactory(
            event=event,
            user=world.user("member"),
            status="pending" if setup == "pending" else "confirmed",
        )
    response = client_as(world.user("member")).post(_url("self_check_in", event))
    [(level, text)] = _messages(response)
    # The message as the (German) visitor reads it, up to its first placeholder.
    assert level == "error" and gettext(expected).split("%(")[0] in text
    assert not Registration.objects.filter(event=event, checked_in_at__isnull=False).exists()


@pytest.mark.parametrize("value", ["abc", "-3"])
def test_self_check_in_with_a_bad_session_says_so(world, client_as, value):
    event, _running, _later = _running_event(world, self_check_in=True)
    RegistrationFactory(event=event, user=world.user("member"))
    response = client_as(world.user("member")).post(
        _url("self_check_in", event), {"session": value}
    )
    assert [level for level, _text in _messages(response)] == ["error"]


def test_self_check_in_for_a_session_of_another_event_says_so(world, client_as):
    event, _running, _later = _running_event(world, self_check_in=True)
    RegistrationFactory(event=event, user=world.user("member"))
    foreign = SessionFactory(event=EventFactory(networks=[world.network]))
    response = client_as(world.user("member")).post(
        _url("self_check_in", event), {"session": str(foreign.pk)}
    )
    assert [level for level, _text in _messages(response)] == ["error"]
    assert not SessionBooking.objects.filter(attended=True).exists()


def test_event_page_offers_check_in_only_when_enabled_and_running(world, client_as):
    event, _running, _later = _running_event(world, self_check_in=False)
    RegistrationFactory(event=event, user=world.user("member"))
    client = client_as(world.user("member"))
    assert (
        'data-action="self-check-in"' not in client.get(event.get_absolute_url()).content.decode()
    )
    upcoming = EventFactory(networks=[world.network], self_check_in=True)
    RegistrationFactory(event=upcoming, user=world.user("member"))
    page = client.get(upcoming.get_absolute_url()).content.decode()
    assert 'data-action="self-check-in"' not in page
    assert _url("self_check_in", upcoming) not in page


# --- Certificates ---------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _attended_congress(world):
    event = EventFactory(
        networks=[world.network],
        title="Kommunalkongress 2020",
        starts_at=berlin(2020, 9, 11, 9),
        ends_at=berlin(2020, 9, 11, 16),
    )
    workshop = SessionFactory(
        event=event,
        title="Digitale Dörfer – Smarte Lösungen",
        starts_at=berlin(2020, 9, 11, 13),
        ends_at=berlin(2020, 9, 11, 14, 30),
    )
    skipped = SessionFactory(
        event=event,
        title="Homeoffice und Führung",
        starts_at=berlin(2020, 9, 11, 14, 45),
        ends_at=berlin(2020, 9, 11, 16),
    )
    person = UserFactory(first_name="Jana", last_name="Schäfer", organisation="VG Enkenbach")
    registration = RegistrationFactory(event=event, user=person, checked_in_at=timezone.now())
    SessionBookingFactory(registration=registration, session=workshop, attended=True)
    SessionBookingFactory(registration=registration, session=skipped, attended=False)
    return event, registration


def test_participant_downloads_a_certificate_listing_attended_sessions(world, client_as):
    event, registration = _attended_congress(world)
    client = client_as(registration.user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'data-action="certificate"' in page
    response = client.get(_url("certificate", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnahmebescheinigung-{event.slug}-jana-schafer.pdf"'
    )
    text = _pdf_text(response.content)
    assert "Jana Schäfer" in text
    assert "VG Enkenbach" in text
    assert "Kommunalkongress 2020" in text
    assert "11. September 2020" in text
    assert "Digitale Dörfer – Smarte Lösungen" in text
    assert "13:00" in text
    assert "Homeoffice und Führung" not in text
    reader = PdfReader(io.BytesIO(response.content))
    assert "Jana Schäfer" in reader.metadata.title


def test_certificate_is_refused_without_attendance(world, client_as):
    event = EventFactory(networks=[world.network])
    booking = SessionBookingFactory(session__event=event, registration__event=event)
    response = client_as(booking.registration.user).get(_url("certificate", event))
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url() + "#teilnahme"
    assert [level for level, _text in _messages(response)] == ["info"]


def test_certificate_of_a_cancelled_registration_is_refused(world, client_as):
    event, registration = _attended_congress(world)
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    response = client_as(registration.user).get(_url("certificate", event))
    assert response.status_code == 302


def test_organiser_downloads_a_participants_certificate(world, client_as):
    event, registration = _attended_congress(world)
    response = client_as(world.user("coordinator")).get(
        _url("certificate_for", event, pk=registration.pk)
    )
    assert response.status_code == 200
    assert "Jana Schäfer" in _pdf_text(response.content)


def test_organiser_gets_no_certificate_for_someone_absent(world, client_as):
    event = EventFactory(networks=[world.network])
    registration = RegistrationFactory(event=event)
    response = client_as(world.user("coordinator")).get(
        _url("certificate_for", event, pk=registration.pk)
    )
    assert response["Location"] == _url("participants_manage", event) + f"#person-{registration.pk}"
    [(level, text)] = _messages(response)
    assert level == "error" and registration.user.display_name in text


def test_certificate_of_an_event_only_checked_in_lists_no_sessions(world):
    from voneinander.events.certificate import render_certificate

    event = EventFactory(networks=[world.network], title="Digitaler Stammtisch")
    registration = RegistrationFactory(event=event, checked_in_at=timezone.now())
    text = _pdf_text(render_certificate(registration, []))
    assert "Digitaler Stammtisch" in text
    assert "session" not in text.lower()


def test_self_check_in_service_refuses_outside_the_event_with_the_times(world):
    event = EventFactory(
        networks=[world.network],
        self_check_in=True,
        starts_at=berlin(2030, 5, 7, 10),
        ends_at=berlin(2030, 5, 7, 12),
    )
    user = RegistrationFactory(event=event).user
    with (
        time_machine.travel(berlin(2030, 5, 7, 9), tick=False),
        pytest.raises(ValidationError) as error,
    ):
        attendance.self_check_in(event=event, user=user)
    assert "10:00" in error.value.messages[0] and "12:00" in error.value.messages[0]
    with time_machine.travel(berlin(2030, 5, 7, 11), tick=False):
        registration = attendance.self_check_in(event=event, user=user)
    assert registration.checked_in_at == berlin(2030, 5, 7, 11)
