"""A congress in the shape of the Kommunalkongress: two rounds, topics repeated across rounds."""

import datetime
from dataclasses import dataclass

from tests.events.factories import EventFactory, RoundFactory, SessionFactory
from voneinander.events.models import Event, EventKind, Session


@dataclass
class Congress:
    event: Event
    stadt_1: Session  # round 1, topic "Digitale Stadt"
    dorf_1: Session  # round 1, topic "Zukunfts-Check Dorf"
    stadt_2: Session  # round 2, topic "Digitale Stadt" (the repeat)
    home_2: Session  # round 2, topic "Homeoffice und Führung"

    @property
    def sessions(self):
        return [self.stadt_1, self.dorf_1, self.stadt_2, self.home_2]


def congress(*, capacity=20, networks=None, **event_fields) -> Congress:
    values = {
        "kind": EventKind.CONGRESS,
        "title": "Kommunalkongress",
        "max_sessions_per_person": 2,
        "one_session_per_round": True,
        "one_session_per_topic": True,
    } | event_fields
    if networks is not None:
        values["networks"] = networks
    event = EventFactory(**values)
    first = RoundFactory(
        event=event,
        title="Runde 1",
        starts_at=event.starts_at + datetime.timedelta(hours=1),
    )
    second = RoundFactory(
        event=event,
        title="Runde 2",
        starts_at=first.ends_at + datetime.timedelta(minutes=30),
    )

    def workshop(round_, title, topic):
        return SessionFactory(round=round_, title=title, topic=topic, capacity=capacity)

    return Congress(
        event=event,
        stadt_1=workshop(first, "Digitale Stadt I", "Digitale Stadt"),
        dorf_1=workshop(first, "Zukunfts-Check Dorf", "Zukunfts-Check Dorf"),
        stadt_2=workshop(second, "Digitale Stadt II", "Digitale Stadt"),
        home_2=workshop(second, "Homeoffice und Führung", "Homeoffice und Führung"),
    )
