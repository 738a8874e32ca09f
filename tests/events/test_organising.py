import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    ProgrammePartFactory,
    QuestionFactory,
    RegistrationFactory,
    RoundFactory,
    SessionBookingFactory,
    SessionFactory,
    SpeakerFactory,
    berlin,
)
from tests.factories import CoordinatorFactory, UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import services
from voneinander.events.models import (
    AllocationMode,
    Event,
    EventSeries,
    ProgrammePart,
    Question,
    RegistrationStatus,
    Round,
    Session,
    Speaker,
    Visibility,
)

CREATE = reverse("events:create")


def _url(name, event, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def _en(url: str) -> str:
    """The English page: our messages before the German translation is added.

    (After a request to an English page, reverse() itself answers in English.)
    """
    return url if url.startswith("/en/") else "/en" + url


def _event_data(world, **overrides):
    data = {
        "networks": [world.network.pk],
        "title": "Netzwerktreffen Herbst",
        "kind": "meeting",
        "summary": "Austausch",
        "description": "",
        "starts_at": "2030-10-08T10:00",
        "ends_at": "2030-10-08T12:00",
        "format": "online",
        "location": "",
        "meeting_url": "https://meet.example.org/herbst",
        "meeting_link_opens_minutes": "15",
        "visibility": "members",
        "organisers": "",
        "invited": "",
    }
    data.update(overrides)
    return data


def _audit(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- Creating events ------------------------------------------------------------------------


def test_coordinator_creates_an_event_of_their_network(world, client_as):
    coordinator = world.user("coordinator")
    organiser = UserFactory(email="orga@example.org")
    response = client_as(coordinator).post(
        CREATE, _event_data(world, organisers="ORGA@example.org")
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("manage", event)
    assert event.slug == "netzwerktreffen-herbst-2030-10-08"
    assert timezone.localtime(event.starts_at) == berlin(2030, 10, 8, 10)
    assert event.meeting_link_opens_minutes == 15
    assert event.visibility == Visibility.MEMBERS
    assert list(event.networks.all()) == [world.network]
    assert list(event.organisers.all()) == [organiser]
    assert event.created_by == coordinator
    assert [e.target_id for e in _audit("event.created")] == [str(event.pk)]


def test_create_event_offers_only_networks_one_coordinates(world, client_as):
    response = client_as(world.user("coordinator")).post(
        _en(CREATE), _event_data(world, networks=[world.other_network.pk])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.exists()


def test_joint_event_needs_a_coordinator_of_each_network(world):
    coordinator = world.user("coordinator")
    values = {
        "title": "Gemeinsames Treffen",
        "kind": "meeting",
        "starts_at": berlin(2030, 10, 8, 10),
        "ends_at": berlin(2030, 10, 8, 12),
    }
    networks = [world.network, world.other_network]
    with pytest.raises(ValidationError) as refused:
        services.create_event(networks=networks, by=coordinator, values=values)
    assert "Netzwerk Beta" in str(refused.value)
    CoordinatorFactory(network=world.other_network, user=coordinator)
    coordinator.__dict__.pop("_network_roles", None)
    joint = services.create_event(networks=networks, by=coordinator, values=values)
    assert set(joint.networks.all()) == set(networks)
    admin_event = services.create_event(networks=networks, by=world.user("admin"), values=values)
    assert admin_event.slug == "gemeinsames-treffen-2030-10-08-2"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2030-10-08T09:00"}, "ends_at", "The event must end after it starts."),
        ({"format": "onsite"}, "location", "Please name the place of an event on site."),
        ({"organisers": "niemand@example.org"}, "organisers", "no active account"),
        ({"meeting_url": "ftps://meet.example.org/x"}, "meeting_url", "starting with https://"),
    ],
)
def test_create_event_with_bad_input_keeps_the_form_and_says_why(
    world, client_as, overrides, field, message
):
    response = client_as(world.user("coordinator")).post(
        _en(CREATE), _event_data(world, **overrides)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["title"].value() == "Netzwerktreffen Herbst"
    assert not Event.objects.exists()


def test_a_named_organiser_may_manage_but_not_create(world, client_as):
    organiser = UserFactory()
    event = EventFactory(networks=[world.network], organisers=[organiser])
    client = client_as(organiser)
    assert client.get(_url("manage", event)).status_code == 200
    assert client.get(_url("programme", event)).status_code == 200
    assert client.get(CREATE).status_code == 403


def test_organisers_of_one_side_cannot_drop_a_partner_network(world, client_as):
    joint = EventFactory(networks=[world.network, world.other_network], title="Gemeinsam")
    response = client_as(world.user("coordinator")).post(
        _en(_url("edit", joint)), _event_data(world, title="Gemeinsam")
    )
    assert response.status_code == 200
    assert "Netzwerk Beta" in " ".join(response.context["form"].errors["networks"])
    assert set(joint.networks.all()) == {world.network, world.other_network}


# --- Changing and cancelling ------------------------------------------------------------------


@pytest.fixture
def registered(world):
    event = EventFactory(
        networks=[world.network],
        title="Herbsttreffen",
        starts_at=berlin(2030, 10, 8, 10),
        ends_at=berlin(2030, 10, 8, 12),
    )
    people = {}
    for status in RegistrationStatus.values:
        person = UserFactory(email=f"{status}@example.org")
        RegistrationFactory(event=event, user=person, status=status)
        people[status] = person
    return event


ACTIVE = {"confirmed@example.org", "pending@example.org", "waitlisted@example.org"}


def test_new_time_is_mailed_to_everyone_registered_and_audited(world, client_as, registered):
    data = _event_data(
        world,
        title="Herbsttreffen",
        starts_at="2030-10-15T14:00",
        ends_at="2030-10-15T16:00",
    )
    response = client_as(world.user("coordinator")).post(_url("edit", registered), data)
    assert response.status_code == 302
    assert {tuple(m.to) for m in mail.outbox} == {(a,) for a in ACTIVE}
    message = mail.outbox[0]
    assert "Herbsttreffen" in message.subject
    assert "15. Oktober 2030 14:00" in message.body
    assert "8. Oktober 2030 10:00" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"{registered.slug}.ics", "text/calendar")
    entry = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert entry.decoded("DTSTART") == berlin(2030, 10, 15, 14).astimezone(datetime.UTC)
    (audit,) = _audit("event.time_changed")
    assert audit.data["notified"] == 3
    assert set(audit.data["fields"]) >= {"starts_at", "ends_at"}


def test_changes_other_than_the_time_send_no_mail(world, registered):
    changed = services.update_event(
        event=registered,
        values={"title": "Herbsttreffen 2030", "summary": "Neu"},
        by=world.user("coordinator"),
    )
    assert changed == ["title", "summary"]
    assert mail.outbox == []
    assert [e.data["fields"] for e in _audit("event.updated")] == [["title", "summary"]]


def test_a_new_time_that_leaves_the_programme_outside_is_refused(world, registered):
    SessionFactory(
        event=registered,
        title="Workshop",
        starts_at=berlin(2030, 10, 8, 11),
        ends_at=berlin(2030, 10, 8, 12),
    )
    with pytest.raises(ValidationError) as refused:
        services.update_event(
            event=registered,
            values={"ends_at": berlin(2030, 10, 8, 11, 30)},
            by=world.user("coordinator"),
        )
    assert "Workshop" in str(refused.value)
    registered.refresh_from_db()
    assert registered.ends_at == berlin(2030, 10, 8, 12)
    assert mail.outbox == []


def test_cancelling_mails_everyone_registered_and_is_audited(world, client_as, registered):
    client = client_as(world.user("coordinator"))
    response = client.post(
        _url("cancel", registered), {"reason": "Der Referent ist erkrankt.", "confirm": "on"}
    )
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.cancelled_at is not None
    assert {m.to[0] for m in mail.outbox} == ACTIVE
    assert all("Der Referent ist erkrankt." in m.body for m in mail.outbox)
    assert all("Herbsttreffen" in m.subject for m in mail.outbox)
    (audit,) = _audit("event.cancelled")
    assert audit.data == {"reason": "Der Referent ist erkrankt.", "notified": 3}
    manage = client.get(response["Location"]).content.decode()
    assert "kern-alert--warning" in manage
    assert _url("cancel", registered) not in manage
    with pytest.raises(ValidationError):
        services.cancel_event(event=registered, by=world.user("coordinator"))


def test_cancelling_needs_a_confirmation(world, client_as, registered):
    response = client_as(world.user("coordinator")).post(_url("cancel", registered), {})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    registered.refresh_from_db()
    assert registered.cancelled_at is None
    assert mail.outbox == []


def test_rules_form_saves_rules_and_checks_them(world, client_as):
    event = EventFactory(
        networks=[world.network],
        starts_at=berlin(2030, 10, 8, 10),
        ends_at=berlin(2030, 10, 8, 16),
    )
    client = client_as(world.user("coordinator"))
    data = {
        "registration_enabled": "on",
        "registration_opens_at": "2030-09-01T09:00",
        "registration_closes_at": "2030-10-01T12:00",
        "cancellation_deadline": "",
        "capacity": "",
        "max_sessions_per_person": "2",
        "one_session_per_round": "on",
        "one_session_per_topic": "on",
        "allocation_mode": AllocationMode.PREFERENCES,
        "preferences_close_at": "",
        "reminder_hours": "2, 24 24",
    }
    refused = client.post(_en(_url("rules", event)), data)
    assert "Please set until when preferences can be given." in " ".join(
        refused.context["form"].errors["preferences_close_at"]
    )
    data["preferences_close_at"] = "2030-09-25T23:00"
    assert client.post(_url("rules", event), data).status_code == 302
    event.refresh_from_db()
    assert event.max_sessions_per_person == 2
    assert (event.one_session_per_round, event.one_session_per_topic) == (True, True)
    assert event.reminder_hours == [24, 2]
    assert event.allocation_mode == AllocationMode.PREFERENCES
    assert timezone.localtime(event.preferences_close_at) == berlin(2030, 9, 25, 23)

    data["registration_closes_at"] = "2030-08-01T09:00"
    refused = client.post(_en(_url("rules", event)), data)
    assert "Registration must close after it opens." in " ".join(
        refused.context["form"].errors["registration_closes_at"]
    )


# --- The programme ------------------------------------------------------------------------


@pytest.fixture
def congress(world):
    return EventFactory(
        networks=[world.network],
        starts_at=berlin(2030, 9, 13, 9),
        ends_at=berlin(2030, 9, 13, 16),
    )


def test_organiser_builds_the_programme_without_javascript(world, client_as, congress):
    client = client_as(world.user("coordinator"))
    add = lambda kind: _url("programme_add", congress, kind=kind)  # noqa: E731
    client.post(
        add("teil"),
        {
            "title": "Grußwort",
            "starts_at": "2030-09-13T09:00",
            "ends_at": "2030-09-13T09:15",
            "speakers_text": "Oberbürgermeister",
        },
    )
    client.post(
        add("runde"),
        {"title": "Runde 1", "starts_at": "2030-09-13T10:00", "ends_at": "2030-09-13T11:30"},
    )
    round_ = Round.objects.get(event=congress)
    response = client.post(
        add("sitzung"),
        {
            "round": round_.pk,
            "kind": "workshop",
            "title": "Digitale Stadt",
            "topic": "Digitale Stadt",
            "capacity": "25",
            "starts_at": "",
            "ends_at": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url("programme", congress) + "#sitzung"
    session = Session.objects.get(event=congress)
    assert (session.starts_at, session.ends_at) == (round_.starts_at, round_.ends_at)
    assert session.capacity == 25

    speaker_account = UserFactory(first_name="Aylin", last_name="Demir", organisation="Stadt KL")
    client.post(add("referent"), {"session": session.pk, "email": speaker_account.email})
    client.post(
        add("referent"),
        {"session": session.pk, "name": "Thomas Klein", "organisation": "VG", "bio": "Gast."},
    )
    speakers = list(Speaker.objects.filter(session=session).order_by("pk"))
    assert [(s.name, s.user, s.organisation) for s in speakers] == [
        ("Aylin Demir", speaker_account, "Stadt KL"),
        ("Thomas Klein", None, "VG"),
    ]
    client.post(
        add("frage"),
        {"label": "Essen?", "kind": "choice", "choices_text": "vegetarisch\nvegan\n\nvegan"},
    )
    assert Question.objects.get(event=congress).choices == ["vegetarisch", "vegan"]
    assert ProgrammePart.objects.get(event=congress).speakers_text == "Oberbürgermeister"
    assert len(_audit("event.programme_changed")) == 6

    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Grußwort" in page and "Digitale Stadt" in page and "Thomas Klein" in page


@pytest.mark.parametrize(
    ("kind", "data", "field", "message"),
    [
        (
            "sitzung",
            {"kind": "workshop", "title": "Zu früh", "starts_at": "2030-09-13T08:00"},
            "starts_at",
            "It must lie within the event",
        ),
        (
            "sitzung",
            {
                "kind": "workshop",
                "title": "Rückwärts",
                "starts_at": "2030-09-13T12:00",
                "ends_at": "2030-09-13T11:00",
            },
            "ends_at",
            "It must end after it starts.",
        ),
        (
            "sitzung",
            {"kind": "workshop", "title": "Ohne Zeit"},
            "starts_at",
            "Please enter a time, or choose a round.",
        ),
        (
            "teil",
            {"title": "Nachts", "starts_at": "2030-09-13T20:00", "ends_at": "2030-09-13T21:00"},
            "starts_at",
            "It must lie within the event",
        ),
        (
            "frage",
            {"label": "Wahl", "kind": "choice", "choices_text": "nur eine"},
            "choices_text",
            "at least two answers",
        ),
    ],
)
def test_programme_items_with_bad_input_say_why(
    world, client_as, congress, kind, data, field, message
):
    if kind == "sitzung":
        data = {"ends_at": "2030-09-13T09:30", **data}
    response = client_as(world.user("coordinator")).post(
        _en(_url("programme_add", congress, kind=kind)), data
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    for model in (Session, ProgrammePart, Question):
        assert not model.objects.filter(event=congress).exists()


def test_speaker_with_an_unknown_account_address_is_refused(world, client_as, congress):
    session = SessionFactory(event=congress)
    response = client_as(world.user("coordinator")).post(
        _en(_url("programme_add", congress, kind="referent")),
        {"session": session.pk, "email": "unbekannt@example.org"},
    )
    assert "no active account" in " ".join(response.context["form"].errors["email"])
    assert not Speaker.objects.exists()


def test_a_session_of_another_event_cannot_get_speakers_here(world, client_as, congress):
    SessionFactory(event=congress)
    foreign = SessionFactory(event=EventFactory(networks=[world.network]))
    response = client_as(world.user("coordinator")).post(
        _url("programme_add", congress, kind="referent"),
        {"session": foreign.pk, "name": "Jemand"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["session"]
    assert not Speaker.objects.exists()


def test_editing_an_item_keeps_it_in_its_event(world, client_as, congress):
    part = ProgrammePartFactory(event=congress, title="Grußwort")
    client = client_as(world.user("coordinator"))
    response = client.post(
        _url("programme_edit", congress, kind="teil", pk=part.pk),
        {
            "title": "Grußwort des OB",
            "starts_at": "2030-09-13T09:00",
            "ends_at": "2030-09-13T09:20",
        },
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert (part.title, part.event) == ("Grußwort des OB", congress)


def test_a_booked_session_cannot_be_removed_but_an_empty_one_can(world, client_as, congress):
    booked = SessionFactory(event=congress, title="Gebucht")
    SessionBookingFactory(session=booked)
    empty = SessionFactory(event=congress, title="Leer")
    SpeakerFactory(session=empty)
    client = client_as(world.user("coordinator"))
    client.post(_url("programme_delete", congress, kind="sitzung", pk=booked.pk))
    client.post(_url("programme_delete", congress, kind="sitzung", pk=empty.pk))
    assert list(Session.objects.values_list("title", flat=True)) == ["Gebucht"]
    (audit,) = [e for e in _audit("event.programme_changed") if e.data["change"] == "removed"]
    assert audit.data["title"] == "Leer"


def test_removing_a_question_and_a_round(world, client_as, congress):
    question = QuestionFactory(event=congress)
    round_ = RoundFactory(event=congress)
    session = SessionFactory(round=round_)
    client = client_as(world.user("coordinator"))
    client.post(_url("programme_delete", congress, kind="frage", pk=question.pk))
    client.post(_url("programme_delete", congress, kind="runde", pk=round_.pk))
    assert not Question.objects.exists()
    session.refresh_from_db()
    assert session.round is None  # the session stays, without a round


# --- Series ---------------------------------------------------------------------------------

NOW = berlin(2030, 1, 15, 12)


def _series_data(world, **overrides):
    data = {
        "title": "Digitaler Stammtisch",
        "networks": [world.network.pk],
        "rule": "monthly",
        "weekday": "3",
        "interval": "1",
        "ordinal": "4",
        "first_date": "2030-01-01",
        "until": "",
        "start_time": "17:00",
        "duration_minutes": "90",
        "kind": "stammtisch",
        "visibility": "members",
        "format": "online",
        "location": "",
        "meeting_url": "https://meet.example.org/stammtisch",
        "summary": "Austausch",
    }
    data.update(overrides)
    return data


def test_series_every_fourth_thursday_creates_events_for_the_next_months(world, client_as):
    with time_machine.travel(NOW, tick=False):
        client = client_as(world.user("coordinator"))
        response = client.post(reverse("events:series_create"), _series_data(world))
    series = EventSeries.objects.get()
    assert response["Location"] == reverse("events:series", kwargs={"pk": series.pk})
    assert series.rrule == "FREQ=MONTHLY;BYDAY=+4TH"
    starts = [timezone.localtime(e.starts_at) for e in series.events.order_by("starts_at")]
    assert [s.date() for s in starts] == [
        datetime.date(2030, 1, 24),
        datetime.date(2030, 2, 28),
        datetime.date(2030, 3, 28),
        datetime.date(2030, 4, 25),  # after the change to summer time: still 17:00
        datetime.date(2030, 5, 23),
        datetime.date(2030, 6, 27),
    ]
    assert {(s.hour, s.minute) for s in starts} == {(17, 0)}
    event = series.events.order_by("starts_at").first()
    assert event.ends_at - event.starts_at == datetime.timedelta(minutes=90)
    assert (event.kind, event.visibility) == ("stammtisch", "members")
    assert event.meeting_url == "https://meet.example.org/stammtisch"
    assert list(event.networks.all()) == [world.network]
    assert event.slug == "digitaler-stammtisch-2030-01-24"


def test_series_every_two_weeks_on_tuesday(world):
    with time_machine.travel(NOW, tick=False):
        _series, created = services.create_series(
            title="Arbeitsgruppe",
            networks=[world.network],
            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            first_start=berlin(2030, 1, 22, 9),
            duration_minutes=60,
            until=datetime.date(2030, 2, 28),
            template={"kind": "working_group"},
            by=world.user("coordinator"),
        )
    assert [timezone.localtime(e.starts_at).date().isoformat() for e in created] == [
        "2030-01-22",
        "2030-02-05",
        "2030-02-19",
    ]


def test_generating_again_is_idempotent_and_skips_left_out_dates(world):
    series = EventSeriesFactory(
        networks=[world.network],
        title="Stammtisch",
        rrule="FREQ=MONTHLY;BYDAY=+4TH",
        first_start=berlin(2030, 1, 1, 17),
        exdates=["2030-02-28"],
    )
    by = world.user("coordinator")
    first = services.generate_occurrences(series=series, by=by, months=3, now=NOW)
    assert [timezone.localtime(e.starts_at).day for e in first] == [24, 28]  # January, March
    moved = first[0]
    moved.starts_at += datetime.timedelta(hours=1)
    moved.ends_at += datetime.timedelta(hours=1)
    moved.save()
    again = services.generate_occurrences(series=series, by=by, months=3, now=NOW)
    assert again == []
    assert series.events.count() == 2
    later = services.generate_occurrences(series=series, by=by, months=4, now=NOW)
    assert [timezone.localtime(e.starts_at).date() for e in later] == [datetime.date(2030, 4, 25)]
    assert later[0].kind == moved.kind  # taken from the latest date


def test_leaving_out_a_planned_date_cancels_it_and_tells_the_registered(world, client_as):
    with time_machine.travel(NOW, tick=False):
        series, created = services.create_series(
            title="Stammtisch",
            networks=[world.network],
            rrule="FREQ=MONTHLY;BYDAY=+4TH",
            first_start=berlin(2030, 1, 1, 17),
            duration_minutes=90,
            until=None,
            template={},
            by=world.user("coordinator"),
        )
        february = created[1]
        RegistrationFactory(event=february, user=UserFactory(email="gast@example.org"))
        response = client_as(world.user("coordinator")).post(
            reverse("events:series", kwargs={"pk": series.pk}), {"exdates": "28.02.2030"}
        )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.exdates == ["2030-02-28"]
    february.refresh_from_db()
    assert february.cancelled_at is not None
    assert [m.to for m in mail.outbox] == [["gast@example.org"]]
    assert (
        Event.objects.filter(series=series, cancelled_at__isnull=True).count() == len(created) - 1
    )


def test_series_page_rejects_bad_dates_and_generates_on_request(world, client_as):
    series = EventSeriesFactory(networks=[world.network], first_start=timezone.now())
    client = client_as(world.user("coordinator"))
    url = reverse("events:series", kwargs={"pk": series.pk})
    refused = client.post(_en(url), {"exdates": "31.02.2030"})
    assert "is not a date" in " ".join(refused.context["form"].errors["exdates"])
    client.post(url, {"generate": "1"})
    assert series.events.count() >= 5


def test_series_form_checks_its_input(world, client_as):
    response = client_as(world.user("coordinator")).post(
        _en(reverse("events:series_create")),
        _series_data(world, until="2029-12-01", format="onsite", networks=[world.other_network.pk]),
    )
    errors = response.context["form"].errors
    assert "The series cannot end before it begins." in errors["until"]
    assert errors["location"] and errors["networks"]
    assert not EventSeries.objects.exists()


def test_recurrence_rules_read_back_and_describe_themselves():
    from voneinander.events import recurrence

    weekly = recurrence.Rule(recurrence.WEEKLY, 3, interval=2)
    monthly = recurrence.Rule(recurrence.MONTHLY, 4, ordinal=-1)
    assert weekly.to_rrule() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert monthly.to_rrule() == "FREQ=MONTHLY;BYDAY=-1FR"
    assert recurrence.parse(weekly.to_rrule()) == weekly
    assert recurrence.parse(monthly.to_rrule()) == monthly
    assert recurrence.parse("FREQ=DAILY") is None
    with translation.override("en"):
        assert recurrence.describe(weekly.to_rrule()) == "every 2 weeks on Thursday"
        assert recurrence.describe(monthly.to_rrule()) == "every last Friday of the month"


# --- Admin ------------------------------------------------------------------------------------


def test_admin_shows_the_programme_inline_and_audits_deletions(world, client_as, congress):
    SessionFactory(round=RoundFactory(event=congress), title="Workshop im Admin")
    client = client_as(world.user("admin"))
    page = client.get(reverse("admin:events_event_change", args=[congress.pk]))
    assert page.status_code == 200
    assert "Workshop im Admin" in page.content.decode()
    client.post(reverse("admin:events_event_delete", args=[congress.pk]), {"post": "yes"})
    assert not Event.objects.filter(pk=congress.pk).exists()
    assert [e.target_id for e in _audit("object.deleted")] == [str(congress.pk)]


def test_implausible_years_are_refused_with_a_message():
    import datetime as dt

    from django.core.exceptions import ValidationError

    from tests.events.factories import EventFactory
    from voneinander.events import services as organising

    event = EventFactory.build(
        starts_at=dt.datetime(1, 1, 2, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(1, 1, 2, 12, tzinfo=dt.UTC),
    )
    with pytest.raises(ValidationError) as refused:
        organising.check_event_times(event)
    assert set(refused.value.message_dict) == {"starts_at", "ends_at"}


def test_the_programme_page_lists_every_item_to_change(world, client_as):
    organiser = UserFactory()
    event = EventFactory(networks=[world.network], organisers=[organiser])
    part = ProgrammePartFactory(event=event, title="Grußwort der Ministerin")
    workshops = RoundFactory(event=event, title="Workshop-Runde 1")
    session = SessionFactory(round=workshops, title="Digitale Bauleitplanung")
    html = client_as(organiser).get(_url("programme", event)).content.decode()
    for title in ("Grußwort der Ministerin", "Workshop-Runde 1", "Digitale Bauleitplanung"):
        assert title in html
    for kind, item in (("teil", part), ("runde", workshops), ("sitzung", session)):
        edit = reverse(
            "events:programme_edit", kwargs={"slug": event.slug, "kind": kind, "pk": item.pk}
        )
        assert edit in html
