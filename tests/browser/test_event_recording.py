"""After the event in a real browser. A recording: the organiser records the speakers'
consent and publishes it; a visitor watches it after agreeing to load the player
(two-click consent). Feedback, results and the archive: a participant rates a
workshop once, anyone finds the results through the archive search.

The "video host" is the live server itself (a PeerTube-style address whose
player page `browser_watch.serve` makes up), because the browser may reach no
other host. It is allowed for embedding and in the CSP's frame-src for this
test only. Before the click there is no iframe and no request to the player
address; after it, the iframe is there and the player was loaded. Every page
is checked by axe-core, for CSP violations and console errors (conftest.py).
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.signin import (
    activate_totp,
    sign_in_with_password,
    sign_in_with_totp,
    sign_out,
)
from tests.events.factories import RegistrationFactory, SessionBookingFactory, SessionFactory
from tests.events.followup_factories import EventResultsFactory, file_material, past_event
from tests.factories import CoordinatorFactory, NetworkFactory, UserFactory
from voneinander.events.models import Feedback, Recording, RecordingState

VIDEO_ID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"
PLAYER = f"/videos/embed/{VIDEO_ID}"
PLAYER_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Videoplayer</title></head>
<body><main><h1>Keynote</h1><p data-player>Das Video läuft.</p></main></body></html>"""


def _allow_video_host(settings, origin: str) -> None:
    settings.VIDEO_EMBED_HOSTS = [origin]
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["frame-src"] = [origin]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}


def _player_requests(browser_watch) -> list[str]:
    return [url for url in browser_watch.requests if PLAYER in url]


def test_publish_a_recording_and_watch_it_after_consenting(
    page, visit, live_url, browser_watch, settings
):
    _allow_video_host(settings, live_url)
    browser_watch.serve(PLAYER, PLAYER_PAGE)
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    coordinator = CoordinatorFactory(network=network, user__email="orga@example.org").user
    secret = activate_totp(coordinator)
    event = past_event(networks=[network], title="Kommunalkongress 2020", slug="kongress-2020")

    # 1. The organiser adds the recording, records the consent and publishes.
    sign_in_with_totp(page, coordinator.email, secret)
    visit(reverse("events:recordings_manage", kwargs={"slug": event.slug}))
    page.locator(
        f"a[href='{reverse('events:recording_add', kwargs={'slug': event.slug})}']"
    ).click()
    page.locator("input[name='title']").fill("Keynote: Chancen der Digitalisierung")
    page.locator("input[name='video_url']").fill(f"{live_url}/w/{VIDEO_ID}")
    page.locator("select[name='licence']").select_option("cc-by-4.0")
    page.locator("button[name='save']").click()
    expect(page.locator("[data-recording]")).to_have_count(1)
    recording = Recording.objects.get()
    assert recording.state == RecordingState.DRAFT

    visit(reverse("events:recording_consent", kwargs={"slug": event.slug, "pk": recording.pk}))
    page.locator("input[name='given_by']").fill("Prof. Dr. Anna Beispiel")
    page.locator("input[name='given_on']").fill("2020-09-11")
    page.locator("input[name='confirm']").check()
    page.locator("button[name='record']").click()
    expect(page.locator("[data-recording]")).to_have_count(1)
    visit(reverse("events:recording_publish", kwargs={"slug": event.slug, "pk": recording.pk}))
    page.locator("button[name='action'][value='publish']").click()
    expect(page.locator("[data-recording]")).to_have_count(1)
    recording.refresh_from_db()
    assert recording.state == RecordingState.PUBLISHED
    sign_out(page)

    # 2. A visitor finds the recording from the event page.
    visit(event.get_absolute_url())
    page.locator(f"a[href='{reverse('events:recordings', kwargs={'slug': event.slug})}']").click()
    expect(page).to_have_url(re.compile(r"/aufzeichnungen/$"))
    placeholder = page.locator("[data-video-embed]")
    expect(placeholder).to_contain_text("localhost")
    play = placeholder.locator("button[data-video-play]")
    expect(play).to_be_visible()  # video.js shows the button
    # Before the click: no player, and nothing was requested from the video host.
    expect(page.locator("iframe")).to_have_count(0)
    assert _player_requests(browser_watch) == []
    watch_link = placeholder.get_by_role("link")
    assert watch_link.get_attribute("href") == f"{live_url}/w/{VIDEO_ID}"

    # 3. Agreeing loads the player.
    play.click()
    frame = page.locator("iframe[data-video-frame]")
    expect(frame).to_have_count(1)
    assert frame.get_attribute("src") == f"{live_url}{PLAYER}"
    assert frame.get_attribute("title") == "Keynote: Chancen der Digitalisierung"
    expect(page.frame_locator("iframe[data-video-frame]").locator("[data-player]")).to_be_visible()
    assert len(_player_requests(browser_watch)) == 1
    expect(page.locator("button[data-video-play]")).to_have_count(0)


