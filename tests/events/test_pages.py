import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import (
    EventFactory,
    ProgrammePartFactory,
    RegistrationFactory,
    RoundFactory,
    SessionBookingFactory,
    SessionFactory,
    SpeakerFactory,
    berlin,
)
from tests.factories import NetworkFactory, UserFactory
from voneinander.events.models import (
    BookingStatus,
    EventFormat,
    EventKind,
    RegistrationStatus,
)

LIST = reverse("events:list")  # German addresses; "/en" + address gives the English page


def _titles(response) -> list[str]:
    return re.findall(r'kern-link--stretched" href="[^"]+">([^<]+)</a>', response.content.decode())


def _ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def _ahead(**delta):
    return timezone.now() + datetime.timedelta(**delta)


# --- The list ---------------------------------------------------------------------------


def test_event_list_shows_upcoming_soonest_first_and_past_in_the_archive(world, client):
    network = world.network
    EventFactory(networks=[network], title="Später", starts_at=_ahead(days=20))
    EventFactory(networks=[network], title="Bald", starts_at=_ahead(days=2))
    EventFactory(
        networks=[network],
        title="Läuft gerade",
        starts_at=_ago(hours=1),
        ends_at=_ahead(hours=1),
    )
    EventFactory(networks=[network], title="Vorbei", starts_at=_ago(days=3))
    EventFactory(networks=[network], title="Lange vorbei", starts_at=_ago(days=300))

    assert _titles(client.get(LIST)) == ["Läuft gerade", "Bald", "Später"]
    archive = client.get("/en" + LIST, {"vergangen": "1"})
    assert _titles(archive) == ["Vorbei", "Lange vorbei"]
    assert '<h1 class="kern-heading-x-large">Past events</h1>' in archive.content.decode()


def test_event_list_filters_by_network_and_kind(world, client):
    EventFactory(networks=[world.network], title="Alpha-Treffen")
    EventFactory(networks=[world.other_network], title="Beta-Treffen")
    EventFactory(
        networks=[world.network, world.other_network],
        title="Gemeinsamer Kongress",
        kind=EventKind.CONGRESS,
    )

    assert _titles(client.get(LIST, {"netzwerk": "alpha"})) == [
        "Alpha-Treffen",
        "Gemeinsamer Kongress",
    ]
    assert _titles(client.get(LIST, {"netzwerk": "beta", "art": "congress"})) == [
        "Gemeinsamer Kongress"
    ]
    # An unknown choice filters nothing, and says so in the form.
    assert len(_titles(client.get(LIST, {"netzwerk": "gibt-es-nicht"}))) == 3


def test_event_list_is_paginated(world, client):
    for day in range(25):
        EventFactory(networks=[world.network], starts_at=_ahead(days=day + 1))
    first = client.get(LIST)
    second = client.get(LIST, {"seite": "2"})
    assert len(_titles(first)) == 20
    assert len(_titles(second)) == 5
    assert set(_titles(first)).isdisjoint(_titles(second))


@pytest.mark.parametrize("role", ["anonymous", "member", "admin"])
def test_event_list_query_count_does_not_grow_with_events(
    world, client_as, django_assert_max_num_queries, role
):
    client = client_as(world.user(role))
    EventFactory(networks=[world.network])
    client.get(LIST)  # warm caches (sessions, roles)
    with django_assert_max_num_queries(99) as one:
        client.get(LIST)
    for _ in range(15):
        EventFactory(networks=[world.network, world.other_network])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(_titles(response)) == 16


# --- The event page ---------------------------------------------------------------------


