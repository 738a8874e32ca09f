"""Embedding videos from the hosts the platform allows (settings.VIDEO_EMBED_HOSTS).

A recording's address may be a watch page (YouTube, Vimeo, PeerTube) or an
embed address. `embed_for(url)` gives the player address on an allowed host, or
None: then the recording is shown as a plain link. YouTube videos are embedded
from youtube-nocookie.com and Vimeo with `dnt=1`, and only after the visitor
clicked (two-click consent, static/events/video.js); before that nothing is
loaded from the host. The CSP's frame-src lists the same hosts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings

YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
VIMEO_EMBED = "https://player.vimeo.com"
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_PEERTUBE_ID = re.compile(r"^[A-Za-z0-9-]{6,64}$")


@dataclass(frozen=True)
class Embed:
    src: str  # the player address for the iframe
    host: str  # the host name shown in the privacy note, e.g. "www.youtube-nocookie.com"
    origin: str


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
