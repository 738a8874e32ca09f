"""Videos: embedding players of other hosts with two clicks, and checking uploaded videos.

Embedding (settings.VIDEO_EMBED_HOSTS): a video address may be a watch page
(YouTube, Vimeo, PeerTube) or an embed address. `embed_for(url)` gives the
player address on an allowed host, or None: then the video is shown as a plain
link. YouTube videos are embedded from youtube-nocookie.com and Vimeo with
`dnt=1`, and only after the visitor clicked (two-click consent,
`{% video_embed %}` in core/templatetags/media.py and static/core/video.js);
before that nothing is loaded from the host. A visitor may let the browser
remember the consent per player origin, in localStorage only (never a cookie).
The CSP's frame-src lists the same hosts.

Uploads (`check_video`): the bytes decide what a file is. Accepted are MP4 (an
ISO base media file whose first box is `ftyp` with a known brand) and WebM (an
EBML header whose DocType is "webm"); both play in every current browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from voneinander.core.security_log import logs_rejected_uploads

YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
VIMEO_EMBED = "https://player.vimeo.com"
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_PEERTUBE_ID = re.compile(r"^[A-Za-z0-9-]{6,64}$")


@dataclass(frozen=True)
class Embed:
    src: str  # the player address for the iframe
    host: str  # the host name shown in the privacy note, e.g. "www.youtube-nocookie.com"
    origin: str  # the key under which the browser remembers the visitor's consent


def allowed_hosts() -> list[str]:
    return [origin.rstrip("/").lower() for origin in getattr(settings, "VIDEO_EMBED_HOSTS", [])]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _youtube_id(parts) -> str:
    host = parts.netloc.lower()
    path = parts.path
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS or host == "www.youtube-nocookie.com":
        if path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif path.startswith(("/embed/", "/live/", "/shorts/")):
            candidate = path.split("/")[2]
        else:
            return ""
    else:
        return ""
    return candidate if _YOUTUBE_ID.match(candidate) else ""


def _vimeo_id(parts) -> str:
    host = parts.netloc.lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in {"vimeo.com", "www.vimeo.com"} and segments and segments[0].isdigit():
        return segments[0]
    if host == "player.vimeo.com" and len(segments) >= 2 and segments[0] == "video":
        return segments[1] if segments[1].isdigit() else ""
    return ""


def _peertube_src(parts) -> str:
    """PeerTube: /w/<id>, /videos/watch/<id> and /videos/embed/<id> → the embed address."""
    segments = [s for s in parts.path.split("/") if s]
    video_id = ""
    if len(segments) == 2 and segments[0] == "w":
        video_id = segments[1]
    elif len(segments) == 3 and segments[0] == "videos" and segments[1] in {"watch", "embed"}:
        video_id = segments[2]
    if not _PEERTUBE_ID.match(video_id):
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}/videos/embed/{video_id}"


def embed_for(url: str, hosts: list[str] | None = None) -> Embed | None:
    hosts = allowed_hosts() if hosts is None else hosts
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return None
    youtube = _youtube_id(parts)
    if youtube:
        if YOUTUBE_EMBED not in hosts:
            return None
        return Embed(
            f"{YOUTUBE_EMBED}/embed/{youtube}", urlsplit(YOUTUBE_EMBED).netloc, YOUTUBE_EMBED
        )
    vimeo = _vimeo_id(parts)
    if vimeo:
        if VIMEO_EMBED not in hosts:
            return None
        query = urlencode({"dnt": 1})
        return Embed(
            f"{VIMEO_EMBED}/video/{vimeo}?{query}", urlsplit(VIMEO_EMBED).netloc, VIMEO_EMBED
        )
    origin = origin_of(url)
    if origin in hosts and origin not in {YOUTUBE_EMBED, VIMEO_EMBED}:
        src = _peertube_src(parts)
        if src:
            return Embed(src, parts.netloc.lower(), origin)
    return None


# --- Uploaded videos -------------------------------------------------------------------------

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class CheckedVideo:
    kind: str
    extension: str
    content_type: str


VIDEO_KINDS = {
    "mp4": CheckedVideo("mp4", "mp4", "video/mp4"),
    "webm": CheckedVideo("webm", "webm", "video/webm"),
}

# Brands of MP4 files that browsers play (ISO/IEC 14496-12 and -14, DASH, Apple's M4V).
# QuickTime ("qt  ") and 3GPP are refused: browsers do not reliably play them.
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"iso8",
    b"iso9",
    b"mp41",
    b"mp42",
    b"mp71",
    b"avc1",
    b"av01",
    b"dash",
    b"msnv",
    b"M4V ",
    b"M4VH",
    b"M4VP",
    b"f4v ",
    b"mmp4",
}

VIDEO_MESSAGES = {
    "empty": _("The video file is empty."),
    "not_a_video": _(
        "This file is not a video in a format that browsers play. Please upload an MP4 "
        "(H.264) or WebM video."
    ),
}


def max_video_bytes() -> int:
    return getattr(settings, "NEWS_VIDEO_MAX_BYTES", DEFAULT_MAX_BYTES)


def _mp4(head: bytes) -> bool:
    """The first box is `ftyp` with a known major or compatible brand."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[0:4], "big")
    if size < 16 or size > len(head) or size % 4:
        return False
    brands = [head[8:12]] + [head[i : i + 4] for i in range(16, size, 4)]
    return any(brand in MP4_BRANDS for brand in brands)


def _vint(data: bytes, at: int, *, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: (value, position after it)."""
    if at >= len(data) or data[at] == 0:
        raise ValueError("no variable-length integer here")
    first = data[at]
    length = 8 - first.bit_length() + 1
    if at + length > len(data):
        raise ValueError("truncated")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    return value, at + length


_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_EBML_DOCTYPE = 0x4282


def _webm(head: bytes) -> bool:
    """An EBML header whose DocType element says "webm"."""
    if not head.startswith(_EBML_MAGIC):
        return False
    try:
        header_size, position = _vint(head, len(_EBML_MAGIC), keep_marker=False)
        end = min(position + header_size, len(head))
        while position < end:
            element, position = _vint(head, position, keep_marker=True)
            size, position = _vint(head, position, keep_marker=False)
            if element == _EBML_DOCTYPE:
                return head[position : position + size].rstrip(b"\0") == b"webm"
            position += size
    except ValueError:
        return False
    return False


@logs_rejected_uploads
def check_video(upload, max_bytes: int | None = None) -> CheckedVideo:
    """What kind of video `upload` is (MP4 or WebM), or ValidationError for the form."""
    limit = max_video_bytes() if max_bytes is None else max_bytes
    size = upload.size or 0
    if not size:
        raise ValidationError(VIDEO_MESSAGES["empty"], code="empty")
    if size > limit:
        raise ValidationError(
            _("The video is larger than %(limit)s. Please reduce its size."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    upload.seek(0)
    try:
        head = upload.read(4096)
    finally:
        upload.seek(0)
    if _mp4(head):
        return VIDEO_KINDS["mp4"]
    if _webm(head):
        return VIDEO_KINDS["webm"]
    raise ValidationError(VIDEO_MESSAGES["not_a_video"], code="not_a_video")
