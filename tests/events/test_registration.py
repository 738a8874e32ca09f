"""Registering, changing sessions, cancelling, approval: services, pages and e-mails."""

import csv
import datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from tests.events.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
)
from tests.events.registration_factories import congress
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import booking_rules as rules
from voneinander.events import participants
from voneinander.events import registration_services as services
from voneinander.events.models import (
    AllocationMode,
    AllocationRun,
    QuestionKind,
    Registration,
    SessionBooking,
)

pytestmark = pytest.mark.django_db


def statuses(registration):
    return sorted(
        (b.session.title, b.status)
        for b in registration.bookings.select_related("session").exclude(status="cancelled")
    )


def ics_of(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    calendar = Calendar.from_ical(attachment[1])
    return [
        (str(component["SUMMARY"]), str(component["STATUS"]))
        for component in calendar.walk("VEVENT")
    ]


def refused(call, **kwargs):
    with pytest.raises(services.RegistrationRefusedError) as info:
        call(**kwargs)
    return info.value


# --- register ----------------------------------------------------------


def test_register_books_two_workshops_and_sends_a_confirmation_with_calendar():
    c = congress()
    user = UserFactory(email="teilnehmerin@example.org", first_name="Tina", last_name="Test")
    registration = services.register(
        event=c.event, user=user, sessions=[c.stadt_1.pk, c.home_2.pk], list_consent=True
    )
    assert registration.status == "confirmed"
    assert registration.list_consent is True
    assert statuses(registration) == [
        ("Digitale Stadt I", "confirmed"),
        ("Homeoffice und Führung", "confirmed"),
    ]
    (message,) = mail.outbox
    assert message.to == ["teilnehmerin@example.org"]
    assert "Kommunalkongress" in message.subject
    assert "Digitale Stadt I" in message.body
    assert "Homeoffice und Führung" in message.body
    assert sorted(ics_of(message)) == [
        ("Digitale Stadt I (Kommunalkongress)", "CONFIRMED"),
        ("Homeoffice und Führung (Kommunalkongress)", "CONFIRMED"),
        ("Kommunalkongress", "CONFIRMED"),
    ]


def test_register_same_topic_is_refused_naming_the_topic():
    c = congress()
    error = refused(
        services.register, event=c.event, user=UserFactory(), sessions=[c.stadt_1, c.stadt_2]
    )
    assert error.rules == {rules.ONE_PER_TOPIC}
    assert error.messages == [
        gettext("%(session)s has the same topic as %(other)s (topic: %(topic)s).")
        % {
            "session": "„Digitale Stadt II“",
            "other": "„Digitale Stadt I“",
            "topic": "Digitale Stadt",
        }
    ]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_register_same_round_is_refused_naming_the_round():
    c = congress()
    error = refused(
        services.register, event=c.event, user=UserFactory(), sessions=[c.stadt_1, c.dorf_1]
    )
    assert error.rules == {rules.ONE_PER_ROUND}
    assert "„Zukunfts-Check Dorf“" in error.messages[0]
    assert "(Runde 1)" in error.messages[0]


def test_register_unknown_session_or_session_of_another_event_is_refused():
    c = congress()
    other = SessionFactory()
    for bad in ([other.pk], [999999], ["abc"], [2**70], [-1]):
        error = refused(services.register, event=c.event, user=UserFactory(), sessions=bad)
        assert error.rules == {services.UNKNOWN_SESSION}
    assert not Registration.objects.exists()


def test_register_twice_is_refused():
    c = congress()
    user = UserFactory()
    services.register(event=c.event, user=user, sessions=[c.stadt_1])
    error = refused(services.register, event=c.event, user=user, sessions=[c.dorf_1])
    assert error.rules == {services.ALREADY_REGISTERED}
    assert Registration.objects.filter(user=user).count() == 1


def test_register_again_after_cancelling_works():
    c = congress()
    user = UserFactory()
    first = services.register(event=c.event, user=user, sessions=[c.stadt_1])
    services.cancel_registration(registration=first, by=user)
    second = services.register(event=c.event, user=user, sessions=[c.stadt_1])
    assert second.pk != first.pk
    assert second.status == "confirmed"


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"registration_opens_at_days": 1}, rules.WINDOW_NOT_OPEN),
        ({"registration_closes_at_days": -1}, rules.WINDOW_CLOSED),
        ({"registration_enabled": False}, rules.REGISTRATION_CLOSED),
        ({"cancelled": True}, rules.EVENT_CANCELLED),
    ],
)
def test_register_outside_the_window_is_refused(fields, rule):
    now = timezone.now()
    values = {}
    if "registration_opens_at_days" in fields:
        values["registration_opens_at"] = now + datetime.timedelta(days=1)
    if "registration_closes_at_days" in fields:
        values["registration_closes_at"] = now - datetime.timedelta(days=1)
    if "registration_enabled" in fields:
        values["registration_enabled"] = False
    if fields.get("cancelled"):
        values["cancelled_at"] = now
    event = EventFactory(**values)
    error = refused(services.register, event=event, user=UserFactory())
    assert error.rules == {rule}


