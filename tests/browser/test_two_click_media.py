"""Two-click media in a real browser: nothing reaches a video host before the click.

A published event recording on YouTube is shown as a placeholder. The harness
blocks and records every request to another host (`browser_watch`); before the
click there is none. The click creates the player (youtube-nocookie.com) and
the browser tries to load it: those requests are expected, checked and then
forgotten. "Remember my choice" keeps the consent in localStorage, never in a
cookie: the next visit loads the player at once, until the visitor forgets
the choice. An uploaded video (recorded by the browser itself with
MediaRecorder, so it is a real WebM file) plays from the platform with its
captions. Every page is checked by axe-core (conftest.py).
"""

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.signin import activate_totp, sign_in_with_totp, sign_out
from tests.events.followup_factories import RecordingFactory, past_event
from tests.factories import CoordinatorFactory, NetworkFactory
from tests.media.factories import NewsItemFactory
from voneinander.events.models import RecordingState
from voneinander.news.models import NewsVideo

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
CONSENT_KEY = "voneinander.video-consent:https://www.youtube-nocookie.com"
VIDEO_HOSTS = ("youtube", "ytimg", "googlevideo", "vimeo")


def _video_host_requests(browser_watch) -> list[str]:
    return [url for url in browser_watch.foreign_requests if any(h in url for h in VIDEO_HOSTS)]


def _expect_player_requested(page, browser_watch) -> None:
    """The browser tried to load the player (blocked by the harness); forget those requests."""
    for _ in range(50):
        if _video_host_requests(browser_watch):
            break
        page.wait_for_timeout(100)
    requested = _video_host_requests(browser_watch)
    assert requested and all(url.startswith(PLAYER) for url in requested), requested
    assert browser_watch.foreign_requests == requested
    browser_watch.foreign_requests.clear()


def _stored_consent(page):
    return page.evaluate("key => window.localStorage.getItem(key)", CONSENT_KEY)


def _assert_no_cookie(page):
    assert page.evaluate("() => document.cookie") == ""
    assert page.context.cookies() == []


