"""Attendance: check-in by organisers (for the event and per session), self check-in while
the event runs, and who may have a certificate of attendance.

Someone attended when they were checked in for the event or marked present in at
least one booked session; a session marked as attended checks the person in for
the event as well. Check-ins are not written to the audit log (hundreds per
congress, none of them security-relevant); the certificate lists exactly the
sessions marked as attended.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voneinander.events.models import (
    BookingStatus,
    Event,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)


def _local(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def is_running(event: Event, now: datetime.datetime) -> bool:
    return event.starts_at <= now <= event.ends_at and not event.cancelled_at


def _lock(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("event", "user")
        .get(pk=registration.pk)
    )


def _ensure_confirmed(registration: Registration) -> None:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("Only confirmed registrations can be checked in (%(name)s: %(status)s).")
            % {
                "name": registration.user.display_name,
                "status": registration.get_status_display(),
            }
        )


# --- Organisers ------------------------------------------------------------------------


def check_in(*, registration: Registration, by, now: datetime.datetime | None = None):
    """Check a confirmed participant in for the event; checking in twice keeps the first time."""
    with transaction.atomic():
        registration = _lock(registration)
        _ensure_confirmed(registration)
        if registration.checked_in_at is None:
            registration.checked_in_at = now or timezone.now()
            registration.save(update_fields=["checked_in_at", "updated_at"])
    return registration


def undo_check_in(*, registration: Registration, by) -> Registration:
    """Take a check-in back; the sessions marked as attended are unmarked too."""
    with transaction.atomic():
        registration = _lock(registration)
        if registration.checked_in_at is not None:
            registration.checked_in_at = None
            registration.save(update_fields=["checked_in_at", "updated_at"])
        SessionBooking.objects.filter(registration=registration, attended=True).update(
            attended=False, updated_at=timezone.now()
        )
    return registration


def set_attended(
    *, booking: SessionBooking, attended: bool, by, now: datetime.datetime | None = None
) -> SessionBooking:
    """Mark a booked place as attended (or not); attending checks the person in."""
    with transaction.atomic():
        registration = _lock(booking.registration)
        booking = (
            SessionBooking.objects.select_for_update().select_related("session").get(pk=booking.pk)
        )
        booking.registration = registration
        if attended:
            _ensure_confirmed(registration)
            if booking.status != BookingStatus.CONFIRMED:
                raise ValidationError(
                    _("%(name)s has no place in %(session)s, so cannot be marked as present.")
                    % {"name": registration.user.display_name, "session": booking.session.title}
                )
        if booking.attended != attended:
            booking.attended = attended
            booking.save(update_fields=["attended", "updated_at"])
        if attended and registration.checked_in_at is None:
            registration.checked_in_at = now or timezone.now()
            registration.save(update_fields=["checked_in_at", "updated_at"])
    return booking


# --- Self check-in ----------------------------------------------------------------------


@dataclass
class SelfCheckIn:
    """What the event page offers a participant: check-in and the sessions running now."""

    registration: Registration | None
    enabled: bool = False  # the organisers allow self check-in
    running: bool = False  # the event runs now
    not_started: bool = False
    checked_in: bool = False
    sessions_now: list[SessionBooking] = field(default_factory=list)  # to confirm presence in
    attended: bool = False  # may download a certificate

    @property
    def can_check_in(self) -> bool:
        return self.enabled and self.running and not self.checked_in


def attendance_of(event: Event, user, now: datetime.datetime | None = None) -> SelfCheckIn:
    """The person's attendance at the event; two queries at most."""
    now = now or timezone.now()
    registration = registration_with_attendance(event, user)
    if registration is None:
        return SelfCheckIn(None)
    state = SelfCheckIn(
        registration,
        enabled=event.self_check_in and not event.cancelled_at,
        running=is_running(event, now),
        not_started=now < event.starts_at,
        checked_in=registration.checked_in_at is not None,
        attended=has_attended(registration),
    )
    if state.enabled and state.running:
        state.sessions_now = [
            booking
            for booking in registration.confirmed_bookings
            if not booking.attended and booking.session.starts_at <= now <= booking.session.ends_at
        ]
    return state


def self_check_in(
    *,
    event: Event,
    user,
    session: Session | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """A confirmed participant checks in for the event (and, if given, a session running now)."""
    now = now or timezone.now()
    if not event.self_check_in:
        raise ValidationError(_("The organisers check participants in for this event."))
    if event.cancelled_at:
        raise ValidationError(_("This event has been cancelled."))
    if not is_running(event, now):
        raise ValidationError(
            _("You can check in only while the event runs, from %(start)s to %(end)s.")
            % {"start": _local(event.starts_at), "end": _local(event.ends_at)}
        )
    registration = (
        Registration.objects.filter(event=event, user=user, status=RegistrationStatus.CONFIRMED)
        .order_by("-created_at")
        .first()
    )
    if registration is None:
        raise ValidationError(_("Only confirmed participants can check in."))
    if session is None:
        return check_in(registration=registration, by=user, now=now)
    booking = SessionBooking.objects.filter(
        registration=registration, session=session, status=BookingStatus.CONFIRMED
    ).first()
    if booking is None:
        raise ValidationError(_("You have no place in %(session)s.") % {"session": session.title})
    if not session.starts_at <= now <= session.ends_at:
        raise ValidationError(
            _("You can confirm your presence in %(session)s only while it runs, from %(start)s.")
            % {"session": session.title, "start": _local(session.starts_at)}
        )
    return set_attended(booking=booking, attended=True, by=user, now=now).registration


# --- Certificates -------------------------------------------------------------------------


def _confirmed_bookings() -> Prefetch:
    return Prefetch(
        "bookings",
        queryset=SessionBooking.objects.filter(status=BookingStatus.CONFIRMED)
        .select_related("session")
        .order_by("session__starts_at", "session__title", "pk"),
        to_attr="confirmed_bookings",
    )


def registration_with_attendance(event: Event, user) -> Registration | None:
    """The person's confirmed registration with `confirmed_bookings`; two queries."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user, status=RegistrationStatus.CONFIRMED)
        .select_related("user", "event")
        .prefetch_related(_confirmed_bookings())
        .order_by("-created_at")
        .first()
    )


def registration_for_certificate(event: Event, pk: int) -> Registration | None:
    return (
        Registration.objects.filter(event=event, pk=pk)
        .select_related("user", "event")
        .prefetch_related(_confirmed_bookings())
        .first()
    )


def attended_sessions(registration: Registration) -> list[Session]:
    return [b.session for b in registration.confirmed_bookings if b.attended]


def has_attended(registration: Registration) -> bool:
    """Checked in, or present in at least one session (needs `confirmed_bookings`)."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return False
    return registration.checked_in_at is not None or any(
        booking.attended for booking in registration.confirmed_bookings
    )


# --- The organisers' session list -------------------------------------------------------------


def session_bookings(session: Session) -> list[SessionBooking]:
    """The confirmed places of a session, by name; one query."""
    bookings = list(
        SessionBooking.objects.filter(session=session, status=BookingStatus.CONFIRMED)
        .select_related("registration__user")
        .order_by(
            "registration__user__last_name",
            "registration__user__first_name",
            "registration__user__email",
            "pk",
        )
    )
    for booking in bookings:
        booking.session = session
    return bookings
