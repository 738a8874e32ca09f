"""`{% video_embed %}`: a placeholder that loads nothing from the host before the click."""

import re

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.events.followup_factories import RecordingFactory, past_event
from tests.media.factories import NewsItemFactory
from voneinander.events.models import RecordingState

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    with translation.override("en"):
        return Template("{% load media %}" + source).render(
            Context({"request": request, **context})
        )


def test_video_embed_shows_a_placeholder_with_notice_and_link():
    html = _render("{% video_embed url 'Grußwort' %}", url=YOUTUBE)

    assert "<iframe" not in html
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'data-origin="https://www.youtube-nocookie.com"' in html
    assert 'data-title="Grußwort"' in html
    assert "Video from www.youtube-nocookie.com" in html
    assert f'href="{YOUTUBE}"' in html
    # Button and "remember" checkbox need the script: hidden until it runs.
    assert re.search(r"<button[^>]*data-video-play[^>]*hidden", html)
    assert re.search(r"<div[^>]*data-video-remember-field[^>]*hidden", html)
    assert 'type="checkbox" id="vn-video-remember-1" data-video-remember' in html
    assert "Remember my choice for www.youtube-nocookie.com in this browser" in html
    # Nothing else points at the host: no thumbnails, scripts or styles from it.
    assert not re.search(r'(?<![-\w])(src|srcset|poster)="https://', html)


def test_video_embed_brings_script_and_stylesheet_once_per_page():
    html = _render(
        "{% video_embed a 'Eins' %}{% video_embed b 'Zwei' %}",
        a=YOUTUBE,
        b="https://vimeo.com/76979871",
    )

    assert html.count("core/video.js") == 1
    assert html.count("core/media.css") == 1
    assert '<script src="/static/core/video.js" type="module"></script>' in html
    assert 'data-src="https://player.vimeo.com/video/76979871?dnt=1"' in html
    # Each placeholder has its own checkbox.
    assert "vn-video-remember-1" in html and "vn-video-remember-2" in html


def test_media_assets_in_the_head_makes_the_tags_skip_them():
    html = _render("{% media_assets %}<main>{% video_embed url 'Eins' %}</main>", url=YOUTUBE)

    assert html.count("core/video.js") == 1
    assert html.index("core/video.js") < html.index("<main>")


def test_video_embed_of_another_host_is_a_plain_link():
    html = _render("{% video_embed url 'Keynote' %}", url="https://media.example.net/k.mp4")

    assert "data-video-embed" not in html
    assert "core/video.js" not in html
    assert 'href="https://media.example.net/k.mp4"' in html
    assert "Watch the video on media.example.net" in html


def test_video_embed_of_a_peertube_instance_uses_its_origin(settings):
    settings.VIDEO_EMBED_HOSTS = ["https://tube.example.org"]

    html = _render(
        "{% video_embed url 'Keynote' %}", url="https://tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv"
    )

    assert 'data-src="https://tube.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv"' in html
    assert 'data-origin="https://tube.example.org"' in html


def test_video_embed_renders_nothing_for_other_schemes_or_empty():
    assert _render("{% video_embed url 'x' %}", url="javascript:alert(1)") == ""
    assert _render("{% video_embed url 'x' %}", url="") == ""


def test_video_embed_escapes_the_title():
    html = _render("{% video_embed url title %}", url=YOUTUBE, title='"><script>x</script>')

    assert "<script>x" not in html
    assert 'data-title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html


def test_forget_choices_partial_offers_the_button_only_with_script():
    html = Template('{% include "media/_forget_choices.html" %}').render(
        Context({"request": RequestFactory().get("/")})
    )

    assert re.search(r"<button[^>]*data-video-forget-all[^>]*hidden", html)
    assert "data-video-choices" in html
    assert "core/video.js" in html


def test_news_page_with_a_video_sets_no_cookie(client, db):
    item = NewsItemFactory(video_url=YOUTUBE)

    response = client.get(reverse("news:detail", kwargs={"slug": item.slug}))

    assert response.status_code == 200
    assert "data-video-embed" in response.content.decode()
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_recording_page_uses_the_shared_placeholder(client, db):
    event = past_event()
    recording = RecordingFactory(event=event, state=RecordingState.PUBLISHED, video_url=YOUTUBE)

    response = client.get(
        reverse("events:recording", kwargs={"slug": event.slug, "pk": recording.pk})
    )

    content = response.content.decode()
    assert content.count("data-video-embed") == 1
    assert "data-video-remember" in content
    assert content.count("core/video.js") == 1
    assert "events/video.js" not in content
    assert not response.cookies
