import datetime

import icalendar
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import (
    EventFactory,
    ProgrammePartFactory,
    RoundFactory,
    SessionFactory,
    berlin,
)
from voneinander.events.models import EventFormat
from voneinander.events.services import update_event

MEETING = "https://meet.example.org/nur-fuer-teilnehmende"


def _ics(client, event):
    response = client.get(reverse("events:ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def _vevents(content: bytes):
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_event_ics_holds_the_event_and_its_plenary_items(world, client, settings):
    settings.SITE_URL = "https://voneinander.example.org"
    event = EventFactory(
        networks=[world.network],
        title="Kommunalkongress",
        starts_at=berlin(2030, 9, 13, 9, 30),
        ends_at=berlin(2030, 9, 13, 15),
        meeting_url=MEETING,
    )
    ProgrammePartFactory(
        event=event,
        title="Grußwort",
        starts_at=berlin(2030, 9, 13, 9, 30),
        ends_at=berlin(2030, 9, 13, 9, 45),
        speakers_text="Oberbürgermeister",
    )
    SessionFactory(round=RoundFactory(event=event), title="Workshop Digitale Stadt")

    response = _ics(client, event)
    entries = _vevents(response.content)
    assert [str(e["SUMMARY"]) for e in entries] == [
        "Kommunalkongress",
        "Kommunalkongress: Grußwort",
    ]
    main = entries[0]
    assert main.decoded("DTSTART") == datetime.datetime(2030, 9, 13, 7, 30, tzinfo=datetime.UTC)
    assert main.decoded("DTEND") == datetime.datetime(2030, 9, 13, 13, 0, tzinfo=datetime.UTC)
    assert str(main["URL"]) == f"https://voneinander.example.org/veranstaltungen/{event.slug}/"
    assert str(main["UID"]) == f"event-{event.pk}@voneinander"
    assert str(main["STATUS"]) == "CONFIRMED"
    assert str(main["LOCATION"]) == "Online"
    assert "Oberbürgermeister" in str(entries[1]["DESCRIPTION"])
    assert MEETING.encode() not in response.content
    assert b"meet.example.org" not in response.content


def test_event_ics_marks_a_cancelled_event(world, client):
    event = EventFactory(networks=[world.network], cancelled_at=timezone.now())
    ProgrammePartFactory(event=event)
    entries = _vevents(_ics(client, event).content)
    assert {str(e["STATUS"]) for e in entries} == {"CANCELLED"}


def test_event_ics_sequence_grows_when_the_event_changes(world, client):
    event = EventFactory(networks=[world.network])
    before = int(_vevents(_ics(client, event).content)[0]["SEQUENCE"])
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        update_event(event=event, values={"title": "Neuer Titel"}, by=world.user("coordinator"))
    after = _vevents(_ics(client, event).content)[0]
    assert int(after["SEQUENCE"]) > before
    assert str(after["UID"]) == f"event-{event.pk}@voneinander"


def test_event_ics_names_the_place_of_a_hybrid_event(world, client):
    event = EventFactory(
        networks=[world.network], format=EventFormat.HYBRID, location="Rathaus Speyer"
    )
    entry = _vevents(_ics(client, event).content)[0]
    assert str(entry["LOCATION"]).startswith("Rathaus Speyer")


def test_line_breaks_in_titles_do_not_break_the_calendar():
    import datetime as dt

    from icalendar import Calendar

    from voneinander.events.ics import Entry, calendar

    start = dt.datetime(2027, 3, 4, 9, tzinfo=dt.UTC)
    data = calendar(
        [
            Entry(
                uid="e-1@x", summary="Treffen\nX", starts_at=start, ends_at=start, location="A\r\nB"
            )
        ],
        name="Netz\nwerk",
    )
    parsed = Calendar.from_ical(data)
    assert str(parsed.get("x-wr-calname")) == "Netz werk"
    (event,) = parsed.walk("VEVENT")
    assert str(event.get("summary")) == "Treffen X"
    assert str(event.get("location")) == "A B"
