"""Events, sessions and registrations through the API: the site's visibility and rules."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.factories import ApiTokenFactory
from tests.events.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.events.registration_factories import congress
from tests.factories import UserFactory
from voneinander.events import registration_services as services
from voneinander.events.models import (
    BookingStatus,
    EventKind,
    Registration,
    RegistrationStatus,
    Visibility,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
REGISTRATIONS = "/api/v1/registrations/"


def bearer(token):
    return {"Authorization": f"Bearer {token.raw}"}


def writer(user=None):
    return ApiTokenFactory(user=user or UserFactory(), can_write=True)


def register(client, token, event, sessions=(), **extra):
    return client.post(
        REGISTRATIONS,
        {"event": event.slug, "sessions": [s.pk for s in sessions], **extra},
        content_type="application/json",
        headers=bearer(token),
    )


def detail_codes(response) -> list[str]:
    return [detail["code"] for detail in response.json()["error"]["details"]]


# --- Reading events ------------------------------------------------------------------------


def test_event_list_hides_members_only_events_from_anonymous(client, world):
    public = EventFactory(networks=[world.network], title="Offenes Treffen")
    EventFactory(networks=[world.network], visibility=Visibility.MEMBERS, title="Intern")

    response = client.get(EVENTS)

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["items"]] == [public.slug]


def test_event_list_shows_members_only_events_with_a_members_token(client, world):
    EventFactory(networks=[world.network], title="Offenes Treffen")
    internal = EventFactory(networks=[world.network], visibility=Visibility.MEMBERS, title="Intern")
    EventFactory(networks=[world.other_network], visibility=Visibility.MEMBERS, title="Beta")
    token = ApiTokenFactory(user=world.user("member"))

    response = client.get(EVENTS, headers=bearer(token))

    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Offenes Treffen", "Intern"]
    assert response.json()["items"][1]["slug"] == internal.slug
    assert response.json()["items"][1]["visibility"] == "members"


def test_event_list_filters_by_network_kind_and_dates(client, world):
    start = timezone.now() + datetime.timedelta(days=40)
    alpha_congress = EventFactory(
        networks=[world.network],
        kind=EventKind.CONGRESS,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
    )
    EventFactory(networks=[world.other_network], kind=EventKind.CONGRESS, starts_at=start)
    EventFactory(networks=[world.network], kind=EventKind.STAMMTISCH, starts_at=start)
    later = EventFactory(
        networks=[world.network],
        kind=EventKind.CONGRESS,
        starts_at=start + datetime.timedelta(days=20),
        ends_at=start + datetime.timedelta(days=20, hours=4),
    )

    def slugs(**params):
        response = client.get(EVENTS, params)
        assert response.status_code == 200
        return [item["slug"] for item in response.json()["items"]]

    assert slugs(network="alpha", kind="congress") == [alpha_congress.slug, later.slug]
    day = (start + datetime.timedelta(days=10)).date().isoformat()
    assert slugs(network="alpha", kind="congress", to=day) == [alpha_congress.slug]
    assert slugs(network="alpha", kind="congress", **{"from": day}) == [later.slug]
    assert slugs(network="gibt-es-nicht") == []


def test_event_list_with_a_bad_date_answers_422(client, db):
    response = client.get(EVENTS, {"from": "gestern"})

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "from"


def test_event_detail_has_programme_with_free_places(client, db):
    c = congress(capacity=2)
    SessionBookingFactory(session=c.stadt_1)
    SessionBookingFactory(session=c.stadt_1)
    SessionBookingFactory(session=c.dorf_1)
    SpeakerFactory(session=c.dorf_1, name="Dora Dorf", bio="Geheimes steht hier nicht.")
    question = QuestionFactory(event=c.event, label="Essen?", required=True)

    response = client.get(f"{EVENTS}{c.event.slug}")

    data = response.json()
    assert response.status_code == 200
    assert [r["title"] for r in data["rounds"]] == ["Runde 1", "Runde 2"]
    sessions = {s["title"]: s for s in data["sessions"]}
    assert sessions["Digitale Stadt I"]["booked"] == 2
    assert sessions["Digitale Stadt I"]["free_places"] == 0
    assert sessions["Zukunfts-Check Dorf"]["free_places"] == 1
    assert sessions["Zukunfts-Check Dorf"]["speakers"] == [
        {"name": "Dora Dorf", "organisation": "Verbandsgemeinde Musterhausen"}
    ]
    assert sessions["Digitale Stadt II"]["round"] == data["rounds"][1]["id"]
    assert data["registration"]["max_sessions_per_person"] == 2
    assert data["registration"]["one_session_per_topic"] is True
    assert data["questions"] == [
        {"id": question.pk, "label": "Essen?", "kind": "text", "choices": [], "required": True}
    ]
    sessions_only = client.get(f"{EVENTS}{c.event.slug}/sessions").json()
    assert [s["title"] for s in sessions_only["items"]] == [s["title"] for s in data["sessions"]]
    assert sessions_only["next"] is None


def test_event_sessions_are_paginated_by_start_time(client, db):
    c = congress()

    first = client.get(f"{EVENTS}{c.event.slug}/sessions", {"limit": 3}).json()
    second = client.get(first["next_url"]).json()

    titles = [s["title"] for s in first["items"] + second["items"]]
    assert titles == [
        "Digitale Stadt I",
        "Zukunfts-Check Dorf",
        "Digitale Stadt II",
        "Homeoffice und Führung",
    ]
    assert (len(first["items"]), second["next"]) == (3, None)


def test_event_detail_hides_a_room_link(client, db):
    session = SessionFactory(room="https://meet.example.org/geheim")

    data = client.get(f"{EVENTS}{session.event.slug}").json()

    assert data["sessions"][0]["room"] == ""
    assert "meet.example.org" not in str(data)


def test_event_detail_members_only_is_404_anonymous_and_200_with_token(client, world):
    event = EventFactory(networks=[world.network], visibility=Visibility.MEMBERS)

    assert client.get(f"{EVENTS}{event.slug}").status_code == 404
    assert client.get(f"{EVENTS}{event.slug}/sessions").status_code == 404
    member = ApiTokenFactory(user=world.user("member"))
    assert client.get(f"{EVENTS}{event.slug}", headers=bearer(member)).status_code == 200
    outsider = ApiTokenFactory(user=world.user("user"))
    assert client.get(f"{EVENTS}{event.slug}", headers=bearer(outsider)).status_code == 404


def test_event_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            event = EventFactory(networks=[world.network, world.other_network], capacity=30)
            RegistrationFactory(event=event)

    add(1)
    with django_assert_num_queries(2):
        assert len(client.get(EVENTS).json()["items"]) == 1
    add(6)
    with django_assert_num_queries(2):
        assert len(client.get(EVENTS).json()["items"]) == 7


def test_event_sessions_query_count_does_not_grow(client, db, django_assert_num_queries):
    event = EventFactory()

    def add(count):
        for _ in range(count):
            session = SessionFactory(event=event, capacity=5)
            SpeakerFactory(session=session)
            SessionBookingFactory(session=session)

    url = f"{EVENTS}{event.slug}/sessions"
    add(1)
    with django_assert_num_queries(4):  # event, its networks, sessions, speakers
        assert len(client.get(url).json()["items"]) == 1
    add(6)
    with django_assert_num_queries(4):
        assert len(client.get(url).json()["items"]) == 7


def test_event_list_counts_free_places(client, world):
    event = EventFactory(networks=[world.network], capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)

    (item,) = client.get(EVENTS).json()["items"]

    assert item["registration"]["capacity"] == 3
    assert item["registration"]["free_places"] == 1


# --- Registering --------------------------------------------------------------------------


def test_register_books_two_workshops(client, mailoutbox):
    c = congress()
    token = writer(UserFactory(email="tina@example.org"))

    response = register(client, token, c.event, [c.stadt_1, c.home_2], list_consent=True)

    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "confirmed"
    assert data["event"] == c.event.slug
    assert data["list_consent"] is True
    assert [(b["session_title"], b["status"]) for b in data["bookings"]] == [
        ("Digitale Stadt I", "confirmed"),
        ("Homeoffice und Führung", "confirmed"),
    ]
    registration = Registration.objects.get(user=token.user)
    assert registration.pk == data["id"]
    assert [m.to for m in mailoutbox] == [["tina@example.org"]]  # the site's confirmation


def test_register_refuses_a_third_workshop_and_the_same_topic_like_the_site(client):
    c = congress()
    token = writer()
    expected = services.check_selection(event=c.event, sessions=[c.stadt_1.pk, c.stadt_2.pk])

    response = register(client, token, c.event, [c.stadt_1, c.stadt_2])

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "registration_refused"
    assert detail_codes(response) == ["one_per_topic"]
    assert [d["message"] for d in error["details"]] == [v.message for v in expected]
    assert not Registration.objects.exists()
    # The site names the same problem in the same words.
    client.force_login(token.user)
    page = client.post(
        reverse("events:register", kwargs={"slug": c.event.slug}),
        {"sessions": [c.stadt_1.pk, c.stadt_2.pk]},
    )
    assert error["details"][0]["message"] in html.unescape(page.content.decode())


def test_register_refuses_more_sessions_than_allowed(client):
    c = congress()

    response = register(client, writer(), c.event, [c.stadt_1, c.home_2, c.dorf_1])

    assert response.status_code == 422
    assert "max_sessions" in detail_codes(response)


def test_register_full_session_is_refused_then_waitlisted_on_request(client):
    c = congress(capacity=1)
    SessionBookingFactory(session=c.stadt_1)
    token = writer()

    refused = register(client, token, c.event, [c.stadt_1])
    joined = register(client, token, c.event, [c.stadt_1], join_waitlist=True)

    assert refused.status_code == 422
    assert detail_codes(refused) == ["session_full"]
    assert refused.json()["error"]["details"][0]["field"] == "sessions"
    assert joined.status_code == 201
    (booking,) = joined.json()["bookings"]
    assert booking["status"] == "waitlisted"
    assert booking["waiting_position"] == 1


def test_register_full_event_puts_on_the_event_waiting_list(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    token = writer()

    refused = register(client, token, event)
    joined = register(client, token, event, join_waitlist=True)

    assert detail_codes(refused) == ["event_full"]
    assert joined.json()["status"] == "waitlisted"
    assert joined.json()["waiting_position"] == 1


def test_register_twice_is_refused(client):
    c = congress()
    token = writer()
    register(client, token, c.event, [c.stadt_1])

    response = register(client, token, c.event, [c.dorf_1])

    assert response.status_code == 422
    assert detail_codes(response) == ["already_registered"]
    assert Registration.objects.filter(user=token.user).count() == 1


def test_register_requires_answers_to_required_questions(client):
    event = EventFactory()
    question = QuestionFactory(event=event, label="Essen?", required=True)
    token = writer()

    missing = register(client, token, event)
    answered = register(client, token, event, answers={str(question.pk): "vegetarisch"})

    assert detail_codes(missing) == ["required_question"]
    assert answered.status_code == 201
    assert answered.json()["answers"] == {str(question.pk): "vegetarisch"}


def test_register_unknown_session_gives_a_clear_message(client):
    c = congress()

    response = register(client, writer(), c.event, [SessionFactory()])

    assert response.status_code == 422
    assert detail_codes(response) == ["unknown_session"]


def test_register_members_only_event_unknown_to_the_caller_is_404(client, world):
    event = EventFactory(networks=[world.network], visibility=Visibility.MEMBERS)

    outsider = register(client, writer(world.user("user")), event)
    member = register(client, writer(world.user("member")), event)

    assert outsider.status_code == 404
    assert member.status_code == 201


def test_register_needs_a_token_that_may_write(client):
    event = EventFactory()
    user = UserFactory()
    client.force_login(user)  # a browser session is not enough for writing

    without = client.post(REGISTRATIONS, {"event": event.slug}, content_type="application/json")
    read_only = register(client, ApiTokenFactory(user=user), event)

    assert without.status_code == 401
    assert read_only.status_code == 403
    assert read_only.json()["error"]["code"] == "token_read_only"
    assert not Registration.objects.exists()


# --- Own registrations and cancelling ---------------------------------------------------------


def test_registration_list_shows_only_own_registrations(client):
    token = ApiTokenFactory()
    mine = RegistrationFactory(user=token.user)
    RegistrationFactory()

    response = client.get(REGISTRATIONS, headers=bearer(token))

    assert [item["id"] for item in response.json()["items"]] == [mine.pk]


def test_registration_list_anonymous_is_401(client, db):
    response = client.get(REGISTRATIONS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_registration_of_someone_else_is_404(client):
    other = RegistrationFactory()
    token = writer()

    assert client.get(f"{REGISTRATIONS}{other.pk}", headers=bearer(token)).status_code == 404
    response = client.delete(f"{REGISTRATIONS}{other.pk}", headers=bearer(token))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED


def test_cancel_frees_the_seat_for_the_waiting_list(client):
    c = congress(capacity=1)
    token = writer()
    register(client, token, c.event, [c.stadt_1])
    waiting = services.register(
        event=c.event, user=UserFactory(), sessions=[c.stadt_1.pk], join_waitlist=True
    )
    registration = Registration.objects.get(user=token.user)

    response = client.delete(f"{REGISTRATIONS}{registration.pk}", headers=bearer(token))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["bookings"] == []
    assert waiting.bookings.get().status == BookingStatus.CONFIRMED


def test_cancel_after_the_deadline_is_refused(client):
    event = EventFactory(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    token = writer()
    registration = RegistrationFactory(event=event, user=token.user)

    response = client.delete(f"{REGISTRATIONS}{registration.pk}", headers=bearer(token))

    assert response.status_code == 422
    assert detail_codes(response) == ["cancellation_deadline"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancel_twice_says_it_is_no_longer_active(client):
    token = writer()
    registration = RegistrationFactory(user=token.user, status=RegistrationStatus.CANCELLED)

    response = client.delete(f"{REGISTRATIONS}{registration.pk}", headers=bearer(token))

    assert response.status_code == 422
    assert detail_codes(response) == ["not_active"]


def test_registration_list_query_count_does_not_grow(client, django_assert_num_queries):
    token = ApiTokenFactory()

    def add(count):
        for _ in range(count):
            booking = SessionBookingFactory(
                registration=RegistrationFactory(user=token.user, event=EventFactory())
            )
            SessionBookingFactory(session=booking.session, status=BookingStatus.WAITLISTED)

    client.get(REGISTRATIONS, headers=bearer(token))  # records the token's use (one UPDATE)
    add(1)
    # The token, the registrations with their events, the bookings with their positions.
    with django_assert_num_queries(3):
        assert len(client.get(REGISTRATIONS, headers=bearer(token)).json()["items"]) == 1
    add(5)
    with django_assert_num_queries(3):
        assert len(client.get(REGISTRATIONS, headers=bearer(token)).json()["items"]) == 6