def test_video_loads_only_after_the_click_and_the_choice_stays_in_local_storage(
    page, visit, browser_watch
):
    # The blocked player frame makes chromium log a failed load.
    browser_watch.expect_console_error(r"ERR_BLOCKED_BY_CLIENT")
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    event = past_event(networks=[network], title="Kommunalkongress 2020", slug="kongress-2020")
    recording = RecordingFactory(
        event=event,
        state=RecordingState.PUBLISHED,
        title="Grußwort der Ministerin",
        video_url=VIDEO,
    )
    url = reverse("events:recording", kwargs={"slug": event.slug, "pk": recording.pk})

    # 1. The placeholder: a notice, the button, the choice, the link; nothing from YouTube.
    visit(url)
    placeholder = page.locator("[data-video-embed]")
    expect(placeholder).to_contain_text("www.youtube-nocookie.com")
    play = placeholder.locator("button[data-video-play]")
    expect(play).to_be_visible()
    remember = placeholder.get_by_label(
        _de("Remember my choice for %(host)s in this browser", host="www.youtube-nocookie.com")
    )
    expect(remember).to_be_visible()
    expect(remember).not_to_be_checked()
    assert placeholder.locator("a[href]").first.get_attribute("href") == VIDEO
    expect(page.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert _video_host_requests(browser_watch) == []
    assert browser_watch.foreign_requests == []

    # 2. Play without remembering: the player is created with the nocookie address.
    play.click()
    frame = page.locator("iframe[data-video-frame]")
    expect(frame).to_have_count(1)
    assert frame.get_attribute("src") == PLAYER
    assert frame.get_attribute("title") == "Grußwort der Ministerin"
    _expect_player_requested(page, browser_watch)
    assert _stored_consent(page) is None
    _assert_no_cookie(page)

    # 3. The next visit asks again.
    visit(url)
    expect(page.locator("button[data-video-play]")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert browser_watch.foreign_requests == []

    # 4. Play and remember the choice: kept in localStorage only.
    page.locator("[data-video-remember]").check()
    page.locator("button[data-video-play]").click()
    expect(page.locator("iframe[data-video-frame]")).to_have_count(1)
    _expect_player_requested(page, browser_watch)
    assert _stored_consent(page) is not None
    _assert_no_cookie(page)
    expect(page.locator("[data-video-remembered]")).to_be_visible()

    # 5. Later pages load the player at once.
    visit(url)
    expect(page.locator("iframe[data-video-frame]")).to_have_count(1)
    assert page.locator("iframe[data-video-frame]").get_attribute("src") == PLAYER
    expect(page.locator("button[data-video-play]")).to_have_count(0)
    _expect_player_requested(page, browser_watch)
    _assert_no_cookie(page)

    # 6. Forgetting the choice: the next visit shows the placeholder again.
    forget = page.locator("[data-video-remembered] button[data-video-forget]")
    expect(forget).to_be_visible()
    forget.click()
    expect(page.locator("[data-video-remembered]")).to_contain_text(
        _de(
            "Forgotten: videos from %(host)s are shown as a placeholder again.",
            host="www.youtube-nocookie.com",
        )
    )
    assert _stored_consent(page) is None
    visit(url)
    expect(page.locator("button[data-video-play]")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert browser_watch.foreign_requests == []
    _assert_no_cookie(page)


# The browser records a short WebM video of a canvas: a real file for the upload.
RECORD_WEBM = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160;
  canvas.height = 90;
  const context = canvas.getContext("2d");
  const stream = canvas.captureStream(10);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm"});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const done = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  for (let frame = 0; frame < 10; frame += 1) {
    context.fillStyle = frame % 2 ? "#0b5394" : "#f1c232";
    context.fillRect(0, 0, 160, 90);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  return Array.from(bytes);
}"""

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:01.000
Willkommen beim Kommunalkongress.
"""


def test_uploaded_video_plays_from_our_server_with_captions(page, visit, browser_watch):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    coordinator = CoordinatorFactory(network=network, user__email="orga@example.org").user
    secret = activate_totp(coordinator)
    item = NewsItemFactory(network=network, title="Rückblick Kongress", slug="rueckblick")

    # 1. The coordinator uploads a video with captions.
    sign_in_with_totp(page, coordinator.email, secret)
    visit(reverse("news:videos", kwargs={"slug": item.slug}))
    webm = bytes(page.evaluate(RECORD_WEBM))
    assert webm.startswith(b"\x1a\x45\xdf\xa3")
    page.locator("input[name='title']").fill("Grußwort")
    page.locator("input[name='file']").set_input_files(
        {"name": "grusswort.webm", "mimeType": "video/webm", "buffer": webm}
    )
    page.locator("input[name='captions_file']").set_input_files(
        {"name": "grusswort.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS.encode()}
    )
    page.locator("button[name='add']").click()
    expect(page.locator("[data-news-video]")).to_have_count(1)
    video = NewsVideo.objects.get()
    assert (video.content_type, video.size) == ("video/webm", len(webm))
    sign_out(page)

    # 2. A visitor plays it: the file and its captions come from the platform.
    visit(item.get_absolute_url())
    player = page.locator("figure[data-uploaded-video] video")
    expect(player).to_have_count(1)
    page.wait_for_function(
        "() => { const v = document.querySelector('figure[data-uploaded-video] video');"
        " return v.readyState >= 1 && v.textTracks.length === 1"
        " && v.textTracks[0].cues && v.textTracks[0].cues.length === 1; }"
    )
    track = page.evaluate(
        "() => { const t = document.querySelector('figure[data-uploaded-video] video')"
        ".textTracks[0]; return [t.kind, t.language, t.mode, t.cues[0].text]; }"
    )
    assert track == ["captions", "de", "showing", "Willkommen beim Kommunalkongress."]
    file_url = reverse("news:video_file", kwargs={"slug": item.slug, "pk": video.pk})
    assert any(file_url in url for url in browser_watch.requests)
    assert browser_watch.foreign_requests == []


def test_forget_video_choices_on_the_privacy_page(page, visit):
    """The privacy statement lists the remembered video hosts and forgets them."""
    privacy = reverse("core:privacy")
    visit(privacy)
    choices = page.locator("[data-video-choices-list]")
    expect(choices).to_contain_text(_de("This browser remembers no choice to load videos."))
    expect(page.locator("button[data-video-forget-all]")).to_be_hidden()
    page.evaluate("key => window.localStorage.setItem(key, 'x')", CONSENT_KEY)
    page.evaluate("() => window.localStorage.setItem('something-else', 'y')")

    visit(privacy)
    expect(choices).to_contain_text("www.youtube-nocookie.com")
    page.locator("button[data-video-forget-all]").click()

    expect(page.locator("[data-video-choices-status]")).to_contain_text(
        _de("Your video choices have been forgotten. Videos are shown as placeholders again.")
    )
    expect(page.locator("button[data-video-forget-all]")).to_be_hidden()
    assert _stored_consent(page) is None
    assert page.evaluate("() => window.localStorage.getItem('something-else')") == "y"
    _assert_no_cookie(page)


def _de(msgid: str, **values) -> str:
    """What a German visitor reads for `msgid` (the browser runs with locale de-DE)."""
    with translation.override("de"):
        return translation.gettext(msgid) % values