def test_register_full_session_is_refused_and_offers_the_waiting_list():
    c = congress(capacity=1)
    SessionBookingFactory(session=c.stadt_1)
    error = refused(services.register, event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    assert error.rules == {rules.SESSION_FULL}
    assert error.offers_waitlist
    assert error.full_session_ids == {c.stadt_1.pk}
    assert "„Digitale Stadt I“" in error.messages[0]


def test_register_full_session_with_waiting_list_gives_a_tentative_place():
    c = congress(capacity=1)
    SessionBookingFactory(session=c.stadt_1)
    registration = services.register(
        event=c.event,
        user=UserFactory(),
        sessions=[c.stadt_1, c.home_2],
        join_waitlist=True,
    )
    assert statuses(registration) == [
        ("Digitale Stadt I", "waitlisted"),
        ("Homeoffice und Führung", "confirmed"),
    ]
    (message,) = mail.outbox
    assert "Digitale Stadt I: " in message.body  # with its position
    assert sorted(ics_of(message)) == [
        ("Digitale Stadt I (Kommunalkongress)", "TENTATIVE"),
        ("Homeoffice und Führung (Kommunalkongress)", "CONFIRMED"),
        ("Kommunalkongress", "CONFIRMED"),
    ]


def test_register_required_question_and_answers():
    event = EventFactory()
    food = QuestionFactory(
        event=event,
        label="Essen",
        kind=QuestionKind.CHOICE,
        choices=["vegan", "alles"],
        required=True,
    )
    photo = QuestionFactory(event=event, label="Fotos", kind=QuestionKind.YES_NO)
    error = refused(services.register, event=event, user=UserFactory(), answers={})
    assert error.rules == {rules.REQUIRED_QUESTION}
    error = refused(services.register, event=event, user=UserFactory(), answers={food.pk: "Fisch"})
    assert error.rules == {rules.INVALID_ANSWER}
    registration = services.register(
        event=event, user=UserFactory(), answers={food.pk: "vegan", photo.pk: "no", 4711: "x"}
    )
    assert registration.answers == {str(food.pk): "vegan", str(photo.pk): "no"}


def test_register_in_preference_mode_creates_no_bookings():
    c = congress(allocation_mode=AllocationMode.PREFERENCES)
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    assert registration.status == "confirmed"
    assert not registration.bookings.exists()
    error = refused(services.change_sessions, registration=registration, sessions=[c.stadt_1])
    assert error.rules == {services.NO_SESSIONS_YET}


def test_register_in_preference_mode_after_publication_books_directly():
    c = congress(allocation_mode=AllocationMode.PREFERENCES)
    AllocationRun.objects.create(event=c.event, seed=1, published_at=timezone.now())
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    assert statuses(registration) == [("Digitale Stadt I", "confirmed")]


def test_register_event_capacity_puts_people_on_the_event_waiting_list():
    event = EventFactory(capacity=1)
    first = services.register(event=event, user=UserFactory())
    error = refused(services.register, event=event, user=UserFactory())
    assert error.rules == {rules.EVENT_FULL}
    waiting = services.register(event=event, user=UserFactory(), join_waitlist=True)
    assert waiting.status == "waitlisted"
    mail.outbox.clear()
    services.cancel_registration(registration=first, by=first.user)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[first.user.email], [waiting.user.email]]
    assert "You have a place now" in mail.outbox[1].subject or "Platz" in mail.outbox[1].subject


