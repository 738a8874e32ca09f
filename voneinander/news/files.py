"""Serving the pictures and attachments of a news item through a checked view.

Files are checked by content when uploaded (`services.add_image`,
`services.add_attachment`, using knowledge/files.py) and stored under random
names outside any public URL; the views check `news.view_news` first, so a
draft's files stay with its editors.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename, slugify

from voneinander.knowledge.files import EXTENSIONS


def download_name(original_name: str, title: str, content_type: str) -> str:
    """The uploaded name with the extension that the content check found."""
    extension = EXTENSIONS.get(content_type, "")
    stem = original_name.rsplit(".", 1)[0] if original_name else ""
    try:
        stem = get_valid_filename(stem or title)[:80]
    except Exception:  # Django refuses names like ".."; fall back to the title
        stem = slugify(title)[:80] or "datei"
    return f"{stem}.{extension}" if extension else stem


def file_response(stored, *, content_type: str, filename: str, inline: bool) -> HttpResponse:
    """The stored file, read whole (at most 20 MB) so no handle outlives the request."""
    if not stored or not stored.name:
        raise Http404
    try:
        with stored.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response
