"""BigBlueButton: our client against a small fake of the BBB API.

The fake is a real HTTP server on 127.0.0.1 in a thread. It checks every
call's checksum the way BigBlueButton does (sha1 of call name + query string +
shared secret) and answers in BBB's XML; nothing of our own code is mocked.
"""

import hashlib
import secrets
import threading
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest
import time_machine
from django.urls import reverse

from tests.events.factories import EventFactory, RegistrationFactory, berlin
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events import bbb
from voneinander.events.models import RegistrationStatus

SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"


@dataclass
class FakeBBB:
    secret: str
    meetings: dict = field(default_factory=dict)
    joins: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    url: str = ""

    def answer(self, call: str, raw_query: str) -> tuple[int, str]:
        query, _sep, checksum = raw_query.rpartition("checksum=")
        query = query.removesuffix("&")
        expected = hashlib.sha1((call + query + self.secret).encode()).hexdigest()  # noqa: S324
        if checksum != expected:
            self.refused.append(call)
            return 200, _xml("FAILED", messageKey="checksumError", message="Checksums do not match")
        params = {key: values[0] for key, values in parse_qs(query).items()}
        if call == "create":
            meeting_id = params["meetingID"]
            duplicate = meeting_id in self.meetings
            self.meetings.setdefault(meeting_id, {"name": params["name"], "running": False})
            extra = {"messageKey": "duplicateWarning"} if duplicate else {}
            return 200, _xml("SUCCESS", meetingID=meeting_id, **extra)
        if call == "isMeetingRunning":
            running = self.meetings.get(params["meetingID"], {}).get("running", False)
            return 200, _xml("SUCCESS", running="true" if running else "false")
        if call == "join":
            meeting = self.meetings.get(params["meetingID"])
            if meeting is None:
                return 200, _xml("FAILED", messageKey="invalidMeetingIdentifier")
            meeting["running"] = True
            self.joins.append((params["meetingID"], params["fullName"], params["role"]))
            return 200, _xml("SUCCESS", auth_token=secrets.token_hex(4))
        return 404, _xml("FAILED", messageKey="unsupportedRequest")


def _xml(returncode: str, **fields) -> str:
    inner = "".join(f"<{key}>{escape(str(value))}</{key}>" for key, value in fields.items())
    return f"<response><returncode>{returncode}</returncode>{inner}</response>"


@pytest.fixture
def fake_bbb(settings):
    fake = FakeBBB(SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            prefix = "/bigbluebutton/api/"
            if not parts.path.startswith(prefix):
                self.send_error(404)
                return
            status, body = fake.answer(parts.path.removeprefix(prefix), parts.query)
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/bigbluebutton/"
    settings.BBB_URL = fake.url
    settings.BBB_SECRET = SECRET
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our fake)
        return response.read().decode()


# --- The client --------------------------------------------------------------------------


def test_checksum_is_sha1_of_call_query_and_secret_as_in_the_api_documentation():
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    assert bbb.checksum("create", query, SECRET) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"


def test_client_creates_a_meeting_and_asks_whether_it_runs(fake_bbb):
    client = bbb.BBBClient.from_settings()
    assert client.create_meeting("raum-1", "Netzwerktreffen & Austausch") == "raum-1"
    assert fake_bbb.meetings == {
        "raum-1": {"name": "Netzwerktreffen & Austausch", "running": False}
    }
    assert client.is_meeting_running("raum-1") is False
    assert client.create_meeting("raum-1", "Netzwerktreffen & Austausch") == "raum-1"  # idempotent
    assert fake_bbb.refused == []


def test_join_url_is_signed_and_names_person_and_role(fake_bbb):
    client = bbb.BBBClient.from_settings()
    client.create_meeting("raum-2", "Kongress")
    url = client.join_url("raum-2", "Jana Müller", role=bbb.MODERATOR, user_id="7")
    assert url.startswith(fake_bbb.url + "api/join?")
    assert "<returncode>SUCCESS</returncode>" in _fetch(url)
    assert fake_bbb.joins == [("raum-2", "Jana Müller", "MODERATOR")]
    assert client.is_meeting_running("raum-2") is True
    with pytest.raises(ValueError, match="Unknown role"):
        client.join_url("raum-2", "Jana", role="ADMIN")


def test_a_wrong_secret_is_refused_by_the_server(fake_bbb):
    client = bbb.BBBClient(fake_bbb.url, "falsches-geheimnis")
    with pytest.raises(bbb.BBBError, match="checksumError"):
        client.create_meeting("raum-3", "Treffen")
    assert fake_bbb.refused == ["create"]
    assert fake_bbb.meetings == {}


def test_an_unreachable_server_raises_a_bbb_error():
    client = bbb.BBBClient("http://127.0.0.1:9/bigbluebutton/", SECRET)
    with pytest.raises(bbb.BBBError):
        client.is_meeting_running("raum")


def test_client_needs_both_settings(settings):
    settings.BBB_URL, settings.BBB_SECRET = "https://bbb.example.org/bigbluebutton/", ""
    with pytest.raises(bbb.BBBNotConfiguredError):
        bbb.BBBClient.from_settings()
    settings.BBB_URL, settings.BBB_SECRET = "file:///etc/passwd", SECRET
    with pytest.raises(bbb.BBBNotConfiguredError):
        bbb.BBBClient.from_settings()