# --- change and cancel ----------------------------------------------------------


def test_change_sessions_swaps_and_refuses_a_third_naming_the_held_ones():
    c = congress()
    user = UserFactory()
    registration = services.register(event=c.event, user=user, sessions=[c.stadt_1, c.home_2])
    late = SessionFactory(
        event=c.event,
        title="Digitale Dörfer",
        topic="Digitale Dörfer",
        starts_at=c.event.ends_at - datetime.timedelta(hours=1),
        ends_at=c.event.ends_at,
    )
    error = refused(
        services.change_sessions,
        registration=registration,
        sessions=[c.stadt_1, c.home_2, late],
    )
    assert error.rules == {rules.MAX_SESSIONS}
    assert "„Digitale Stadt I“" in error.messages[0]
    assert "„Homeoffice und Führung“" in error.messages[0]
    services.change_sessions(registration=registration, sessions=[c.dorf_1, c.home_2])
    assert statuses(registration) == [
        ("Homeoffice und Führung", "confirmed"),
        ("Zukunfts-Check Dorf", "confirmed"),
    ]
    assert "Zukunfts-Check Dorf" in mail.outbox[-1].body


def test_change_sessions_after_the_deadline_keeps_the_places():
    c = congress(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    error = refused(services.change_sessions, registration=registration, sessions=[])
    assert error.rules == {rules.CANCELLATION_DEADLINE}
    assert statuses(registration) == [("Digitale Stadt I", "confirmed")]
    # Adding is still possible while registration is open.
    services.change_sessions(registration=registration, sessions=[c.stadt_1, c.home_2])
    assert len(statuses(registration)) == 2


def test_cancel_registration_before_and_after_the_deadline():
    c = congress()
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    late = registration.event.starts_at + datetime.timedelta(minutes=1)
    error = refused(
        services.cancel_registration, registration=registration, by=registration.user, now=late
    )
    assert error.rules == {rules.CANCELLATION_DEADLINE}
    services.cancel_registration(registration=registration, by=registration.user)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert statuses(registration) == []
    assert "cancelled" in mail.outbox[-1].subject or "storniert" in mail.outbox[-1].subject
    assert ics_of(mail.outbox[-1]) == [
        ("Kommunalkongress", "CANCELLED"),
        ("Digitale Stadt I (Kommunalkongress)", "CANCELLED"),
    ]


def test_cancel_registration_by_an_organiser_after_the_deadline_is_audited(world):
    c = congress(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    organiser = world.user("coordinator")
    services.cancel_registration(registration=registration, by=organiser, as_organiser=True)
    entry = AuditEvent.objects.get(action="event.registration_cancelled_by_organiser")
    assert entry.actor == organiser
    assert entry.data == {"registration": registration.pk, "user_id": registration.user_id}
    # The entry names the event, not the person: it outlives the registration.
    assert registration.user.email not in entry.target_label
    assert entry.target_label == str(c.event)


def test_cancel_inactive_registration_is_refused():
    registration = RegistrationFactory(status="cancelled")
    error = refused(services.cancel_registration, registration=registration, by=registration.user)
    assert error.rules == {services.NOT_ACTIVE}


# --- approval ----------------------------------------------------------


def test_approval_pending_holds_the_seat_then_approve(world):
    c = congress(capacity=1, requires_approval=True)
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    assert registration.status == "pending"
    assert statuses(registration) == [("Digitale Stadt I", "confirmed")]
    assert ics_of(mail.outbox[-1])[0] == ("Kommunalkongress", "TENTATIVE")
    # The seat is held: the next person is offered the waiting list.
    error = refused(services.register, event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    assert error.rules == {rules.SESSION_FULL}
    services.approve_registration(registration=registration, by=world.user("coordinator"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert AuditEvent.objects.filter(action="event.registration_approved").count() == 1
    assert ics_of(mail.outbox[-1])[0] == ("Kommunalkongress", "CONFIRMED")
    error = refused(
        services.approve_registration, registration=registration, by=world.user("coordinator")
    )
    assert error.rules == {services.NOT_ACTIVE}


def test_approval_decline_frees_the_seat_for_the_waiting_list(world):
    c = congress(capacity=1, requires_approval=True)
    pending = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    waiting = services.register(
        event=c.event, user=UserFactory(), sessions=[c.stadt_1], join_waitlist=True
    )
    mail.outbox.clear()
    services.decline_registration(
        registration=pending, by=world.user("coordinator"), reason="Nur für Mitglieder"
    )
    pending.refresh_from_db()
    assert pending.status == "declined"
    assert statuses(waiting) == [("Digitale Stadt I", "confirmed")]
    assert [m.to for m in mail.outbox] == [[waiting.user.email], [pending.user.email]]
    assert "Nur für Mitglieder" in mail.outbox[1].body
    assert AuditEvent.objects.filter(action="event.registration_declined").count() == 1


def coordinator_emails(network):
    return sorted(network.coordinator_roles.values_list("user__email", flat=True))


def test_approval_request_mails_the_organisers_once(world):
    named = UserFactory(email="orga@example.org")
    inactive = UserFactory(email="weg@example.org", is_active=False)
    c = congress(networks=[world.network], requires_approval=True, organisers=[named, inactive])
    mail.outbox.clear()
    person = UserFactory(first_name="Petra", last_name="Pending")
    registration = services.register(event=c.event, user=person, sessions=[c.stadt_1])
    assert [m.to for m in mail.outbox] == [
        [person.email],
        sorted(["orga@example.org", *coordinator_emails(world.network)]),
    ]
    request = mail.outbox[1]
    assert request.subject == (
        "[Voneinander] Anmeldung wartet auf Ihre Bestätigung: Kommunalkongress"
    )
    assert person.email in request.body
    list_path = reverse("events:registration_list", kwargs={"slug": c.event.slug})
    assert list_path in request.body
    assert not request.attachments
    # Approving sends no further mail to the organisers.
    mail.outbox.clear()
    services.approve_registration(registration=registration, by=named)
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_approval_request_not_sent_without_approval(world):
    c = congress(networks=[world.network])
    mail.outbox.clear()
    person = UserFactory()
    services.register(event=c.event, user=person, sessions=[c.stadt_1])
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_approval_request_sent_when_promoted_from_event_waitlist(world):
    c = congress(networks=[world.network], requires_approval=True)
    c.event.capacity = 1
    c.event.save()
    first = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    waiting = services.register(event=c.event, user=UserFactory(), sessions=[], join_waitlist=True)
    assert waiting.status == "waitlisted"
    mail.outbox.clear()
    services.decline_registration(registration=first, by=world.user("coordinator"))
    waiting.refresh_from_db()
    assert waiting.status == "pending"
    coordinators = coordinator_emails(world.network)
    assert [m.to for m in mail.outbox][-1] == coordinators
    assert sum(m.to == coordinators for m in mail.outbox) == 1


# --- pages ----------------------------------------------------------


def register_url(event):
    return reverse("events:register", kwargs={"slug": event.slug})


def test_register_page_shows_sessions_by_round_with_places(client_as):
    c = congress(capacity=1)
    SessionBookingFactory(session=c.stadt_1)
    page = client_as(UserFactory()).get(register_url(c.event)).content.decode()
    assert page.index("Runde 1") < page.index("Digitale Stadt I") < page.index("Runde 2")
    assert gettext("full – waiting list") in page
    assert 'name="join_waitlist"' in page
    assert 'name="list_consent"' in page


def test_register_page_post_registers_and_redirects(client_as):
    c = congress()
    user = UserFactory()
    response = client_as(user).post(
        register_url(c.event), {"sessions": [c.stadt_1.pk, c.home_2.pk], "list_consent": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == c.event.get_absolute_url() + "#anmeldung"
    registration = Registration.objects.get(user=user)
    assert registration.list_consent
    assert len(statuses(registration)) == 2


def test_register_page_rule_violation_names_the_rule_and_saves_nothing(client_as):
    c = congress()
    response = client_as(UserFactory()).post(
        register_url(c.event), {"sessions": [c.stadt_1.pk, c.stadt_2.pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Digitale Stadt II" in page
    assert "(topic: Digitale Stadt)" in page or "(Thema: Digitale Stadt)" in page
    assert "checked" in page  # the choice stays in the form
    assert not Registration.objects.exists()


def test_register_page_unknown_session_gives_a_clear_message(client_as):
    c = congress()
    other = SessionFactory()
    response = client_as(UserFactory()).post(register_url(c.event), {"sessions": [other.pk]})
    assert response.status_code == 200
    assert (
        gettext("One of the chosen sessions is not part of this event. Please choose again.")
        in response.content.decode()
    )


def test_register_page_full_session_offers_the_waiting_list_then_joins(client_as):
    c = congress(capacity=1)
    client = client_as(UserFactory())
    # Shown as free, filled meanwhile:
    page = client.get(register_url(c.event)).content.decode()
    assert "join_waitlist" not in page
    SessionBookingFactory(session=c.stadt_1)
    response = client.post(register_url(c.event), {"sessions": [c.stadt_1.pk]})
    assert response.status_code == 200
    assert 'name="join_waitlist"' in response.content.decode()
    response = client.post(
        register_url(c.event), {"sessions": [c.stadt_1.pk], "join_waitlist": "on"}
    )
    assert response.status_code == 302
    assert SessionBooking.objects.filter(session=c.stadt_1, status="waitlisted").count() == 1


def test_register_page_closed_window_says_so(client_as):
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    client = client_as(UserFactory())
    page = client.get(register_url(event)).content.decode()
    with translation.override("de"):
        closed = translation.gettext("Registration closed on %(date)s.").split("%(date)s")[0]
    assert closed.strip() in page
    response = client.post(register_url(event), {})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_register_page_when_registered_sends_to_the_event(client_as):
    c = congress()
    registration = RegistrationFactory(event=c.event)
    response = client_as(registration.user).get(register_url(c.event))
    assert response.status_code == 302


def test_change_page_saves_sessions(client_as):
    c = congress()
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    client = client_as(registration.user)
    url = reverse("events:registration_change", kwargs={"slug": c.event.slug})
    page = client.get(url).content.decode()
    assert f'value="{c.stadt_1.pk}"' in page
    response = client.post(url, {"sessions": [c.dorf_1.pk, c.stadt_1.pk]})
    assert response.status_code == 200
    assert "(Runde 1)" in response.content.decode()
    response = client.post(url, {"sessions": [c.dorf_1.pk]})
    assert response.status_code == 302
    assert statuses(registration) == [("Zukunfts-Check Dorf", "confirmed")]


def test_change_page_without_registration_sends_to_register(client_as):
    c = congress()
    response = client_as(UserFactory()).get(
        reverse("events:registration_change", kwargs={"slug": c.event.slug})
    )
    assert response["Location"] == register_url(c.event)


def test_cancel_page_confirms_then_cancels(client_as):
    c = congress()
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    client = client_as(registration.user)
    url = reverse("events:registration_cancel", kwargs={"slug": c.event.slug})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_cancel_page_after_deadline_explains(client_as):
    c = congress(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    registration = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    url = reverse("events:registration_cancel", kwargs={"slug": c.event.slug})
    response = client_as(registration.user).post(url)
    assert response.status_code == 200
    assert "Cancellations were possible until" in response.content.decode() or (
        "Stornierungen" in response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_booking_cancel_gives_up_the_place(client_as):
    c = congress()
    registration = services.register(
        event=c.event, user=UserFactory(), sessions=[c.stadt_1, c.home_2]
    )
    booking = registration.bookings.get(session=c.stadt_1)
    url = reverse("events:booking_cancel", kwargs={"slug": c.event.slug, "pk": booking.pk})
    response = client_as(registration.user).post(url)
    assert response["Location"] == reverse("events:my_registrations")
    assert statuses(registration) == [("Homeoffice und Führung", "confirmed")]


def test_booking_cancel_of_someone_else_is_404(client_as):
    booking = SessionBookingFactory()
    url = reverse(
        "events:booking_cancel", kwargs={"slug": booking.session.event.slug, "pk": booking.pk}
    )
    assert client_as(UserFactory()).post(url).status_code == 404
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def _my_registrations(count):
    user = UserFactory()
    for number in range(count):
        c = congress(title=f"Kongress {number}", capacity=1)
        SessionBookingFactory(session=c.stadt_1)
        services.register(
            event=c.event, user=user, sessions=[c.stadt_1, c.home_2], join_waitlist=True
        )
    past = EventFactory(
        title="Vergangen",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    RegistrationFactory(event=past, user=user)
    return user


def test_my_registrations_lists_upcoming_and_past_with_positions(client_as):
    user = _my_registrations(1)
    response = client_as(user).get(reverse("events:my_registrations"))
    page = response.content.decode()
    assert "Kongress 0" in page
    assert "Vergangen" in page
    assert page.index("Kongress 0") < page.index("Vergangen")
    assert "position 1" in page or "Position 1" in page
    assert (
        reverse("events:registration_cancel", kwargs={"slug": "x"}).replace("/x/", "/") not in page
    )


@pytest.mark.parametrize("count", [1, 4])
def test_my_registrations_query_count_is_constant(client_as, django_assert_max_num_queries, count):
    client = client_as(_my_registrations(count))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("events:my_registrations")).status_code == 200


def _organised_event(world, count):
    c = congress(networks=[world.network], capacity=count, requires_approval=True)
    QuestionFactory(event=c.event, label="Essen")
    for _number in range(count):
        services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1, c.home_2])
    services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1], join_waitlist=True)
    return c


@pytest.mark.parametrize("count", [1, 5])
def test_registration_list_query_count_is_constant(
    world, client_as, django_assert_max_num_queries, count
):
    c = _organised_event(world, count)
    client = client_as(world.user("coordinator"))
    url = reverse("events:registration_list", kwargs={"slug": c.event.slug})
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('value="approve"') == count + 1
    assert response.content.decode().count('name="reason"') == count + 1


def test_registration_list_approve_and_decline(world, client_as):
    c = _organised_event(world, 1)
    pending = Registration.objects.filter(event=c.event).order_by("pk")
    client = client_as(world.user("coordinator"))
    first, second = pending
    url = reverse("events:registration_decide", kwargs={"slug": c.event.slug, "pk": first.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 302
    url = reverse("events:registration_decide", kwargs={"slug": c.event.slug, "pk": second.pk})
    mail.outbox.clear()
    client.post(url, {"decision": "decline", "reason": "Ausgebucht"})
    assert [m.to for m in mail.outbox] == [[second.user.email]]
    assert "Ausgebucht" in mail.outbox[0].body
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "declined")
    response = client.post(url, {"decision": "vielleicht"})
    assert response.status_code == 302


def test_registration_decline_reason_too_long_keeps_the_registration(world, client_as):
    c = _organised_event(world, 1)
    registration = Registration.objects.filter(event=c.event).order_by("pk").first()
    client = client_as(world.user("coordinator"))
    url = reverse(
        "events:registration_decide", kwargs={"slug": c.event.slug, "pk": registration.pk}
    )
    response = client.post(url, {"decision": "decline", "reason": "x" * 501}, follow=True)
    registration.refresh_from_db()
    assert registration.status == "pending"
    with translation.override("en"):
        expected = gettext("The reason may be at most 500 characters long.")
    assert expected in response.content.decode() or "500" in response.content.decode()


def test_registration_export_csv(world, client_as):
    c = _organised_event(world, 1)
    registration = Registration.objects.filter(event=c.event).first()
    registration.answers = {str(c.event.questions.get().pk): "=HYPERLINK()"}
    registration.save()
    response = client_as(world.user("coordinator")).get(
        reverse("events:registration_export", kwargs={"slug": c.event.slug})
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmeldungen-{c.event.slug}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(text.strip().splitlines(), delimiter=";"))
    assert len(rows) == 3
    header, _xlsx_rows = participants.export_rows(c.event)
    assert rows[0] == header  # the same columns as the XLSX export
    assert "Essen" in rows[0]
    exported = next(row for row in rows[1:] if row[1] == registration.user.email)
    assert exported[4] == "Digitale Stadt I; Homeoffice und Führung"
    assert exported[rows[0].index("Essen")] == "'=HYPERLINK()"  # no formulas from user input


# --- the registration box ----------------------------------------------------------


def render_box(event, user):
    request = RequestFactory().get(event.get_absolute_url())
    request.user = user
    return Template("{% load event_registration %}{% registration_box event %}").render(
        Context({"request": request, "event": event})
    )


def test_box_for_anonymous_asks_to_sign_in():
    from django.contrib.auth.models import AnonymousUser

    c = congress()
    html = render_box(c.event, AnonymousUser())
    assert reverse("account_login") in html
    assert 'name="sessions"' not in html


def test_box_shows_form_then_registration():
    c = congress()
    user = UserFactory()
    html = render_box(c.event, user)
    assert f'action="{register_url(c.event)}"' in html
    assert html.count('name="sessions"') == 4
    services.register(event=c.event, user=user, sessions=[c.stadt_1])
    html = render_box(c.event, user)
    assert 'name="sessions"' not in html
    assert "Digitale Stadt I" in html
    assert reverse("events:registration_change", kwargs={"slug": c.event.slug}) in html


@pytest.mark.parametrize("count", [1, 6])
def test_box_query_count_is_constant(django_assert_max_num_queries, count):
    c = congress()
    for number in range(count):
        SessionFactory(event=c.event, title=f"Vortrag {number}", round=None)
        QuestionFactory(event=c.event)
        RegistrationFactory(event=c.event)
    user = UserFactory()
    with django_assert_max_num_queries(6):
        render_box(c.event, user)
    registration = services.register(event=c.event, user=user, sessions=[c.stadt_1])
    for session in c.event.sessions.filter(title__startswith="Vortrag"):
        SessionBooking.objects.create(registration=registration, session=session)
    with django_assert_max_num_queries(5):
        render_box(c.event, user)


def test_register_page_names_rule_problems_together_with_missing_answers(client_as):
    c = congress()
    QuestionFactory(event=c.event, label="Kommune", required=True)
    response = client_as(UserFactory()).post(
        register_url(c.event), {"sessions": [c.stadt_1.pk, c.dorf_1.pk]}
    )
    page = response.content.decode()
    assert "(Runde 1)" in page
    assert "Kommune" in page
    assert not Registration.objects.exists()
