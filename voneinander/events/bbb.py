"""A small client for the BigBlueButton API.

The API is plain HTTP GET with the parameters in the query string and a
checksum: ``sha1(call_name + query_string + shared_secret)`` as hex, appended
as ``&checksum=…``. Answers are XML with a ``returncode`` of SUCCESS or FAILED.
Settings: ``BBB_URL`` (e.g. ``https://bbb.example.org/bigbluebutton/``) and
``BBB_SECRET`` (``bbb-conf --secret``). Joining uses the ``role`` parameter
(MODERATOR or VIEWER, BigBlueButton 2.4 and later), so no meeting passwords
need to be kept.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET  # types only; parsing goes through defusedxml
from dataclasses import dataclass
from urllib.parse import urlencode

from defusedxml.ElementTree import fromstring
from django.conf import settings

MODERATOR = "MODERATOR"
VIEWER = "VIEWER"
TIMEOUT_SECONDS = 10


class BBBError(Exception):
    """The server could not be reached or refused the call."""


class BBBNotConfiguredError(BBBError):
    pass


def checksum(call: str, query: str, secret: str) -> str:
    return hashlib.sha1((call + query + secret).encode()).hexdigest()  # noqa: S324 (the API's choice)


@dataclass(frozen=True)
class BBBClient:
    url: str
    secret: str

    @classmethod
    def from_settings(cls) -> BBBClient:
        url = getattr(settings, "BBB_URL", "")
        secret = getattr(settings, "BBB_SECRET", "")
        if not url or not secret:
            raise BBBNotConfiguredError("BBB_URL and BBB_SECRET are not set.")
        if not url.startswith(("https://", "http://")):
            raise BBBNotConfiguredError("BBB_URL must be an http(s) address.")
        return cls(url, secret)

    @property
    def api_base(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/api") else base + "/api"

    def signed_url(self, call: str, params: dict) -> str:
        query = urlencode(params)
        signature = checksum(call, query, self.secret)
        joined = f"{query}&checksum={signature}" if query else f"checksum={signature}"
        return f"{self.api_base}/{call}?{joined}"

    def _call(self, call: str, params: dict) -> ET.Element:
        # from_settings() admits http(s) addresses only.
        request = urllib.request.Request(self.signed_url(call, params), method="GET")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                body = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise BBBError(f"{call}: {error}") from error
        try:
            root = fromstring(body)
        except ET.ParseError as error:
            raise BBBError(f"{call}: the answer is not XML") from error
        if root.findtext("returncode") != "SUCCESS":
            key = root.findtext("messageKey") or "unknown"
            raise BBBError(f"{call}: {key}: {root.findtext('message') or ''}".strip())
        return root

    def create_meeting(
        self, meeting_id: str, name: str, *, welcome: str = "", logout_url: str = ""
    ) -> str:
        """Create the meeting (BigBlueButton answers SUCCESS again for one that exists)."""
        params = {"meetingID": meeting_id, "name": name}
        if welcome:
            params["welcome"] = welcome
        if logout_url:
            params["logoutURL"] = logout_url
        root = self._call("create", params)
        return root.findtext("meetingID") or meeting_id

    def is_meeting_running(self, meeting_id: str) -> bool:
        root = self._call("isMeetingRunning", {"meetingID": meeting_id})
        return root.findtext("running") == "true"

    def join_url(
        self, meeting_id: str, full_name: str, *, role: str = VIEWER, user_id: str = ""
    ) -> str:
        """The signed URL that lets the person's browser into the meeting (no call made here)."""
        if role not in {MODERATOR, VIEWER}:
            raise ValueError(f"Unknown role {role!r}")
        params = {"fullName": full_name, "meetingID": meeting_id, "role": role}
        if user_id:
            params["userID"] = user_id
        params["redirect"] = "true"
        return self.signed_url("join", params)
