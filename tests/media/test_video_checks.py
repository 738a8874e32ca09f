"""Uploaded videos are checked by their bytes; captions are required and must parse."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.events.followup_factories import VTT
from tests.factories import UserFactory
from tests.media.factories import NewsItemFactory, NewsVideoFactory, mp4_bytes, webm_bytes
from voneinander.audit.models import AuditEvent
from voneinander.core.video import check_video
from voneinander.news import video_services
from voneinander.news.models import NewsVideo

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _upload(content: bytes, name: str = "clip.mp4", content_type: str = "video/mp4"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _captions(text: str = VTT):
    return SimpleUploadedFile("clip.vtt", text.encode(), content_type="text/vtt")


@pytest.mark.parametrize("brand", [b"isom", b"mp42", b"avc1", b"M4V ", b"dash"])
def test_check_video_accepts_mp4_with_a_known_brand(brand):
    checked = check_video(_upload(mp4_bytes(brand)))

    assert (checked.kind, checked.extension, checked.content_type) == ("mp4", "mp4", "video/mp4")


def test_check_video_accepts_webm():
    checked = check_video(_upload(webm_bytes(), "clip.webm", "video/webm"))

    assert (checked.kind, checked.content_type) == ("webm", "video/webm")


@pytest.mark.parametrize(
    "content",
    [
        b"Das ist kein Video, nur Text mit der Endung .mp4",
        PNG,
        b"MZ\x90\x00" + b"\0" * 60,  # a Windows program
        webm_bytes(doctype=b"matroska"),  # Matroska, not WebM
        b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ",  # QuickTime
        b"\x00\x00\x00\x08ftyp",  # a box too short for a brand
        b"\x1a\x45\xdf\xa3\xff",  # an EBML header that breaks off
    ],
    ids=["text", "png", "program", "matroska", "quicktime", "short-box", "broken-ebml"],
)
def test_check_video_refuses_files_that_are_not_mp4_or_webm(content):
    with pytest.raises(ValidationError) as error:
        check_video(_upload(content))

    assert error.value.code == "not_a_video"
    assert "MP4" in error.value.messages[0]


def test_check_video_refuses_an_oversized_file(settings):
    settings.NEWS_VIDEO_MAX_BYTES = 1024

    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_video(_upload(mp4_bytes()))

    assert error.value.code == "too_large"
    with translation.override("en"):
        assert error.value.messages == [
            "The video is larger than 1.0\xa0KB. Please reduce its size."
        ]


def test_check_video_refuses_an_empty_file():
    with pytest.raises(ValidationError) as error:
        check_video(_upload(b""))

    assert error.value.code == "empty"


def test_add_news_video_stores_the_checked_file_with_captions(db):
    item = NewsItemFactory()
    editor = UserFactory()

    video = video_services.add_news_video(
        item=item,
        by=editor,
        title="  Grußwort  ",
        upload=_upload(webm_bytes(), "grusswort.webm", "application/octet-stream"),
        captions_upload=_captions(),
        captions_language="de",
    )

    video.refresh_from_db()
    assert video.title == "Grußwort"
    assert video.content_type == "video/webm"
    assert video.size == len(webm_bytes())
    assert video.captions == VTT
    assert video.file.name.startswith("news/")
    with video.file.open("rb") as handle:
        assert handle.read() == webm_bytes()
    event = AuditEvent.objects.get(action="news.video_added")
    assert event.actor == editor
    assert event.data["title"] == "Grußwort"


def test_add_news_video_requires_captions(db):
    item = NewsItemFactory()

    with pytest.raises(ValidationError) as error:
        video_services.add_news_video(
            item=item, by=None, title="Ohne", upload=_upload(mp4_bytes()), captions_upload=None
        )

    assert list(error.value.error_dict) == ["captions_file"]
    assert not NewsVideo.objects.exists()


def test_add_news_video_refuses_broken_captions_naming_the_line(db):
    item = NewsItemFactory()
    broken = "WEBVTT\n\n00:00:01.000 -> 00:00:04.000\nHallo\n"

    with pytest.raises(ValidationError) as error:
        video_services.add_news_video(
            item=item,
            by=None,
            title="Kaputt",
            upload=_upload(mp4_bytes()),
            captions_upload=_captions(broken),
        )

    assert list(error.value.error_dict) == ["captions_file"]
    assert "3" in error.value.error_dict["captions_file"][0].messages[0]
    assert not NewsVideo.objects.exists()


def test_add_news_video_reports_every_problem_at_once(db):
    item = NewsItemFactory()

    with pytest.raises(ValidationError) as error:
        video_services.add_news_video(
            item=item,
            by=None,
            title="",
            upload=_upload(PNG),
            captions_upload=_captions("Kein WebVTT"),
        )

    assert sorted(error.value.error_dict) == ["captions_file", "file", "title"]


def test_delete_news_video_removes_row_and_file(db, django_capture_on_commit_callbacks):
    video = NewsVideoFactory()
    stored = video.file.name
    assert default_storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        video_services.delete_news_video(video=video, by=None)

    assert not NewsVideo.objects.exists()
    assert not default_storage.exists(stored)
    assert AuditEvent.objects.filter(action="news.video_removed").count() == 1