# --- Rooms for events ----------------------------------------------------------------------


@pytest.fixture
def online_event(world):
    return EventFactory(
        networks=[world.network],
        title="Videokonferenz IKONE",
        starts_at=berlin(2030, 5, 7, 10),
        ends_at=berlin(2030, 5, 7, 12),
        meeting_url="",
        meeting_link_opens_minutes=15,
    )


def _create_room(client, event):
    return client.post(reverse("events:bbb_room", kwargs={"slug": event.slug}))


def test_organiser_creates_a_room_for_the_event(world, client_as, fake_bbb, online_event):
    response = _create_room(client_as(world.user("coordinator")), online_event)
    assert response.status_code == 302
    online_event.refresh_from_db()
    assert online_event.bbb_meeting_id.startswith(f"voneinander-{online_event.pk}-")
    assert fake_bbb.meetings[online_event.bbb_meeting_id]["name"] == "Videokonferenz IKONE"
    (audit,) = AuditEvent.objects.filter(action="event.bbb_room_created")
    assert audit.data == {"meeting_id": online_event.bbb_meeting_id}


def _join(client_as, user, event, when):
    with time_machine.travel(when, tick=False):
        return client_as(user).get(reverse("events:join", kwargs={"slug": event.slug}))


def test_confirmed_participant_joins_the_room_as_viewer_in_the_window(
    world, client_as, fake_bbb, online_event
):
    _create_room(client_as(world.user("coordinator")), online_event)
    online_event.refresh_from_db()
    participant = UserFactory(first_name="Jana", last_name="Müller")
    RegistrationFactory(event=online_event, user=participant)

    response = _join(client_as, participant, online_event, berlin(2030, 5, 7, 9, 50))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(fake_bbb.url + "api/join?")
    params = parse_qs(urlsplit(location).query)
    assert params["role"] == ["VIEWER"]
    assert params["fullName"] == ["Jana Müller"]
    assert params["meetingID"] == [online_event.bbb_meeting_id]
    assert "<returncode>SUCCESS</returncode>" in _fetch(location)  # the server accepts it
    assert fake_bbb.joins == [(online_event.bbb_meeting_id, "Jana Müller", "VIEWER")]


def test_organiser_joins_as_moderator_at_any_time(world, client_as, fake_bbb, online_event):
    _create_room(client_as(world.user("coordinator")), online_event)
    response = _join(client_as, world.user("coordinator"), online_event, berlin(2030, 4, 1, 8))
    assert parse_qs(urlsplit(response["Location"]).query)["role"] == ["MODERATOR"]


@pytest.mark.parametrize(
    ("status", "when"),
    [
        (RegistrationStatus.CONFIRMED, berlin(2030, 5, 7, 9, 40)),  # too early
        (RegistrationStatus.CONFIRMED, berlin(2030, 5, 7, 12, 5)),  # over
        (RegistrationStatus.WAITLISTED, berlin(2030, 5, 7, 10, 30)),
        (None, berlin(2030, 5, 7, 10, 30)),
    ],
)
def test_join_is_refused_outside_the_window_or_without_confirmed_registration(
    world, client_as, fake_bbb, online_event, status, when
):
    _create_room(client_as(world.user("coordinator")), online_event)
    person = UserFactory()
    if status is not None:
        RegistrationFactory(event=online_event, user=person, status=status)
    response = _join(client_as, person, online_event, when)
    assert response["Location"] == online_event.get_absolute_url()
    assert fake_bbb.joins == []


def test_event_page_links_to_the_join_view_and_never_to_the_server(
    world, client_as, fake_bbb, online_event
):
    _create_room(client_as(world.user("coordinator")), online_event)
    participant = UserFactory()
    RegistrationFactory(event=online_event, user=participant)
    with time_machine.travel(berlin(2030, 5, 7, 10), tick=False):
        html = client_as(participant).get(online_event.get_absolute_url()).content.decode()
    assert reverse("events:join", kwargs={"slug": online_event.slug}) in html
    assert "127.0.0.1" not in html and "checksum" not in html


def test_an_unreachable_server_gives_a_message_not_an_error(
    world, client_as, settings, online_event
):
    settings.BBB_URL, settings.BBB_SECRET = "http://127.0.0.1:9/bigbluebutton/", SECRET
    client = client_as(world.user("coordinator"))
    response = client.get(
        "/en" + reverse("events:manage", kwargs={"slug": online_event.slug}),
    )
    assert "Create a BigBlueButton room" in response.content.decode()
    response = _create_room(client, online_event)
    assert response.status_code == 302
    online_event.refresh_from_db()
    assert online_event.bbb_meeting_id == ""
    page = client.get(response["Location"]).content.decode()
    assert "kern-alert--danger" in page


def test_without_a_server_configured_there_is_no_room_button(world, client_as, online_event):
    client = client_as(world.user("coordinator"))
    page = client.get("/en" + reverse("events:manage", kwargs={"slug": online_event.slug}))
    assert "Create a BigBlueButton room" not in page.content.decode()
    _create_room(client, online_event)
    online_event.refresh_from_db()
    assert online_event.bbb_meeting_id == ""