def test_event_detail_shows_berlin_time_format_place_and_networks(world, client):
    event = EventFactory(
        networks=[world.network, world.other_network],
        title="Kommunalkongress",
        starts_at=berlin(2030, 9, 13, 9, 30),
        ends_at=berlin(2030, 9, 13, 15, 0),
        format=EventFormat.HYBRID,
        location="Rathaus Kaiserslautern, Willy-Brandt-Platz 1",
        description="Grußwort, Interview und Workshops.",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Freitag, 13. September 2030, 09:30" in html
    assert '<time datetime="2030-09-13T15:00:00+0200">15:00</time>' in html
    assert "Hybrid" in html
    assert "Rathaus Kaiserslautern, Willy-Brandt-Platz 1" in html
    assert 'href="/netzwerke/alpha/">Netzwerk Alpha</a>' in html
    assert 'href="/netzwerke/beta/">Netzwerk Beta</a>' in html
    assert "Grußwort, Interview und Workshops." in html
    assert reverse("events:ics", kwargs={"slug": event.slug}) in html


def test_event_detail_shows_programme_with_rounds_speakers_and_free_places(world, client):
    event = EventFactory(networks=[world.network])
    ProgrammePartFactory(
        event=event,
        title="Keynote: Chancen der Digitalisierung",
        speakers_text="Prof. Dr. Beispiel",
    )
    first = RoundFactory(event=event, title="Workshop-Runde 1")
    full = SessionFactory(round=first, title="Digitale Stadt", topic="Stadt", capacity=2)
    open_one = SessionFactory(round=first, title="Zukunfts-Check Dorf", capacity=25)
    SessionFactory(event=event, title="Gastvortrag Mainz", capacity=None, kind="guest_talk")
    SpeakerFactory(
        session=full, name="Aylin Demir", organisation="Stadt Kaiserslautern", bio="Leitet X."
    )
    SessionBookingFactory.create_batch(2, session=full)
    SessionBookingFactory(session=full, status=BookingStatus.WAITLISTED)
    SessionBookingFactory.create_batch(3, session=open_one)
    SessionBookingFactory(session=open_one, status=BookingStatus.CANCELLED)

    html = client.get("/en" + event.get_absolute_url()).content.decode()
    assert "Keynote: Chancen der Digitalisierung" in html
    assert "Prof. Dr. Beispiel" in html
    assert "Workshop-Runde 1" in html
    assert "Aylin Demir</strong>, Stadt Kaiserslautern" in html
    assert "Leitet X." in html
    assert "22 of 25 places free" in html
    session_html = html[html.index(f'id="sitzung-{full.pk}"') :]
    session_html = session_html[: session_html.index("</article>")]
    assert "kern-badge--warning" in session_html  # fully booked
    assert "1 person on the waiting list" in session_html
    assert "Gastvortrag Mainz" in html


def test_programme_free_places_are_counted_in_sql(world):
    from voneinander.events.selectors import sessions_with_places

    event = EventFactory(networks=[world.network])
    session = SessionFactory(event=event, capacity=3)
    unlimited = SessionFactory(event=event, capacity=None)
    SessionBookingFactory.create_batch(4, session=session)  # overbooked by an organiser
    SessionBookingFactory(session=unlimited)
    rows = {s.pk: s for s in sessions_with_places(event)}
    assert (rows[session.pk].booked, rows[session.pk].free_places) == (4, 0)
    assert (rows[unlimited.pk].booked, rows[unlimited.pk].free_places) == (1, None)


def _programme(event, sessions: int, registrations: int):
    rounds = [RoundFactory(event=event), RoundFactory(event=event)]
    created = [SessionFactory(round=rounds[i % 2], capacity=30) for i in range(sessions)]
    for session in created:
        SpeakerFactory(session=session)
    for number in range(registrations):
        registration = RegistrationFactory(event=event)
        SessionBookingFactory(registration=registration, session=created[number % len(created)])
    ProgrammePartFactory(event=event)


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_event_detail_query_count_is_constant_with_12_sessions_and_300_registrations(
    world, client_as, django_assert_max_num_queries, role
):
    client = client_as(world.user(role))
    small = EventFactory(networks=[world.network])
    _programme(small, sessions=1, registrations=1)
    big = EventFactory(networks=[world.network])
    _programme(big, sessions=12, registrations=300)
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(99) as one:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(big.get_absolute_url())
    assert response.content.decode().count('class="vn-session"') == 12


def test_event_detail_of_a_cancelled_event_says_so(world, client):
    event = EventFactory(networks=[world.network], cancelled_at=timezone.now())
    assert "kern-alert--danger" in client.get(event.get_absolute_url()).content.decode()


def test_network_page_lists_its_upcoming_events(world, client):
    EventFactory(networks=[world.network], title="Stammtisch Alpha")
    EventFactory(networks=[world.network], title="Altes Treffen", starts_at=_ago(days=10))
    EventFactory(networks=[world.other_network], title="Treffen Beta")
    html = client.get(reverse("networks:detail", kwargs={"slug": "alpha"})).content.decode()
    assert "Stammtisch Alpha" in html
    assert "Altes Treffen" not in html
    assert "Treffen Beta" not in html
    assert reverse("events:network_feed", kwargs={"slug": "alpha"}) in html


def test_main_navigation_links_to_events(db, client):
    assert f'href="{LIST}"' in client.get(reverse("core:home")).content.decode()


# --- The meeting link ---------------------------------------------------------------------

MEETING = "https://meet.example.org/geheimer-raum"


@pytest.fixture
def online_event(world):
    return EventFactory(
        networks=[world.network],
        starts_at=berlin(2030, 5, 7, 10),
        ends_at=berlin(2030, 5, 7, 12),
        meeting_url=MEETING,
        meeting_link_opens_minutes=30,
    )


def _page(client_as, user, event, when):
    """The event page as `user` sees it at `when` (signed in then: sessions expire)."""
    with time_machine.travel(when, tick=False):
        return client_as(user).get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (berlin(2030, 5, 7, 9, 29), False),
        (berlin(2030, 5, 7, 9, 30), True),
        (berlin(2030, 5, 7, 11, 59), True),
        (berlin(2030, 5, 7, 12, 1), False),
    ],
)
def test_meeting_link_is_shown_to_confirmed_participants_only_in_the_window(
    world, client_as, online_event, when, shown
):
    participant = UserFactory()
    RegistrationFactory(event=online_event, user=participant)
    html = _page(client_as, participant, online_event, when)
    assert (MEETING in html) is shown


