"""Images and attachments of a solution: checked by content, served by a checked view.

The bytes decide what a file is (`events/uploads.py` does the checking): images
are PNG, JPEG, GIF or WebP read by Pillow, at most 10 MB, and need an
alternative text; attachments are PDF or office documents without active
content. Files are stored under random names outside any public URL and
served through `views.solution_file`, which checks `knowledge.view_solution`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _

from voneinander.core.security_log import logs_rejected_uploads
from voneinander.events import uploads
from voneinander.events.uploads import CheckedFile
from voneinander.knowledge.models import SolutionFile, SolutionFileKind

MAX_IMAGE_SIZE = 10 * 1024 * 1024
IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}
EXTENSIONS = {checked.content_type: checked.extension for checked in uploads.KINDS.values()}

MESSAGES = {
    "image_too_large": _("The image is larger than 10 MB. Please reduce its size."),
    "not_an_image": _(
        "This file is not an image. Images may be PNG, JPEG, GIF or WebP; documents can be "
        "added as attachments."
    ),
    "image_as_attachment": _(
        "This file is an image. Please add it as an image, with an alternative text."
    ),
}


@logs_rejected_uploads
def check_upload(upload, kind: str) -> CheckedFile:
    """What `upload` is, if it may be added as `kind`; else ValidationError for the form."""
    if kind == SolutionFileKind.IMAGE and upload.size and upload.size > MAX_IMAGE_SIZE:
        raise ValidationError(MESSAGES["image_too_large"], code="image_too_large")
    checked = uploads.check_material(upload)
    is_image = checked.kind in IMAGE_KINDS
    if kind == SolutionFileKind.IMAGE and not is_image:
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image")
    if kind == SolutionFileKind.ATTACHMENT and is_image:
        raise ValidationError(MESSAGES["image_as_attachment"], code="image_as_attachment")
    return checked


def download_name(item: SolutionFile) -> str:
    """The uploaded name with the extension that the content check found."""
    extension = EXTENSIONS.get(item.content_type, "")
    stem = item.original_name.rsplit(".", 1)[0] if item.original_name else ""
    try:
        stem = get_valid_filename(stem or item.title)[:80]
    except Exception:  # Django refuses names like ".."; fall back to the title
        stem = slugify(item.title)[:80] or "datei"
    return f"{stem}.{extension}" if extension else stem


def file_response(item: SolutionFile) -> HttpResponse:
    """The stored file: images inline (for <img>), attachments as a download.

    Read whole (at most 20 MB) so that no file handle outlives the request.
    The view adds a sandboxing CSP; `nosniff` keeps browsers to the checked type.
    """
    if not item.file or not item.file.name:
        raise Http404
    try:
        with item.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=item.content_type)
    inline = item.kind == SolutionFileKind.IMAGE
    response["Content-Disposition"] = content_disposition_header(not inline, download_name(item))
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response
