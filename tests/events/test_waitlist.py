"""Per-session waiting lists: first come first served, promotion re-checks every rule."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.events.factories import SessionFactory
from tests.events.registration_factories import congress
from tests.factories import UserFactory
from voneinander.events import booking_rules as rules
from voneinander.events import registration_services as services
from voneinander.events.models import SessionBooking
from voneinander.events.registration_selectors import registration_with_bookings

pytestmark = pytest.mark.django_db


def booking_status(registration, session):
    return (
        SessionBooking.objects.filter(registration=registration, session=session)
        .order_by("-pk")
        .values_list("status", flat=True)
        .first()
    )


def full_congress():
    """Digitale Stadt I has one place, taken by `holder`."""
    c = congress(capacity=1)
    holder = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    return c, holder


def queue(c, session, *others, count=1):
    return [
        services.register(
            event=c.event, user=UserFactory(), sessions=[session, *others], join_waitlist=True
        )
        for _ in range(count)
    ]


def test_waitlist_promotes_first_come_first_served_on_cancellation():
    c, holder = full_congress()
    first, second = queue(c, c.stadt_1, count=2)
    mail.outbox.clear()
    services.cancel_booking(booking=holder.bookings.get(), by=holder.user)
    assert booking_status(first, c.stadt_1) == "confirmed"
    assert booking_status(second, c.stadt_1) == "waitlisted"
    promoted = [m for m in mail.outbox if m.to == [first.user.email]]
    assert len(promoted) == 1
    assert "Digitale Stadt I" in promoted[0].subject
    assert any(name.endswith(".ics") for name, *_ in promoted[0].attachments)


def test_waitlist_positions_count_from_one():
    c, _holder = full_congress()
    first, second, third = queue(c, c.stadt_1, count=3)
    positions = [
        registration_with_bookings(c.event, r.user).active_bookings[0].position
        for r in (first, second, third)
    ]
    assert positions == [1, 2, 3]
    services.cancel_booking(booking=first.bookings.get(), by=first.user)
    assert registration_with_bookings(c.event, third.user).active_bookings[0].position == 2


def test_waitlist_promotion_skips_whom_the_rules_now_exclude_with_a_notice():
    c, holder = full_congress()
    first, second = queue(c, c.stadt_1, count=2)
    # `first` meanwhile books the repeat of the same topic in round 2 …
    services.change_sessions(registration=first, sessions=[c.stadt_1, c.stadt_2])
    assert booking_status(first, c.stadt_2) == "confirmed"
    mail.outbox.clear()
    services.cancel_registration(registration=holder, by=holder.user)
    # … so the freed place goes to `second`, and `first` is told why.
    assert booking_status(first, c.stadt_1) == "cancelled"
    assert booking_status(second, c.stadt_1) == "confirmed"
    (notice,) = [m for m in mail.outbox if m.to == [first.user.email]]
    assert "„Digitale Stadt I“" in notice.body
    assert "Digitale Stadt" in notice.body
    assert "„Digitale Stadt II“" in notice.body  # the conflicting choice is named


def test_waitlist_place_does_not_count_against_the_maximum_but_promotion_does():
    c, holder = full_congress()
    (waiting,) = queue(c, c.stadt_1)
    # A waiting-list place for round 1 does not block another round-1 seat, since
    # waiting-list places are not counted …
    services.change_sessions(registration=waiting, sessions=[c.stadt_1, c.dorf_1, c.home_2])
    assert booking_status(waiting, c.dorf_1) == "confirmed"
    assert booking_status(waiting, c.home_2) == "confirmed"
    # … but promotion re-checks: two seats (maximum) and one in round 1 already.
    services.cancel_registration(registration=holder, by=holder.user)
    assert booking_status(waiting, c.stadt_1) == "cancelled"


def test_waitlist_joining_is_checked_like_a_booking():
    c, _holder = full_congress()
    user = UserFactory()
    registration = services.register(event=c.event, user=user, sessions=[c.dorf_1])
    with pytest.raises(services.RegistrationRefusedError) as info:
        services.change_sessions(
            registration=registration, sessions=[c.dorf_1, c.stadt_1], join_waitlist=True
        )
    assert info.value.rules == {rules.ONE_PER_ROUND}


def test_waitlist_promotion_gives_up_places_the_new_seat_excludes():
    c = congress(capacity=1)
    holder_a = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    services.register(event=c.event, user=UserFactory(), sessions=[c.dorf_1])
    # One person queues for both round-1 workshops (allowed: places are not counted).
    waiting = services.register(
        event=c.event, user=UserFactory(), sessions=[c.stadt_1], join_waitlist=True
    )
    services.change_sessions(
        registration=waiting, sessions=[c.stadt_1, c.dorf_1], join_waitlist=True
    )
    assert booking_status(waiting, c.dorf_1) == "waitlisted"
    mail.outbox.clear()
    services.cancel_registration(registration=holder_a, by=holder_a.user)
    assert booking_status(waiting, c.stadt_1) == "confirmed"
    assert booking_status(waiting, c.dorf_1) == "cancelled"
    (promotion,) = [m for m in mail.outbox if m.to == [waiting.user.email]]
    assert "Zukunfts-Check Dorf" in promotion.body  # named as given up


def test_waitlist_raising_the_capacity_promotes():
    c, _holder = full_congress()
    first, second, third = queue(c, c.stadt_1, count=3)
    c.stadt_1.capacity = 3
    c.stadt_1.save()
    promoted = services.promote_waitlist(session=c.stadt_1)
    assert [b.registration_id for b in promoted] == [first.pk, second.pk]
    assert booking_status(third, c.stadt_1) == "waitlisted"


def test_waitlist_unlimited_session_promotes_everyone():
    c, _holder = full_congress()
    waiting = queue(c, c.stadt_1, count=2)
    c.stadt_1.capacity = None
    c.stadt_1.save()
    assert len(services.promote_waitlist(session=c.stadt_1)) == 2
    assert {booking_status(r, c.stadt_1) for r in waiting} == {"confirmed"}


def test_waitlist_no_promotion_once_the_session_has_started():
    c, holder = full_congress()
    (waiting,) = queue(c, c.stadt_1)
    started = c.stadt_1.starts_at + datetime.timedelta(minutes=5)
    services.cancel_booking(
        booking=holder.bookings.get(), by=holder.user, as_organiser=True, now=started
    )
    assert booking_status(waiting, c.stadt_1) == "waitlisted"


def test_waitlist_leaving_it_frees_no_seat_and_is_possible_after_the_deadline():
    c, holder = full_congress()
    first, second = queue(c, c.stadt_1, count=2)
    late = c.event.starts_at + datetime.timedelta(minutes=1)
    services.cancel_booking(booking=first.bookings.get(), by=first.user, now=late)
    assert booking_status(first, c.stadt_1) == "cancelled"
    assert booking_status(second, c.stadt_1) == "waitlisted"
    assert booking_status(holder, c.stadt_1) == "confirmed"


def test_waitlist_promotion_in_a_chain_of_sessions():
    """Cancelling a registration frees several sessions; each fills from its own list."""
    c = congress(capacity=1)
    holder = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1, c.home_2])
    (for_stadt,) = queue(c, c.stadt_1)
    (for_home,) = queue(c, c.home_2)
    services.cancel_registration(registration=holder, by=holder.user)
    assert booking_status(for_stadt, c.stadt_1) == "confirmed"
    assert booking_status(for_home, c.home_2) == "confirmed"


def test_waitlist_organiser_cancels_a_booking_after_the_deadline(world):
    c = congress(capacity=1, cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    holder = services.register(event=c.event, user=UserFactory(), sessions=[c.stadt_1])
    (waiting,) = queue(c, c.stadt_1)
    with pytest.raises(services.RegistrationRefusedError):
        services.cancel_booking(booking=holder.bookings.get(), by=holder.user)
    services.cancel_booking(
        booking=holder.bookings.get(), by=world.user("coordinator"), as_organiser=True
    )
    assert booking_status(waiting, c.stadt_1) == "confirmed"


def test_waitlist_seats_never_exceed_capacity_after_many_changes():
    c = congress(capacity=2)
    people = [
        services.register(
            event=c.event, user=UserFactory(), sessions=[c.stadt_1], join_waitlist=True
        )
        for _ in range(6)
    ]
    for registration in people[:3]:
        services.cancel_registration(registration=registration, by=registration.user)
    SessionFactory(event=c.event)  # unrelated
    confirmed = SessionBooking.objects.filter(session=c.stadt_1, status="confirmed")
    assert confirmed.count() == 2
    assert sorted(confirmed.values_list("registration_id", flat=True)) == [
        people[3].pk,
        people[4].pk,
    ]


def test_raising_a_session_capacity_promotes_the_waiting_list():
    from voneinander.events import services as organising

    c, _holder = full_congress()
    (waiting,) = queue(c, c.stadt_1)
    organiser = UserFactory(is_superuser=True, is_staff=True)
    c.stadt_1.capacity = 2
    organising.save_programme_item(event=c.event, item=c.stadt_1, by=organiser)
    assert booking_status(waiting, c.stadt_1) == "confirmed"