def test_meeting_link_page_says_from_when_it_will_be_shown(world, client_as, online_event):
    participant = UserFactory()
    RegistrationFactory(event=online_event, user=participant)
    html = _page(client_as, participant, online_event, berlin(2030, 5, 1, 8))
    assert "7. Mai 2030 09:30" in html
    assert MEETING not in html


@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED],
)
def test_meeting_link_is_not_shown_without_a_confirmed_registration(
    world, client_as, online_event, status
):
    person = UserFactory()
    RegistrationFactory(event=online_event, user=person, status=status)
    assert MEETING not in _page(client_as, person, online_event, berlin(2030, 5, 7, 10))


@pytest.mark.parametrize("role", ["anonymous", "user", "member", "contact"])
def test_meeting_link_never_in_the_page_of_people_not_registered(
    world, client_as, online_event, role
):
    assert MEETING not in _page(client_as, world.user(role), online_event, berlin(2030, 5, 7, 10))


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_meeting_link_is_always_shown_to_organisers(world, client_as, online_event, role):
    assert MEETING in _page(client_as, world.user(role), online_event, berlin(2030, 4, 1, 10))


def test_meeting_link_is_shown_to_named_organisers(world, client_as, online_event):
    organiser = UserFactory()
    online_event.organisers.add(organiser)
    assert MEETING in _page(client_as, organiser, online_event, berlin(2030, 4, 1, 10))


def test_meeting_link_of_an_event_on_site_is_not_shown(world, client_as):
    event = EventFactory(
        networks=[world.network], format=EventFormat.ONSITE, location="Rathaus", meeting_url=MEETING
    )
    html = client_as(world.user("coordinator")).get(event.get_absolute_url()).content.decode()
    assert MEETING not in html


def test_join_sends_a_confirmed_participant_to_the_link_in_the_window(
    world, client_as, online_event
):
    participant = UserFactory()
    RegistrationFactory(event=online_event, user=participant)
    url = reverse("events:join", kwargs={"slug": online_event.slug})
    with time_machine.travel(berlin(2030, 5, 7, 9, 45), tick=False):
        response = client_as(participant).get(url)
    assert response.status_code == 302
    assert response["Location"] == MEETING
    with time_machine.travel(berlin(2030, 5, 7, 9, 0), tick=False):
        early = client_as(participant).get(url)
    assert early.status_code == 302
    assert early["Location"] == online_event.get_absolute_url()


def test_join_sends_people_without_registration_back_to_the_event(world, client_as, online_event):
    with time_machine.travel(berlin(2030, 5, 7, 10, 30), tick=False):
        response = client_as(world.user("member")).get(
            reverse("events:join", kwargs={"slug": online_event.slug})
        )
    assert response["Location"] == online_event.get_absolute_url()


def test_event_with_an_unrelated_network_filter_lists_nothing_hidden(world, client):
    other = NetworkFactory()
    EventFactory(networks=[other], title="Anderes Netzwerk")
    assert _titles(client.get(LIST, {"netzwerk": other.slug})) == ["Anderes Netzwerk"]
