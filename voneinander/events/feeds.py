"""Calendar files: one event, a person's subscription feed, a network's feed.

Entries never carry the meeting link: calendar files travel (e-mail, shared
calendars, subscriptions fetched by third-party servers). Which events go in
is decided by the selectors' visibility gate.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from voneinander.events import ics
from voneinander.events.models import (
    ACTIVE_BOOKING,
    ACTIVE_REGISTRATION,
    BookingStatus,
    Event,
    EventFormat,
    ProgrammePart,
    Registration,
    RegistrationStatus,
    SessionBooking,
)
from voneinander.events.selectors import events_visible_to
from voneinander.networks.models import Network

FEED_REFRESH_HOURS = 6
NETWORK_FEED_PAST_DAYS = 180


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _location(event: Event) -> str:
    if event.format == EventFormat.ONLINE:
        return _("Online")
    if event.format == EventFormat.HYBRID:
        return f"{event.location} / {_('online')}" if event.location else _("Online and on site")
    return event.location


def event_entry(event: Event, *, status: str = "CONFIRMED") -> ics.Entry:
    url = _absolute(event.get_absolute_url())
    description = "\n\n".join(part for part in (event.summary, url) if part)
    return ics.Entry(
        uid=ics.uid_for("event", event.pk),
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        url=url,
        location=_location(event),
        description=description,
        status="CANCELLED" if event.cancelled_at else status,
        sequence=ics.sequence_of(event.updated_at),
    )


def part_entry(part: ProgrammePart, event: Event) -> ics.Entry:
    description = "\n\n".join(p for p in (part.speakers_text, part.description) if p)
    return ics.Entry(
        uid=ics.uid_for("part", part.pk),
        summary=f"{event.title}: {part.title}",
        starts_at=part.starts_at,
        ends_at=part.ends_at,
        url=_absolute(event.get_absolute_url()),
        location=_location(event),
        description=description,
        status="CANCELLED" if event.cancelled_at else "CONFIRMED",
        sequence=ics.sequence_of(event.updated_at),
    )


def event_calendar(event: Event) -> bytes:
    """The event and its plenary programme items."""
    parts = ProgrammePart.objects.filter(event=event).order_by("starts_at", "pk")
    entries = [event_entry(event)] + [part_entry(part, event) for part in parts]
    return ics.calendar(entries, name=event.title)


def _tentative(status: str) -> str:
    confirmed = status in {RegistrationStatus.CONFIRMED, BookingStatus.CONFIRMED}
    return "CONFIRMED" if confirmed else "TENTATIVE"


def _session_place(room: str) -> str:
    """A room, but never a session's video link (links are for participants on the page)."""
    return "" if "://" in room else room


def personal_entries(user) -> list[ics.Entry]:
    """Exactly the person's active registrations and session bookings.

    Waiting-list places and registrations awaiting approval are TENTATIVE.
    """
    visible = events_visible_to(user).values("pk")
    registrations = (
        Registration.objects.filter(user=user, status__in=ACTIVE_REGISTRATION, event__in=visible)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=SessionBooking.objects.filter(status__in=ACTIVE_BOOKING)
                .select_related("session")
                .order_by("session__starts_at", "pk"),
            )
        )
        .order_by("event__starts_at", "pk")
    )
    entries = []
    for registration in registrations:
        event = registration.event
        entries.append(event_entry(event, status=_tentative(registration.status)))
        for booking in registration.bookings.all():
            session = booking.session
            status = _tentative(booking.status)
            if registration.status != RegistrationStatus.CONFIRMED:
                status = "TENTATIVE"
            entries.append(
                ics.Entry(
                    uid=ics.uid_for("session", session.pk),
                    summary=f"{session.title} ({event.title})",
                    starts_at=session.starts_at,
                    ends_at=session.ends_at,
                    url=_absolute(event.get_absolute_url()),
                    location=_session_place(session.room),
                    description=session.topic,
                    status="CANCELLED" if event.cancelled_at else status,
                    sequence=ics.sequence_of(booking.updated_at),
                )
            )
    return entries


def personal_calendar(user) -> bytes:
    return ics.calendar(
        personal_entries(user),
        name=_("My events – %(site)s") % {"site": settings.SITE_NAME},
        refresh_hours=FEED_REFRESH_HOURS,
    )


def network_calendar(network: Network) -> bytes:
    """Events of the network that anonymous visitors may see: upcoming and recent ones."""
    since = timezone.now() - datetime.timedelta(days=NETWORK_FEED_PAST_DAYS)
    events = (
        events_visible_to(AnonymousUser())
        .filter(networks=network, ends_at__gte=since)
        .order_by("starts_at", "pk")
    )
    return ics.calendar(
        [event_entry(event) for event in events],
        name=f"{network.short_name or network.name} – {settings.SITE_NAME}",
        refresh_hours=FEED_REFRESH_HOURS,
    )
