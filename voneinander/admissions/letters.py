"""Checking an uploaded letter: it must really be a harmless, readable PDF.

The browser's content type and the file name say nothing; the content decides.
A file is refused when it is empty, larger than 10 MB, not a PDF (an image or a
text renamed to .pdf), damaged, encrypted, without pages, or when it carries
active content (JavaScript, launch actions) that a PDF viewer might run.
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.core.security_log import logs_rejected_uploads

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_LETTER_SIZE = 10 * 1024 * 1024
# PDF readers accept the header anywhere in the first kilobyte.
_HEADER_WINDOW = 1024
# Walking a normal letter touches a few hundred objects; stop at absurd ones.
_MAX_OBJECTS = 200_000

_ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
_ACTIVE_KEYS = {"/JS", "/JavaScript"}

_SIGNATURES = [
    (b"\x89PNG", _("It looks like a PNG image.")),
    (b"\xff\xd8\xff", _("It looks like a JPEG image.")),
    (b"GIF8", _("It looks like a GIF image.")),
    (b"PK\x03\x04", _("It looks like a Word or other Office document.")),
    (b"II*\x00", _("It looks like a TIFF image.")),
    (b"MM\x00*", _("It looks like a TIFF image.")),
]

MESSAGES = {
    "empty": _("The file is empty. Please choose the signed letter as a PDF document."),
    "too_large": _(
        "The file is larger than 10 MB. Please reduce its size (for example by scanning "
        "in black and white) and choose it again."
    ),
    "not_pdf": _(
        "This file is not a PDF document, even if its name ends in .pdf. "
        "Please save or scan the letter as PDF."
    ),
    "unreadable": _(
        "The PDF document could not be read; it may be damaged. Please save it as PDF again."
    ),
    "encrypted": _(
        "The PDF document is encrypted or protected by a password. "
        "Please choose a version without password protection."
    ),
    "no_pages": _("The PDF document has no pages."),
    "active_content": _(
        "The PDF document contains active content (JavaScript or actions that start "
        "programs). For security reasons we cannot accept it. Please print the letter "
        "to a new PDF or scan it."
    ),
    "too_complex": _("The PDF document is too complex to be checked. Please scan the letter."),
}


def _refuse(code: str, detail: str = "") -> ValidationError:
    message = MESSAGES[code]
    if detail:
        return ValidationError(
            "%(message)s %(detail)s", code=code, params={"message": message, "detail": detail}
        )
    return ValidationError(message, code=code)


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(_HEADER_WINDOW)
    upload.seek(0)
    return head


def _looks_like(head: bytes) -> str:
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return str(description)
    return ""


def has_active_content(reader: PdfReader) -> bool:
    """Whether any object reachable from the document catalogue can run code.

    Catches JavaScript actions (document open, page and form-field actions,
    the document-level JavaScript name tree) and launch actions, wherever
    they hang: names are compared after pypdf decoded them, so an escaped
    `/Java#53cript` is found too.
    """
    # imported on use: pypdf is ~26 MB per worker otherwise
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > _MAX_OBJECTS:
            raise _refuse("too_complex")
        if isinstance(node, DictionaryObject):
            action = node.get("/S")
            if isinstance(action, IndirectObject):
                action = action.get_object()
            if action in _ACTIVE_ACTIONS or _ACTIVE_KEYS & set(node.keys()):
                return True
            # A stream's data is never followed; only its dictionary is.
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


@logs_rejected_uploads
def check_letter(upload) -> None:
    """Raise ValidationError (with a message for the applicant) unless `upload` is fine."""
    size = upload.size
    if not size:
        raise _refuse("empty")
    if size > MAX_LETTER_SIZE:
        raise _refuse("too_large")
    head = _read_head(upload)
    if b"%PDF-" not in head:
        raise _refuse("not_pdf", _looks_like(head))
    # imported on use: pypdf is ~26 MB per worker otherwise
    from pypdf import PdfReader

    try:
        # pypdf warns about small defects that PDF viewers tolerate; we judge
        # by what it can read, not by its warnings.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(upload.read()))
            if reader.is_encrypted:
                raise _refuse("encrypted")
            if len(reader.pages) == 0:
                raise _refuse("no_pages")
            active = has_active_content(reader)
    except ValidationError:
        raise
    except Exception:  # whatever a crafted or damaged file makes pypdf raise
        raise _refuse("unreadable") from None
    finally:
        upload.seek(0)
    if active:
        raise _refuse("active_content")
