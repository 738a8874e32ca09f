"""Factories for events (shared by the event helpers' tests).

Times default to a day next month, 10:00–16:00 Europe/Berlin, so that a fresh
event is upcoming. Pass `networks=[...]` to set the organising networks (default:
one new network); `organisers=[...]` and `invited=[...]` likewise.
"""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from voneinander.events.models import (
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    Preference,
    ProgrammePart,
    Question,
    Registration,
    RegistrationStatus,
    Round,
    Session,
    SessionBooking,
    SessionKind,
    Speaker,
    Visibility,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def berlin(year, month, day, hour=0, minute=0) -> datetime.datetime:
    """An aware datetime given in Europe/Berlin wall-clock time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _next_month_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=30)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def _m2m(name):
    def setter(self, create, extracted, **kwargs):
        if not create or extracted is None:
            return
        getattr(self, name).set(extracted)

    setter.__name__ = name
    return factory.post_generation(setter)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.MEETING
    title = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    summary = "Austausch der Mitglieder"
    description = "Wir stellen Projekte vor und tauschen Erfahrungen aus."
    visibility = Visibility.PUBLIC
    format = EventFormat.ONLINE
    starts_at = factory.LazyFunction(lambda: _next_month_at(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    meeting_url = "https://meet.example.org/treffen"

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [NetworkFactory()]
        self.networks.set(extracted)

    organisers = _m2m("organisers")
    invited = _m2m("invited")


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Digitaler Stammtisch {n}")
    rrule = "FREQ=MONTHLY;BYDAY=+4TH"
    first_start = factory.LazyFunction(lambda: _next_month_at(17))
    duration_minutes = 90

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [NetworkFactory()]
        self.networks.set(extracted)


class ProgrammePartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePart

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Grußwort {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Workshop-Runde {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))


class SessionFactory(factory.django.DjangoModelFactory):
    """A workshop. With `round=` it takes the round's event and times."""

    class Meta:
        model = Session

    round = None
    event = factory.LazyAttribute(
        lambda o: o.round.event if o.round is not None else EventFactory()
    )
    kind = SessionKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    topic = factory.Sequence(lambda n: f"Thema {n}")
    description = "Praxisbeispiele und Austausch."
    starts_at = factory.LazyAttribute(
        lambda o: (
            o.round.starts_at
            if o.round is not None
            else o.event.starts_at + datetime.timedelta(hours=1)
        )
    )
    ends_at = factory.LazyAttribute(
        lambda o: (
            o.round.ends_at if o.round is not None else o.starts_at + datetime.timedelta(minutes=90)
        )
    )
    capacity = 25


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    session = factory.SubFactory(SessionFactory)
    name = factory.Faker("name", locale="de_DE")
    organisation = "Verbandsgemeinde Musterhausen"
    bio = "Leitet die Digitalisierung in der Verwaltung."


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Frage {n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


class SessionBookingFactory(factory.django.DjangoModelFactory):
    """A seat. Without `registration=` it registers a new person for the session's event."""

    class Meta:
        model = SessionBooking

    session = factory.SubFactory(SessionFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(event=o.session.event))


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    session = factory.SubFactory(SessionFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(event=o.session.event))
    rank = 1