def test_rate_a_session_and_find_the_results_in_the_archive(page, visit, settings):
    # One rating is enough to see it here; the anonymity threshold has its own tests.
    settings.EVENTS_FEEDBACK_MIN_RATINGS = 1
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    coordinator = CoordinatorFactory(network=network, user__email="orga@example.org").user
    secret = activate_totp(coordinator)
    event = past_event(networks=[network], title="Kommunalkongress 2020", slug="kongress-2020")
    session = SessionFactory(event=event, title="Digitale Dörfer – Smarte Lösungen")
    person = UserFactory(email="teilnehmerin@example.org")
    SessionBookingFactory(
        session=session, registration=RegistrationFactory(event=event, user=person)
    )
    EventResultsFactory(event=event, summary="Die Dörfer gründen eine Arbeitsgruppe.")
    file_material(event=event, session=session, title="Folien Digitale Dörfer")

    # The participant rates the workshop from the event page, once.
    sign_in_with_password(page, person.email)
    visit(event.get_absolute_url())
    page.locator(f"a[href='{reverse('events:feedback', kwargs={'slug': event.slug})}']").click()
    page.locator(f"a[data-feedback-session='{session.pk}']").click()
    page.locator("input[name='rating'][value='4']").check()
    page.locator("textarea[name='text']").fill("Viele praktische Beispiele.")
    page.locator("button[name='send']").click()
    expect(page.locator(f"a[data-feedback-session='{session.pk}']")).to_have_count(0)
    assert list(Feedback.objects.values_list("rating", "text")) == [
        (4, "Viele praktische Beispiele.")
    ]
    visit(reverse("events:feedback_give", kwargs={"slug": event.slug, "session": session.pk}))
    expect(page).to_have_url(re.compile(r"/rueckmeldung/$"))
    sign_out(page)

    # Anyone finds the results, the materials and the event in the archive.
    visit(reverse("events:archive"))
    page.locator("input[name='q']").fill("smarte lösungen")
    page.locator("form[role='search'] button[type='submit']").click()
    card = page.locator("[data-archive-event='kongress-2020']")
    expect(card).to_have_count(1)
    card.locator(f"a[href='{reverse('events:results', kwargs={'slug': event.slug})}']").click()
    expect(page.get_by_role("main")).to_contain_text("Die Dörfer gründen eine Arbeitsgruppe.")
    visit(reverse("events:materials", kwargs={"slug": event.slug}))
    expect(page.get_by_role("main")).to_contain_text("Folien Digitale Dörfer")

    # The organiser sees the anonymous summary.
    sign_in_with_totp(page, coordinator.email, secret)
    visit(reverse("events:feedback_summary", kwargs={"slug": event.slug}))
    expect(page.get_by_role("main")).to_contain_text("Viele praktische Beispiele.")
    visit(reverse("events:results_edit", kwargs={"slug": event.slug}))
    visit(reverse("events:material_add", kwargs={"slug": event.slug}))
