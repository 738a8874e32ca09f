"""Embedding videos lives in voneinander/core/video.py (news uses it, too)."""

from voneinander.core.video import (  # noqa: F401
    VIMEO_EMBED,
    YOUTUBE_EMBED,
    Embed,
    allowed_hosts,
    embed_for,
    origin_of,
)
