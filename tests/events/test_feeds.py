import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    RoundFactory,
    SessionBookingFactory,
    SessionFactory,
)
from tests.factories import UserFactory
from voneinander.events.models import (
    BookingStatus,
    CalendarFeedToken,
    RegistrationStatus,
    Visibility,
)
from voneinander.events.services import create_feed_token

TOKENS = reverse("events:feed_tokens")
MEETING = "https://meet.example.org/vertraulich"


def _feed_url(token: str) -> str:
    return reverse("events:personal_feed", kwargs={"token": token})


def _entries(response) -> dict[str, str]:
    """SUMMARY → STATUS of every VEVENT."""
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}


# --- The page with the secret address ----------------------------------------------------


def test_feed_token_page_creates_shows_and_revokes_the_address(world, client_as):
    person = world.user("member")
    client = client_as(person)
    assert 'value="http' not in client.get(TOKENS).content.decode()

    response = client.post(TOKENS, {"action": "create"})
    assert response.status_code == 302
    token = CalendarFeedToken.objects.get(user=person, revoked_at__isnull=True)
    assert len(token.token) >= 40
    page = client.get(TOKENS).content.decode()
    assert f'value="http://testserver{_feed_url(token.token)}"' in page

    client.post(TOKENS, {"action": "revoke"})
    assert client.get(_feed_url(token.token)).status_code == 404
    assert not CalendarFeedToken.objects.filter(user=person, revoked_at__isnull=True).exists()


def test_replacing_the_address_makes_the_old_one_stop_working(world, client_as):
    person = world.user("member")
    client = client_as(person)
    client.post(TOKENS, {"action": "create"})
    old = CalendarFeedToken.objects.get(user=person, revoked_at__isnull=True).token
    client.post(TOKENS, {"action": "create"})
    new = CalendarFeedToken.objects.get(user=person, revoked_at__isnull=True).token
    assert new != old
    client.logout()
    assert client.get(_feed_url(old)).status_code == 404
    assert client.get(_feed_url(new)).status_code == 200


def test_feed_of_a_deactivated_account_answers_404(world, client):
    person = UserFactory()
    token = create_feed_token(user=person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert client.get(_feed_url(token.token)).status_code == 404


# --- The personal feed ---------------------------------------------------------------------


@pytest.fixture
def registrations(world):
    """A person with registrations in every state and sessions booked or waiting."""
    person = UserFactory()
    other = UserFactory()
    network = world.network
    congress = EventFactory(networks=[network], title="Kongress", meeting_url=MEETING)
    round_ = RoundFactory(event=congress)
    booked = SessionFactory(round=round_, title="Workshop gebucht")
    waiting = SessionFactory(round=round_, title="Workshop Warteliste")
    dropped = SessionFactory(round=round_, title="Workshop storniert")
    registration = RegistrationFactory(event=congress, user=person)
    SessionBookingFactory(registration=registration, session=booked)
    SessionBookingFactory(
        registration=registration, session=waiting, status=BookingStatus.WAITLISTED
    )
    SessionBookingFactory(
        registration=registration, session=dropped, status=BookingStatus.CANCELLED
    )
    RegistrationFactory(
        event=EventFactory(networks=[network], title="Stammtisch Warteliste"),
        user=person,
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory(
        event=EventFactory(networks=[network], title="Treffen mit Freigabe"),
        user=person,
        status=RegistrationStatus.PENDING,
    )
    RegistrationFactory(
        event=EventFactory(networks=[network], title="Abgemeldet"),
        user=person,
        status=RegistrationStatus.CANCELLED,
    )
    RegistrationFactory(
        event=EventFactory(networks=[network], title="Fremde Anmeldung"), user=other
    )
    EventFactory(networks=[network], title="Nicht angemeldet")
    return person


def test_personal_feed_holds_exactly_the_persons_events_and_sessions(registrations, client):
    token = create_feed_token(user=registrations)
    response = client.get(_feed_url(token.token))
    assert response.status_code == 200
    assert _entries(response) == {
        "Kongress": "CONFIRMED",
        "Workshop gebucht (Kongress)": "CONFIRMED",
        "Workshop Warteliste (Kongress)": "TENTATIVE",
        "Stammtisch Warteliste": "TENTATIVE",
        "Treffen mit Freigabe": "TENTATIVE",
    }
    assert MEETING.encode() not in response.content
    assert response["Cache-Control"] == "private, no-store"


def test_personal_feed_sessions_of_a_waiting_registration_are_tentative(world, client):
    person = UserFactory()
    session = SessionFactory(event=EventFactory(networks=[world.network], title="Kongress"))
    registration = RegistrationFactory(
        event=session.event, user=person, status=RegistrationStatus.PENDING
    )
    SessionBookingFactory(registration=registration, session=session)
    token = create_feed_token(user=person)
    entries = _entries(client.get(_feed_url(token.token)))
    assert set(entries.values()) == {"TENTATIVE"}


def test_personal_feed_marks_cancelled_events(world, client):
    person = UserFactory()
    RegistrationFactory(
        event=EventFactory(networks=[world.network], title="Abgesagt", cancelled_at=timezone.now()),
        user=person,
    )
    token = create_feed_token(user=person)
    assert _entries(client.get(_feed_url(token.token))) == {"Abgesagt": "CANCELLED"}


def test_personal_feed_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    person = UserFactory()
    token = create_feed_token(user=person)

    def register():
        event = EventFactory(networks=[world.network])
        registration = RegistrationFactory(event=event, user=person)
        SessionBookingFactory(registration=registration, session=SessionFactory(event=event))

    register()
    with django_assert_max_num_queries(99) as one:
        client.get(_feed_url(token.token))
    for _ in range(10):
        register()
    with django_assert_max_num_queries(len(one.captured_queries)):
        entries = _entries(client.get(_feed_url(token.token)))
    assert len(entries) == 22


# --- The network feed ------------------------------------------------------------------------


def test_network_feed_holds_public_events_of_the_network_upcoming_and_recent(world, client):
    now = timezone.now()
    EventFactory(networks=[world.network], title="Bald")
    EventFactory(networks=[world.network, world.other_network], title="Gemeinsam")
    EventFactory(
        networks=[world.network],
        title="Vor einem Monat",
        starts_at=now - datetime.timedelta(days=30),
    )
    EventFactory(
        networks=[world.network],
        title="Vor zwei Jahren",
        starts_at=now - datetime.timedelta(days=700),
    )
    EventFactory(networks=[world.network], title="Intern", visibility=Visibility.MEMBERS)
    EventFactory(networks=[world.other_network], title="Nur Beta")
    response = client.get(reverse("events:network_feed", kwargs={"slug": "alpha"}))
    assert set(_entries(response)) == {"Bald", "Gemeinsam", "Vor einem Monat"}
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]).startswith("Alpha")
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
