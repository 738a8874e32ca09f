"""Reads for registrations: the registration box, "my registrations", the organiser's list.

Events are looked up through `selectors.event_for_viewer` (the visibility gate);
registrations and bookings only through the event or the person they belong to.
Every list here costs a fixed number of queries, however many rows it has.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from voneinander.events import booking_rules as rules
from voneinander.events.models import (
    ACTIVE_BOOKING,
    ACTIVE_REGISTRATION,
    AllocationMode,
    BookingStatus,
    Event,
    Question,
    Registration,
    RegistrationStatus,
    Round,
    Session,
    SessionBooking,
)
from voneinander.events.selectors import event_for_viewer


def event_for_registration(request, slug: str, **_ignored) -> Event:
    return event_for_viewer(request, slug)


def _own_registration(request, event: Event, pk: int) -> Registration:
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=pk, event=event, user=request.user
    )


def booking_of_viewer(request, slug: str, pk: int, **_ignored) -> SessionBooking:
    """One of the signed-in person's own bookings in the event at `slug`; 404 otherwise."""
    event = event_for_viewer(request, slug)
    if not request.user.is_authenticated:
        raise Http404
    booking = get_object_or_404(
        SessionBooking.objects.select_related(
            "session", "registration__event", "registration__user"
        ),
        pk=pk,
        registration__event=event,
        registration__user=request.user,
    )
    request.event = event
    return booking


def registration_for_organiser(request, slug: str, pk: int, **_ignored) -> Registration:
    """A registration of the event at `slug` (the permission asks about its event)."""
    event = event_for_viewer(request, slug)
    return get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=pk, event=event
    )


# --- Waiting-list positions --------------------------------------------------------


def _ahead_in_line() -> Subquery:
    ahead = (
        SessionBooking.objects.filter(session=OuterRef("session"), status=BookingStatus.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(ahead, output_field=IntegerField())


def bookings_with_positions(queryset: QuerySet[SessionBooking]) -> QuerySet[SessionBooking]:
    """Annotate `position` (1 = next in line); meaningful for waiting-list places."""
    return queryset.annotate(position=Coalesce(_ahead_in_line(), 0) + 1)


def _active_bookings_prefetch() -> Prefetch:
    return Prefetch(
        "bookings",
        queryset=bookings_with_positions(
            SessionBooking.objects.filter(status__in=ACTIVE_BOOKING).select_related(
                "session__round"
            )
        ).order_by("session__starts_at", "session__title", "pk"),
        to_attr="active_bookings",
    )


def event_waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def registration_with_bookings(event: Event, user) -> Registration | None:
    """The person's active registration with `active_bookings` (positions annotated)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user, status__in=ACTIVE_REGISTRATION)
        .prefetch_related(_active_bookings_prefetch())
        .order_by("-created_at")
        .first()
    )


def registration_for_mail(registration: Registration) -> Registration:
    return (
        Registration.objects.select_related("event", "user")
        .prefetch_related(_active_bookings_prefetch())
        .get(pk=registration.pk)
    )


# --- "My registrations" -----------------------------------------------------------------


def my_registrations(user, *, now: datetime.datetime | None = None):
    """(upcoming, past) registrations of the person, with bookings and positions."""
    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED, event__ends_at__lt=now)
        .select_related("event")
        .prefetch_related(_active_bookings_prefetch())
        .order_by("event__starts_at", "pk")
    )
    for registration in registrations:
        event_rules = rules.EventRules.of(registration.event)
        registration.can_cancel = registration.status in ACTIVE_REGISTRATION and (
            registration.status == RegistrationStatus.WAITLISTED
            or not rules.cancellation_violations(event_rules, now)
        )
        registration.cancellation_deadline = event_rules.effective_cancellation_deadline
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now][::-1]
    return upcoming, past


# --- The registration box and form -----------------------------------------------------------


@dataclass
class SessionGroup:
    round: Round | None
    sessions: list[Session] = field(default_factory=list)


def bookable_sessions(event: Event) -> list[Session]:
    """The event's sessions with `booked`, `waiting` and `free_places` (None: no limit)."""
    sessions = list(
        Session.objects.filter(event=event)
        .select_related("round")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED)),
        )
        .order_by("starts_at", "title", "pk")
    )
    for session in sessions:
        session.free_places = (
            None if session.capacity is None else max(0, session.capacity - session.booked)
        )
        session.is_full = session.free_places == 0
    return sessions


def group_by_round(sessions: list[Session]) -> list[SessionGroup]:
    """Rounds in time order, then the sessions outside any round."""
    groups: dict[int | None, SessionGroup] = {}
    for session in sorted(sessions, key=lambda s: (s.round is None, s.starts_at, s.pk)):
        key = session.round_id
        if key not in groups:
            groups[key] = SessionGroup(session.round)
        groups[key].sessions.append(session)
    return list(groups.values())


def questions_of(event: Event) -> list[Question]:
    return list(Question.objects.filter(event=event).order_by("pk"))


def books_sessions_directly(event: Event) -> bool:
    if event.allocation_mode != AllocationMode.PREFERENCES:
        return True
    return event.allocation_runs.filter(published_at__isnull=False).exists()


def event_seats(event: Event) -> int | None:
    """Free places at the event itself (None: no limit)."""
    if event.capacity is None:
        return None
    taken = Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING]
    ).count()
    return max(0, event.capacity - taken)


# --- The organiser's list -----------------------------------------------------------------------


def registrations_for_organiser(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event)
        .select_related("user")
        .prefetch_related(_active_bookings_prefetch())
        .order_by("created_at", "pk")
    )


def status_counts(registrations: list[Registration]) -> dict[str, int]:
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for registration in registrations:
        counts[registration.status] += 1
    return counts
