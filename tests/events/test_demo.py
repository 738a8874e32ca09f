import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from voneinander.events.models import (
    AllocationMode,
    Event,
    EventFormat,
    EventResults,
    EventSeries,
    Licence,
    Material,
    Recording,
    RecordingState,
    SessionKind,
    Visibility,
)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_data", stdout=StringIO())


def _local(moment):
    return timezone.localtime(moment)


def test_demo_kommunalkongress_2020_has_programme_rounds_and_rules(demo):
    event = Event.objects.get(slug="kommunalkongress-2020")
    assert _local(event.starts_at).date() == datetime.date(2020, 9, 11)
    assert event.format == EventFormat.ONLINE
    assert sorted(event.networks.values_list("slug", flat=True)) == [
        "digitale-doerfer-rlp",
        "ikone-ds",
    ]
    parts = list(event.parts.values_list("title", "speakers_text"))
    assert parts[0] == ("Grußwort", "Oberbürgermeister der Stadt Kaiserslautern")
    assert parts[1][0] == "Interview mit dem Minister"
    assert parts[2][0] == "Keynote: Chancen der Digitalisierung für den ländlichen Raum"
    assert "KL.digital GmbH" in event.description
    rounds = list(event.rounds.all())
    assert [r.title for r in rounds] == ["Workshop-Runde 1", "Workshop-Runde 2"]
    assert [r.sessions.count() for r in rounds] == [6, 6]
    sessions = list(event.sessions.all())
    assert len(sessions) == 12
    assert {s.capacity for s in sessions} == {25}
    assert {s.kind for s in sessions} == {SessionKind.WORKSHOP}
    topics = Counter(s.topic for s in sessions)
    for topic in (
        "Digitale Stadt",
        "Homeoffice und Führung in der Verwaltung",
        "Zukunfts-Check Dorf",
        "Digitale Dörfer – Smarte Lösungen",
    ):
        assert topic in topics
    repeated = {topic for topic, count in topics.items() if count == 2}
    assert "Digitale Stadt" in repeated
    for session in sessions:  # a repeated workshop lies in both rounds
        if session.topic in repeated:
            rounds_of_topic = {s.round_id for s in sessions if s.topic == session.topic}
            assert len(rounds_of_topic) == 2
    assert (event.max_sessions_per_person, event.one_session_per_round) == (2, True)
    assert event.one_session_per_topic is True
    assert event.sessions.filter(speakers__isnull=False).distinct().count() == 12


def test_demo_ikone_meetings_of_2020(demo):
    conference = Event.objects.get(slug="ikone-ds-videokonferenz-2020-09-09")
    start = _local(conference.starts_at)
    assert (start.date(), start.hour) == (datetime.date(2020, 9, 9), 10)
    assert conference.ends_at - conference.starts_at == datetime.timedelta(hours=2)
    assert conference.visibility == Visibility.MEMBERS
    kinds = Counter(conference.sessions.values_list("kind", flat=True))
    assert kinds == {SessionKind.MEMBER_CONTRIBUTION: 2, SessionKind.GUEST_TALK: 2}
    guests = set(
        conference.sessions.filter(kind=SessionKind.GUEST_TALK).values_list("title", flat=True)
    )
    assert any("Mainz" in title for title in guests)
    assert any("Enkenbach-Alsenborn" in title for title in guests)
    november = Event.objects.get(slug="ikone-ds-netzwerktreffen-2020-11-19")
    assert "Strukturen für Digitalprojekte in der Verwaltung aufbauen" in november.title
    assert _local(november.starts_at).month == 11


def test_demo_upcoming_events_lie_ahead_with_registration_open(demo):
    now = timezone.now()
    next_year = timezone.localdate().year + 1
    congress = Event.objects.get(slug=f"kommunalkongress-{next_year}")
    assert congress.starts_at > now
    assert congress.registration_opens_at < now < congress.registration_closes_at
    assert congress.allocation_mode == AllocationMode.FIRST_COME
    assert congress.sessions.count() == 12
    assert (congress.max_sessions_per_person, congress.one_session_per_topic) == (2, True)

    werkstatt = Event.objects.get(allocation_mode=AllocationMode.PREFERENCES)
    assert werkstatt.starts_at > werkstatt.preferences_close_at > now
    assert werkstatt.rounds.count() == 2
    assert werkstatt.sessions.count() == 8

    series = EventSeries.objects.get(title="Digitaler Stammtisch Digitale Dörfer")
    assert series.rrule == "FREQ=MONTHLY;BYDAY=+4TH"
    dates = [_local(e.starts_at) for e in series.events.order_by("starts_at")]
    assert len(dates) >= 3
    for moment in dates:
        assert moment > now
        assert (moment.weekday(), moment.hour) == (3, 17)  # Thursday, 17:00
        assert 22 <= moment.day <= 28  # the fourth Thursday


def test_demo_kommunalkongress_2020_has_results_materials_and_recording(demo, client):
    event = Event.objects.get(slug="kommunalkongress-2020")
    assert "Arbeitskreis" in EventResults.objects.get(event=event).summary
    materials = list(Material.objects.filter(event=event).order_by("pk"))
    assert len(materials) == 2
    assert all(m.is_link and not m.file for m in materials)
    assert materials[0].session is None
    assert materials[1].session.topic == "Digitale Stadt"
    (recording,) = Recording.objects.filter(event=event)
    assert recording.state == RecordingState.PUBLISHED
    assert recording.licence == Licence.CC_BY
    assert recording.video_url.startswith("https://video.example.org/w/")
    assert recording.consent_given_by and recording.consent_given_on
    assert recording.published_at is not None
    recording.full_clean()
    html = client.get(reverse("events:results", kwargs={"slug": event.slug})).content.decode()
    assert "Arbeitskreis" in html
    assert recording.title in html
    assert materials[0].title in html


def _followup_counts():
    return (
        EventResults.objects.count(),
        Material.objects.count(),
        Recording.objects.count(),
    )


def test_demo_events_load_once(demo):
    counts = (Event.objects.count(), EventSeries.objects.count())
    followup = _followup_counts()
    first = sorted(Event.objects.values_list("slug", flat=True))
    call_command("load_demo_data", stdout=StringIO())
    assert (Event.objects.count(), EventSeries.objects.count()) == counts
    assert _followup_counts() == followup == (1, 2, 1)
    assert sorted(Event.objects.values_list("slug", flat=True)) == first


def test_demo_event_pages_render(demo, client):
    for slug in ("kommunalkongress-2020", f"kommunalkongress-{timezone.localdate().year + 1}"):
        html = client.get(Event.objects.get(slug=slug).get_absolute_url()).content.decode()
        assert html.count('class="vn-session"') == 12
        assert "Zukunfts-Check Dorf" in html
    assert client.get("/veranstaltungen/").status_code == 200
