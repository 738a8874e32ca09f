"""Editors upload and remove a news item's videos; readers play them with captions."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.events.followup_factories import VTT
from tests.media.factories import NewsItemFactory, NewsVideoFactory, mp4_bytes, webm_bytes
from voneinander.news.models import NewsVideo


def _videos_url(item):
    return reverse("news:videos", kwargs={"slug": item.slug})


def _post(client, item, *, prefix="", **overrides):
    data = {
        "title": "Grußwort der Ministerin",
        "file": SimpleUploadedFile("grusswort.mp4", mp4_bytes(), content_type="video/mp4"),
        "captions_file": SimpleUploadedFile("grusswort.vtt", VTT.encode(), "text/vtt"),
        "captions_language": "de",
        "add": "",
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(prefix + _videos_url(item), data)


def test_coordinator_uploads_a_video_with_captions(world, client_as):
    item = NewsItemFactory(network=world.network)
    client = client_as(world.user("coordinator"))

    response = _post(client, item)

    assert response.status_code == 302
    assert response["Location"] == _videos_url(item)
    video = NewsVideo.objects.get()
    assert (video.news, video.title, video.content_type) == (
        item,
        "Grußwort der Ministerin",
        "video/mp4",
    )
    assert video.captions == VTT
    page = client.get(_videos_url(item)).content.decode()
    assert "Grußwort der Ministerin" in page
    assert reverse("news:video_delete", kwargs={"slug": item.slug, "pk": video.pk}) in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"file": SimpleUploadedFile("fake.mp4", b"kein Video", "video/mp4")},
            "file",
            "not a video",
        ),
        ({"captions_file": None}, "captions_file", "captions"),
        (
            {"captions_file": SimpleUploadedFile("c.vtt", b"00:01 Hallo", "text/vtt")},
            "captions_file",
            "WEBVTT",
        ),
        ({"file": None}, "file", "Please choose a video file."),
    ],
    ids=["fake-video", "missing-captions", "broken-captions", "missing-video"],
)
def test_upload_with_bad_input_shows_the_problem_and_saves_nothing(
    world, client_as, overrides, field, message
):
    item = NewsItemFactory(network=world.network)
    client = client_as(world.user("coordinator"))

    response = client.post(
        "/en" + _videos_url(item),  # English messages, whatever the translations say
        {
            key: value
            for key, value in {
                "title": "Grußwort",
                "file": SimpleUploadedFile("g.webm", webm_bytes(), "video/webm"),
                "captions_file": SimpleUploadedFile("g.vtt", VTT.encode(), "text/vtt"),
                "captions_language": "de",
                **overrides,
            }.items()
            if value is not None
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in " ".join(response.context["form"].errors[field])
    assert "data-error-summary" in response.content.decode()
    assert not NewsVideo.objects.exists()


def test_upload_of_an_oversized_video_is_refused(world, client_as, settings):
    settings.NEWS_VIDEO_MAX_BYTES = 100
    item = NewsItemFactory(network=world.network)

    response = _post(client_as(world.user("coordinator")), item, prefix="/en")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The video is larger than 100\xa0bytes. Please reduce its size."
    ]
    assert not NewsVideo.objects.exists()


def test_coordinator_removes_a_video(world, client_as):
    video = NewsVideoFactory(news=NewsItemFactory(network=world.network))
    url = reverse("news:video_delete", kwargs={"slug": video.news.slug, "pk": video.pk})
    client = client_as(world.user("coordinator"))

    assert video.title in client.get(url).content.decode()
    response = client.post(url, {"remove": ""})

    assert response.status_code == 302
    assert not NewsVideo.objects.exists()


def test_member_may_not_upload_or_remove(world, client_as):
    video = NewsVideoFactory(news=NewsItemFactory(network=world.network))
    client = client_as(world.user("member"))

    upload = _post(client, video.news)
    removal = client.post(
        reverse("news:video_delete", kwargs={"slug": video.news.slug, "pk": video.pk})
    )

    assert (upload.status_code, removal.status_code) == (403, 403)
    assert NewsVideo.objects.count() == 1


def test_captions_are_served_as_webvtt(client, db):
    video = NewsVideoFactory()

    response = client.get(
        reverse("news:video_captions", kwargs={"slug": video.news.slug, "pk": video.pk})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode() == VTT
    assert response["X-Content-Type-Options"] == "nosniff"


def test_news_page_plays_the_video_from_our_server_with_captions(client, db):
    video = NewsVideoFactory(title="Grußwort", captions_language="de")
    item = video.news
    kwargs = {"slug": item.slug, "pk": video.pk}

    response = client.get(reverse("news:detail", kwargs={"slug": item.slug}))

    content = response.content.decode()
    player = re.search(r"<video[^>]*>.*?</video>", content, re.S).group(0)
    assert re.search(r'<video[^>]* controls preload="metadata"', player)
    assert f'<source src="{reverse("news:video_file", kwargs=kwargs)}" type="video/mp4">' in player
    assert (
        f'<track kind="captions" src="{reverse("news:video_captions", kwargs=kwargs)}" '
        'srclang="de" label="Deutsch" default>'
    ) in player
    assert "core/video.js" in content
    assert "media-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("count", [1, 6])
def test_videos_page_query_count_is_constant(
    world, client_as, django_assert_max_num_queries, count
):
    item = NewsItemFactory(network=world.network)
    NewsVideoFactory.create_batch(count, news=item)
    client = client_as(world.user("coordinator"))
    client.get(_videos_url(item))

    with django_assert_max_num_queries(11):
        response = client.get(_videos_url(item))

    assert response.content.decode().count("data-news-video=") == count
