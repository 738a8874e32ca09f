"""The event page's programme is rendered once per distinct content and shared."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from tests.events.factories import (
    EventFactory,
    ProgrammePartFactory,
    RoundFactory,
    SessionBookingFactory,
    SessionFactory,
    SpeakerFactory,
)
from voneinander.events import programme_html, selectors
from voneinander.events.models import BookingStatus


@pytest.fixture
def event(world):
    event = EventFactory(networks=[world.network])
    ProgrammePartFactory(event=event, title="Keynote")
    workshops = RoundFactory(event=event, title="Runde 1")
    session = SessionFactory(round=workshops, title="Digitale Verwaltung", capacity=3)
    SpeakerFactory(session=session, name="Aylin Demir", bio="Leitet das Amt.")
    SessionFactory(event=event, title="Gastvortrag", capacity=None)
    return event


def _render(event) -> str:
    return programme_html.render(selectors.programme(event))


def test_the_cached_programme_is_the_template_rendered_afresh(event):
    cache.clear()
    first = _render(event)
    fresh = render_to_string(programme_html.TEMPLATE, {"programme": selectors.programme(event)})
    assert first == fresh
    assert _render(event) == fresh  # the second time from the cache
    assert "Digitale Verwaltung" in fresh and "Aylin Demir" in fresh


def test_a_booking_changes_the_places_shown_at_once(event):
    session = event.sessions.get(title="Digitale Verwaltung")
    with translation.override("en"):
        assert "3 of 3 places free" in _render(event)
        SessionBookingFactory(session=session)
        assert "2 of 3 places free" in _render(event)
        SessionBookingFactory(session=session, status=BookingStatus.WAITLISTED)
        SessionBookingFactory.create_batch(2, session=session)
        html = _render(event)
    assert "fully booked" in html and "1 person on the waiting list" in html


def test_an_edit_through_a_queryset_update_changes_the_programme(event):
    """No signal, no service: the fingerprint still sees the new row."""
    _render(event)
    event.sessions.filter(title="Gastvortrag").update(title="Gastvortrag Mainz")
    event.sessions.first().speakers.update(bio="Neu im Amt.")
    html = _render(event)
    assert "Gastvortrag Mainz" in html and "Neu im Amt." in html


def test_each_language_gets_its_own_rendering(event):
    with translation.override("de"):
        german = _render(event)
    with translation.override("en"):
        english = _render(event)
    assert "Programm" in german and "Programme" in english
    assert german != english


def test_the_event_page_shows_the_cached_programme(event, client):
    html = client.get("/en" + event.get_absolute_url()).content.decode()
    assert 'id="programme-heading"' in html
    assert html.count('class="vn-session"') == 2
    assert "&lt;section" not in html  # inserted as HTML, not escaped text
