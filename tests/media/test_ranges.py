"""The video file view answers HTTP range requests, as <video> needs for seeking."""

import pytest
from django.urls import reverse

from tests.media.factories import NewsVideoFactory, mp4_bytes
from voneinander.core.ranges import UnsatisfiableRangeError, parse_range

CONTENT = mp4_bytes()
SIZE = len(CONTENT)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=900-5000", (900, 999)),
        ("BYTES = 5 - 6", (5, 6)),
        ("", None),
        ("bytes=", None),
        ("bytes=-", None),
        ("bytes=9-3", None),  # invalid: ignored
        ("bytes=0-1,5-6", None),  # several ranges: the whole file
        ("items=0-1", None),
        ("bytes=abc", None),
    ],
)
def test_parse_range_gives_first_and_last_byte_or_none(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=2000-3000", "bytes=-0"])
def test_parse_range_refuses_ranges_beyond_the_end(header):
    with pytest.raises(UnsatisfiableRangeError):
        parse_range(header, 1000)


@pytest.fixture
def video_url(db):
    video = NewsVideoFactory(title="Grußwort")
    return reverse("news:video_file", kwargs={"slug": video.news.slug, "pk": video.pk})


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_video_file_without_range_is_the_whole_file(client, video_url):
    response = client.get(video_url)

    assert response.status_code == 200
    assert _body(response) == CONTENT
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "Content-Range" not in response


def test_video_file_gives_the_first_bytes(client, video_url):
    response = client.get(video_url, headers={"Range": "bytes=0-1"})

    assert response.status_code == 206
    assert _body(response) == CONTENT[:2]
    assert response["Content-Range"] == f"bytes 0-1/{SIZE}"
    assert response["Content-Length"] == "2"
    assert response["Accept-Ranges"] == "bytes"


def test_video_file_gives_a_range_from_the_middle(client, video_url):
    response = client.get(video_url, headers={"Range": "bytes=1000-2999"})

    assert response.status_code == 206
    assert _body(response) == CONTENT[1000:3000]
    assert response["Content-Range"] == f"bytes 1000-2999/{SIZE}"
    assert response["Content-Length"] == "2000"


def test_video_file_gives_an_open_range_to_the_end(client, video_url):
    response = client.get(video_url, headers={"Range": "bytes=4000-"})

    assert response.status_code == 206
    assert _body(response) == CONTENT[4000:]
    assert response["Content-Range"] == f"bytes 4000-{SIZE - 1}/{SIZE}"


def test_video_file_gives_a_suffix(client, video_url):
    response = client.get(video_url, headers={"Range": "bytes=-100"})

    assert response.status_code == 206
    assert _body(response) == CONTENT[-100:]
    assert response["Content-Range"] == f"bytes {SIZE - 100}-{SIZE - 1}/{SIZE}"


def test_video_file_range_beyond_the_end_is_416(client, video_url):
    response = client.get(video_url, headers={"Range": f"bytes={SIZE}-"})

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert response.content == b""


def test_video_file_ignores_a_malformed_range(client, video_url):
    response = client.get(video_url, headers={"Range": "bytes=9-3"})

    assert response.status_code == 200
    assert _body(response) == CONTENT


def test_video_file_sends_whole_file_when_if_range_no_longer_matches(client, video_url):
    etag = client.get(video_url)["ETag"]

    stale = client.get(video_url, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    current = client.get(video_url, headers={"Range": "bytes=0-9", "If-Range": etag})

    assert stale.status_code == 200
    assert _body(stale) == CONTENT
    assert current.status_code == 206
    assert _body(current) == CONTENT[:10]


def test_video_file_head_gives_headers_only(client, video_url):
    response = client.head(video_url, headers={"Range": "bytes=0-9"})

    assert response.status_code == 206
    assert response["Content-Length"] == "10"
    assert response.content == b""


def test_video_file_refuses_post(client, video_url):
    assert client.post(video_url).status_code == 405


def test_video_file_missing_on_disk_is_404(client, db):
    video = NewsVideoFactory()
    video.file.storage.delete(video.file.name)

    response = client.get(
        reverse("news:video_file", kwargs={"slug": video.news.slug, "pk": video.pk})
    )

    assert response.status_code == 404
