"""iCalendar (RFC 5545) files: one event, or a feed of many entries.

Built with the `icalendar` library. Times are written in UTC (the calendar
client shows them in its own zone). Every entry has a stable UID, so that a
calendar updates an entry instead of adding a second one, and a SEQUENCE
taken from the last change, so that clients accept updates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Voneinander//Veranstaltungen//DE"


@dataclass(frozen=True)
class Entry:
    """One calendar entry (an event, or a session of an event)."""

    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    url: str = ""
    location: str = ""
    description: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE (e.g. waiting list) or CANCELLED
    sequence: int = 0


def _one_line(text: str) -> str:
    """Titles, places and names are single-line properties: line breaks become spaces."""
    return " ".join(text.split())


def uid_for(kind: str, pk: int) -> str:
    """A stable, globally unique UID, e.g. "event-12@voneinander.example.org"."""
    host = getattr(settings, "CALENDAR_UID_DOMAIN", "") or "voneinander"
    return f"{kind}-{pk}@{host}"


def calendar(entries: Iterable[Entry], *, name: str = "", refresh_hours: int = 0) -> bytes:
    """A VCALENDAR with one VEVENT per entry, as bytes (text/calendar; charset=utf-8)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", _one_line(name))
    if refresh_hours:
        cal.add(
            "refresh-interval",
            datetime.timedelta(hours=refresh_hours),
            parameters={"VALUE": "DURATION"},
        )
        cal.add("x-published-ttl", f"PT{refresh_hours}H")
    stamp = timezone.now().astimezone(datetime.UTC)
    for entry in entries:
        vevent = VEvent()
        vevent.add("uid", entry.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", entry.starts_at.astimezone(datetime.UTC))
        vevent.add("dtend", entry.ends_at.astimezone(datetime.UTC))
        vevent.add("summary", _one_line(entry.summary))
        vevent.add("sequence", entry.sequence)
        vevent.add("status", entry.status)
        if entry.url:
            vevent.add("url", _one_line(entry.url))
        if entry.location:
            vevent.add("location", _one_line(entry.location))
        if entry.description:
            vevent.add("description", entry.description)
        cal.add_component(vevent)
    return cal.to_ical()


def sequence_of(changed_at: datetime.datetime | None) -> int:
    """A SEQUENCE that grows with every change: seconds since 2020 of the last change."""
    if changed_at is None:
        return 0
    epoch = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    return max(0, int((changed_at - epoch).total_seconds()))
