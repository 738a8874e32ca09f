"""The results page (Ergebnistransfer), the box on the event page and the archive search."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.events.factories import EventFactory, SessionFactory, berlin
from tests.events.followup_factories import (
    EventResultsFactory,
    MaterialFactory,
    RecordingFactory,
    file_material,
    past_event,
)
from tests.factories import NetworkFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import followup
from voneinander.events.models import EventKind, EventResults, RecordingState, Visibility

# Whole requests (session, user, roles, event, layout); they must not grow with the rows.
RESULTS_QUERIES = 7
ARCHIVE_QUERIES = 9


def _en(name, **kwargs) -> str:
    with translation.override("de"):
        return "/en" + reverse(name, kwargs=kwargs)


def _archive(client, **params):
    return client.get(_en("events:archive"), params)


def _found(response) -> list[str]:
    return re.findall(r'data-archive-event="([^"]+)"', response.content.decode())


# --- The results page --------------------------------------------------------------------------


def test_results_page_links_summary_materials_and_published_recordings(world, client):
    event = past_event(networks=[world.network])
    session = SessionFactory(event=event, title="Zukunfts-Check Dorf", topic="Dorf")
    EventResultsFactory(event=event, summary="Ergebnis eins.\n\nErgebnis zwei.")
    file_material(event=event, title="Protokoll")
    MaterialFactory(event=event, session=session, title="Folien Dorf")
    RecordingFactory(event=event, session=session, state=RecordingState.PUBLISHED, title="Video")
    RecordingFactory(event=event, session=session, title="Entwurf")

    content = client.get(_en("events:results", slug=event.slug)).content.decode()

    assert "<p>Ergebnis eins.</p>" in content and "<p>Ergebnis zwei.</p>" in content
    assert content.index("Protokoll") < content.index("Zukunfts-Check Dorf")
    assert "Folien Dorf" in content and "Topic: Dorf" in content
    assert "Video" in content and "data-video-embed" in content
    assert "Entwurf" not in content
    assert "Edit the results" not in content


def test_results_page_says_when_nothing_is_there_yet(world, client):
    event = past_event(networks=[world.network])
    SessionFactory(event=event)

    content = client.get(_en("events:results", slug=event.slug)).content.decode()

    assert "The results of this event have not been published yet." in content


def test_results_are_saved_by_organisers(world, client_as):
    event = past_event(networks=[world.network])
    client = client_as(world.user("coordinator"))

    response = client.post(
        _en("events:results_edit", slug=event.slug), {"summary": "  Wir gründen eine AG.  "}
    )
    again = client.post(_en("events:results_edit", slug=event.slug), {"summary": "Neu."})

    assert response.status_code == 302 and again.status_code == 302
    assert EventResults.objects.get(event=event).summary == "Neu."
    assert EventResults.objects.get(event=event).updated_by == world.user("coordinator")
    assert AuditEvent.objects.filter(action="event.results_changed").count() == 2


@pytest.mark.parametrize("count", [1, 6])
def test_results_page_query_count_is_constant(world, client, django_assert_num_queries, count):
    event = past_event(networks=[world.network])
    EventResultsFactory(event=event)
    for number in range(count):
        session = SessionFactory(event=event, title=f"S{number}")
        MaterialFactory(event=event, session=session)
        RecordingFactory(event=event, session=session, state=RecordingState.PUBLISHED)
        MaterialFactory(event=event)
    url = reverse("events:results", kwargs={"slug": event.slug})
    client.get(url)

    with django_assert_num_queries(RESULTS_QUERIES):
        response = client.get(url)

    assert response.content.decode().count("data-material=") == 2 * count


# --- The box on the event page ------------------------------------------------------------------


def test_event_page_of_a_past_event_links_results_materials_and_recordings(world, client):
    event = past_event(networks=[world.network])
    MaterialFactory(event=event)
    RecordingFactory(event=event, state=RecordingState.PUBLISHED)
    RecordingFactory(event=event)  # a draft is not counted

    content = client.get(_en("events:detail", slug=event.slug)).content.decode()

    assert "After the event" in content
    assert reverse("events:results", kwargs={"slug": event.slug}) in content
    assert "Materials (1)" in content
    assert "Recording (1)" in content


def test_event_page_of_an_upcoming_event_without_materials_has_no_box(world, client):
    event = EventFactory(networks=[world.network])

    content = client.get(_en("events:detail", slug=event.slug)).content.decode()

    assert 'id="followup-heading"' not in content


def test_event_page_of_an_upcoming_event_shows_early_materials(world, client):
    event = EventFactory(networks=[world.network])
    MaterialFactory(event=event)

    content = client.get(_en("events:detail", slug=event.slug)).content.decode()

    assert 'id="followup-heading"' in content
    assert reverse("events:materials", kwargs={"slug": event.slug}) in content
    assert reverse("events:results", kwargs={"slug": event.slug}) not in content


def test_manage_overview_links_the_after_event_pages(world, client_as):
    event = past_event(networks=[world.network])

    content = client_as(world.user("coordinator")).get(
        reverse("events:manage", kwargs={"slug": event.slug})
    )

    for name in ["materials", "recordings_manage", "feedback_summary", "results_edit"]:
        assert reverse(f"events:{name}", kwargs={"slug": event.slug}) in content.content.decode()


# --- The archive ---------------------------------------------------------------------------


@pytest.fixture
def archive(world):
    """Past events of three years, one upcoming, one for members only, one of network beta."""
    events = {
        "kongress": past_event(
            networks=[world.network],
            kind=EventKind.CONGRESS,
            title="Kommunalkongress 2020",
            slug="kongress",
            starts_at=berlin(2020, 9, 11, 9),
            description="Grußwort, Interview, Keynote und zwölf Workshops.",
        ),
        "ikone": past_event(
            networks=[world.network],
            title="IKONE-DS Videokonferenz",
            slug="ikone",
            starts_at=berlin(2020, 9, 9, 14),
        ),
        "stammtisch": past_event(
            networks=[world.other_network],
            kind=EventKind.STAMMTISCH,
            title="Digitaler Stammtisch",
            slug="stammtisch",
            starts_at=berlin(2022, 3, 24, 17),
        ),
        "intern": past_event(
            networks=[world.network],
            title="Internes Treffen",
            slug="intern",
            visibility=Visibility.MEMBERS,
            starts_at=berlin(2021, 5, 6, 10),
        ),
        "bald": EventFactory(networks=[world.network], title="Kommunalkongress 2099", slug="bald"),
    }
    SessionFactory(
        event=events["kongress"], title="Digitale Dörfer – Smarte Lösungen", topic="Dorf"
    )
    SessionFactory(event=events["ikone"], title="Gastvortrag", topic="Homeoffice und Führung")
    EventResultsFactory(event=events["kongress"])
    MaterialFactory(event=events["kongress"])
    RecordingFactory(event=events["kongress"], state=RecordingState.PUBLISHED)
    return events


def test_archive_lists_past_visible_events_newest_first(world, client_as, archive):
    assert _found(_archive(client_as(None))) == ["stammtisch", "kongress", "ikone"]
    assert _found(_archive(client_as(world.user("member")))) == [
        "stammtisch",
        "intern",
        "kongress",
        "ikone",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("kommunalkongress", ["kongress"]),  # title, any case; the upcoming one is not shown
        ("keynote", ["kongress"]),  # description
        ("smarte", ["kongress"]),  # a session's title
        ("homeoffice", ["ikone"]),  # a session's topic
        ("beta", ["stammtisch"]),  # an organising network
        ("digitale workshops", ["kongress"]),  # every word somewhere
        ("stammtisch kongress", []),
    ],
)
def test_archive_search_finds_words_in_events_sessions_and_networks(client, archive, query, found):
    assert _found(_archive(client, q=query)) == found


def test_archive_filters_by_year_network_and_kind(client, archive):
    assert _found(_archive(client, jahr="2020")) == ["kongress", "ikone"]
    assert _found(_archive(client, jahr="2022", netzwerk="beta")) == ["stammtisch"]
    assert _found(_archive(client, art=EventKind.CONGRESS)) == ["kongress"]


def test_archive_offers_the_years_of_visible_past_events(world, client_as, archive):
    anonymous = _archive(client_as(None)).content.decode()
    member = _archive(client_as(world.user("member"))).content.decode()

    assert re.findall(r'<option value="(\d{4})"', anonymous) == ["2022", "2020"]
    assert re.findall(r'<option value="(\d{4})"', member) == ["2022", "2021", "2020"]


@pytest.mark.parametrize("params", [{"jahr": "abc"}, {"jahr": "1999"}, {"netzwerk": "gibt-es"}])
def test_archive_with_unknown_choices_answers_with_a_message(client, archive, params):
    response = _archive(client, **params)

    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert _found(response) == ["stammtisch", "kongress", "ikone"]


def test_archive_shows_what_each_event_left(client, archive):
    content = _archive(client, q="kommunalkongress").content.decode()

    assert reverse("events:results", kwargs={"slug": "kongress"}) in content
    assert "1 material" in content and "1 recording" in content


def test_archive_figures_count_only_published_recordings(world):
    event = past_event(networks=[world.network])
    RecordingFactory(event=event, state=RecordingState.PUBLISHED)
    RecordingFactory(event=event)

    figures = followup.followup_figures(event)

    assert (figures.materials, figures.recordings, figures.has_results) == (0, 1, False)


@pytest.mark.parametrize("count", [1, 12])
def test_archive_query_count_is_constant(world, client_as, django_assert_num_queries, count):
    networks = [world.network, NetworkFactory()]
    for number in range(count):
        event = past_event(
            networks=networks,
            title=f"Treffen {number}",
            starts_at=timezone.now() - datetime.timedelta(days=30 + 400 * number),
        )
        SessionFactory(event=event, title="Workshop Digitalisierung")
        MaterialFactory(event=event)
        RecordingFactory(event=event, state=RecordingState.PUBLISHED)
    client = client_as(world.user("member"))
    client.get(_en("events:archive"), {"q": "digitalisierung"})

    with django_assert_num_queries(ARCHIVE_QUERIES):
        response = client.get(_en("events:archive"), {"q": "digitalisierung"})

    assert len(_found(response)) == count
