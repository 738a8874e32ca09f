"""Recordings: embed addresses, WebVTT captions, the publishing workflow, two-click embedding."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tests.events.factories import SessionFactory
from tests.events.followup_factories import VTT, RecordingFactory, past_event, upload
from voneinander.audit.models import AuditEvent
from voneinander.events import followup, uploads, video
from voneinander.events.models import Licence, Recording, RecordingState

# Whole requests (session, user, roles, event, layout); they must not grow with the rows.
RECORDINGS_QUERIES = {"visitor": 4, "organiser": 8}
HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://tube.example.org"]


def _en(name, **kwargs) -> str:
    with translation.override("de"):
        return "/en" + reverse(name, kwargs=kwargs)


# --- Embed addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "src"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "https://tube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ),
        (
            "https://TUBE.example.org/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv",
            "https://tube.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv",
        ),
    ],
)
def test_embed_address_for_allowed_hosts(url, src):
    assert video.embed_for(url, HOSTS).src == src


@pytest.mark.parametrize(
    "url",
    [
        "https://other-tube.example.net/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        "https://www.youtube.com/channel/UCabc",
        "https://example.org/video.mp4",
        "javascript:alert(1)",
        "",
    ],
)
def test_embed_address_is_none_for_other_addresses(url):
    assert video.embed_for(url, HOSTS) is None


def test_youtube_is_not_embedded_when_its_player_is_not_allowed():
    assert video.embed_for("https://youtu.be/dQw4w9WgXcQ", ["https://player.vimeo.com"]) is None


def test_csp_frames_only_the_allowed_video_hosts(client, db):
    response = client.get(reverse("events:archive"))

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-src"].split() == settings.VIDEO_EMBED_HOSTS
    assert settings.VIDEO_EMBED_HOSTS == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


# --- Captions ---------------------------------------------------------------------------------


def test_webvtt_is_parsed_into_plain_cues():
    cues = uploads.parse_webvtt("\ufeff" + VTT.replace("\n", "\r\n"))

    assert [(cue.start, cue.end, cue.text) for cue in cues] == [
        (1.0, 4.0, "Anna Beispiel: Herzlich willkommen zum Kommunalkongress."),
        (4.5, 8.25, "Heute geht es um & digitale Dörfer."),
    ]
    assert cues[1].start_label == "0:04"


def test_webvtt_accepts_notes_styles_and_hours():
    text = (
        "WEBVTT - Kommunalkongress\nKind: captions\n\nNOTE von Hand geprüft\n\n"
        "STYLE\n::cue { color: yellow }\n\n01:02:03.004 --> 01:02:05.000\nSchluss\n"
    )

    [cue] = uploads.parse_webvtt(text)

    assert (cue.start, cue.text, cue.start_label) == (3723.004, "Schluss", "1:02:03")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("00:00:01.000 --> 00:00:02.000\nHallo\n", "must start with the line “WEBVTT”"),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHallo\n", "must start with the line “WEBVTT”"),
        ("WEBVTT\n\n00:01 --> 00:02\nHallo\n", "Line 3: the timing “00:01 --> 00:02”"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHallo\n", "Line 3: the caption ends before"),
        ("WEBVTT\n\n1\nHallo\n", "Line 3: a caption needs a timing"),
        (
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHallo\n00:03.000 --> 00:04.000\n",
            "Line 5: “-->” may only appear",
        ),
        ("WEBVTT\n\nNOTE nur eine Notiz\n", "contains no captions"),
    ],
)
def test_webvtt_errors_name_the_problem(text, fragment):
    # Checked in English: the messages are composed when the error is raised.
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        uploads.parse_webvtt(text)

    with translation.override("en"):
        assert fragment in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), ("WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1"), "encoding")],
)
def test_captions_upload_must_be_utf8_text(data, code):
    with pytest.raises(ValidationError) as refused:
        uploads.check_captions(upload(data, "untertitel.vtt"))

    assert refused.value.code == code


# --- The workflow -------------------------------------------------------------------------------


def _add(client, event, **fields):
    data = {
        "title": "Keynote: Chancen der Digitalisierung",
        "session": "",
        "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "licence": Licence.CC_BY,
    } | fields
    return client.post(_en("events:recording_add", slug=event.slug), data)


def test_recording_goes_from_draft_over_consent_to_published(world, client_as):
    event = past_event(networks=[world.network])
    organiser = client_as(world.user("coordinator"))

    assert _add(organiser, event).status_code == 302
    recording = Recording.objects.get()
    assert recording.state == RecordingState.DRAFT
    page_url = reverse("events:recording", kwargs={"slug": event.slug, "pk": recording.pk})
    visitor_page = client_as(None).get(page_url)
    listing = client_as(None).get(_en("events:recordings", slug=event.slug)).content.decode()
    assert visitor_page.status_code == 404
    assert "Keynote" not in listing

    organiser = client_as(world.user("coordinator"))
    consent = organiser.post(
        _en("events:recording_consent", slug=event.slug, pk=recording.pk),
        {"given_by": "Anna Beispiel", "given_on": "2020-09-11", "confirm": "on"},
    )
    assert consent.status_code == 302
    recording.refresh_from_db()
    assert recording.state == RecordingState.CONSENTED
    assert (recording.consent_given_by, recording.consent_given_on) == (
        "Anna Beispiel",
        datetime.date(2020, 9, 11),
    )
    assert recording.consent_recorded_by == world.user("coordinator")
    assert recording.consent_recorded_at is not None

    organiser.post(
        _en("events:recording_publish", slug=event.slug, pk=recording.pk), {"action": "publish"}
    )
    recording.refresh_from_db()
    assert recording.state == RecordingState.PUBLISHED
    assert recording.published_at is not None
    listing = client_as(None).get(_en("events:recordings", slug=event.slug)).content.decode()
    assert "Keynote: Chancen der Digitalisierung" in listing
    assert client_as(None).get(page_url).status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "event.recording_added",
        "event.recording_consent_recorded",
        "event.recording_published",
    } <= actions


def test_recording_cannot_be_published_without_consent(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event)

    response = client_as(world.user("coordinator")).post(
        _en("events:recording_publish", slug=event.slug, pk=recording.pk),
        {"action": "publish"},
        follow=True,
    )

    assert "Please record the speakers' consent before publishing" in html.unescape(
        response.content.decode()
    )
    recording.refresh_from_db()
    assert recording.state == RecordingState.DRAFT
    with pytest.raises(ValidationError):
        followup.publish_recording(recording=recording, by=world.user("coordinator"))


def test_recording_consent_needs_confirmation_and_no_future_date(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_as(world.user("coordinator")).post(
        _en("events:recording_consent", slug=event.slug, pk=recording.pk),
        {"given_by": "Anna Beispiel", "given_on": tomorrow.isoformat()},
    )

    content = response.content.decode()
    assert "The consent cannot have been given in the future." in content
    assert "Please confirm the consent." in content
    recording.refresh_from_db()
    assert recording.state == RecordingState.DRAFT


def test_published_recording_can_be_withdrawn(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event, state=RecordingState.PUBLISHED)

    client_as(world.user("coordinator")).post(
        _en("events:recording_publish", slug=event.slug, pk=recording.pk), {"action": "withdraw"}
    )

    recording.refresh_from_db()
    assert (recording.state, recording.published_at) == (RecordingState.CONSENTED, None)
    assert AuditEvent.objects.filter(action="event.recording_withdrawn").exists()


@pytest.mark.parametrize(
    "change",
    [{"video_url": "https://vimeo.com/76979871"}, {"licence": Licence.CC_BY_SA}],
    ids=["video", "licence"],
)
def test_new_video_or_licence_takes_a_published_recording_back_to_draft(world, client_as, change):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event, state=RecordingState.PUBLISHED)
    data = {
        "title": recording.title,
        "session": "",
        "video_url": recording.video_url,
        "licence": recording.licence,
    } | change

    response = client_as(world.user("coordinator")).post(
        _en("events:recording_edit", slug=event.slug, pk=recording.pk), data, follow=True
    )

    assert "so it is a draft again" in response.content.decode()
    recording.refresh_from_db()
    assert recording.state == RecordingState.DRAFT
    assert (recording.consent_given_by, recording.consent_given_on) == ("", None)
    assert recording.published_at is None


def test_changing_only_the_title_keeps_the_recording_published(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event, state=RecordingState.PUBLISHED)

    client_as(world.user("coordinator")).post(
        _en("events:recording_edit", slug=event.slug, pk=recording.pk),
        {
            "title": "Neuer Titel",
            "session": "",
            "video_url": recording.video_url,
            "licence": recording.licence,
        },
    )

    recording.refresh_from_db()
    assert (recording.title, recording.state) == ("Neuer Titel", RecordingState.PUBLISHED)


def test_recording_of_a_session_of_another_event_is_refused(world, client_as):
    event = past_event(networks=[world.network])
    foreign = SessionFactory(event=past_event(networks=[world.network]))

    response = _add(client_as(world.user("coordinator")), event, session=str(foreign.pk))

    assert response.status_code == 200
    assert not Recording.objects.exists()


def test_bad_captions_are_refused_on_the_form_and_nothing_is_saved(world, client_as):
    event = past_event(networks=[world.network])

    response = _add(
        client_as(world.user("coordinator")),
        event,
        captions_file=upload(b"WEBVTT\n\n00:01 --> 00:02\nHallo\n", "untertitel.vtt"),
    )

    assert response.status_code == 200
    assert "Line 3: the timing" in response.content.decode()
    assert not Recording.objects.exists()


def test_captions_give_a_transcript_and_a_download(world, client_as):
    event = past_event(networks=[world.network])
    _add(
        client_as(world.user("coordinator")),
        event,
        captions_file=upload(VTT.encode(), "untertitel.vtt"),
    )
    recording = Recording.objects.get()
    assert recording.captions == VTT
    recording.state = RecordingState.PUBLISHED
    recording.consent_given_by, recording.consent_given_on = "Anna", datetime.date(2020, 9, 11)
    recording.published_at = timezone.now()
    recording.save()
    visitor = client_as(None)

    page = visitor.get(_en("events:recording", slug=event.slug, pk=recording.pk))
    captions = visitor.get(
        reverse("events:recording_captions", kwargs={"slug": event.slug, "pk": recording.pk})
    )

    assert "Anna Beispiel: Herzlich willkommen zum Kommunalkongress." in page.content.decode()
    assert captions.content.decode() == VTT
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert captions["Content-Disposition"].startswith("attachment;")
    assert captions["X-Content-Type-Options"] == "nosniff"


def test_captions_can_be_removed(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event, captions=VTT)

    client_as(world.user("coordinator")).post(
        _en("events:recording_edit", slug=event.slug, pk=recording.pk),
        {
            "title": recording.title,
            "session": "",
            "video_url": recording.video_url,
            "licence": recording.licence,
            "remove_captions": "on",
        },
    )

    recording.refresh_from_db()
    assert recording.captions == ""


def test_removing_a_recording(world, client_as):
    event = past_event(networks=[world.network])
    recording = RecordingFactory(event=event)

    response = client_as(world.user("coordinator")).post(
        _en("events:recording_delete", slug=event.slug, pk=recording.pk)
    )

    assert response.status_code == 302
    assert not Recording.objects.exists()
    assert AuditEvent.objects.filter(action="event.recording_removed").exists()


# --- Two clicks: nothing from the video host before the visitor agrees ---------------------------


def test_recordings_page_shows_a_placeholder_not_the_player(world, client_as):
    event = past_event(networks=[world.network])
    RecordingFactory(
        event=event,
        state=RecordingState.PUBLISHED,
        title="Grußwort",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )

    content = client_as(None).get(_en("events:recordings", slug=event.slug)).content.decode()

    assert "<iframe" not in content
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in content
    assert "Video from www.youtube-nocookie.com" in content
    assert re.search(r"<button[^>]*data-video-play[^>]*hidden", content)
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in content
    # Nothing else points at the host: no thumbnails, scripts or styles from it.
    assert not re.search(
        r'(?<![-\w])(src|srcset|poster|href)="https://[^"]*youtube-nocookie', content
    )
    assert "core/video.js" in content


def test_video_on_another_host_is_a_plain_link(world, client_as):
    event = past_event(networks=[world.network])
    RecordingFactory(
        event=event, state=RecordingState.PUBLISHED, video_url="https://media.example.net/k.mp4"
    )

    content = client_as(None).get(_en("events:recordings", slug=event.slug)).content.decode()

    assert "data-video-embed" not in content
    assert 'href="https://media.example.net/k.mp4"' in content
    assert "Watch the video on media.example.net" in content


@pytest.mark.parametrize("count", [1, 7])
def test_recordings_pages_query_count_is_constant(
    world, client_as, django_assert_num_queries, count
):
    event = past_event(networks=[world.network])
    for number in range(count):
        RecordingFactory(
            event=event,
            state=RecordingState.PUBLISHED,
            session=SessionFactory(event=event, title=f"S{number}"),
            captions=VTT,
        )
        RecordingFactory(event=event)  # a draft
    visitor = client_as(None)
    url = reverse("events:recordings", kwargs={"slug": event.slug})
    visitor.get(url)
    with django_assert_num_queries(RECORDINGS_QUERIES["visitor"]):
        listing = visitor.get(url)
    organiser = client_as(world.user("coordinator"))
    manage_url = reverse("events:recordings_manage", kwargs={"slug": event.slug})
    organiser.get(manage_url)
    with django_assert_num_queries(RECORDINGS_QUERIES["organiser"]):
        managed = organiser.get(manage_url)

    assert listing.content.decode().count("data-video-embed") == count
    assert managed.content.decode().count("data-recording=") == 2 * count
