"""The one gate for uploaded files: the content check of the app, then a virus scan.

Every service or form that keeps an uploaded file calls `accept_upload` with its
content check (`events.uploads.check_material`, `admissions.letters.check_letter`,
`core.video.check_video` …); tests/scanning/test_seam.py fails when a module
calls such a check directly. The content check runs first so that its precise
messages ("this is a program", "old Office file") stay as they are; only a file
that would be stored goes to clamd.

A flagged file is refused (form error, audit entry, security log). When clamd
cannot be reached or gives no verdict, the upload is held: refused with a
"try again later" message, never passed. Nothing is stored in either case, so
there is no quarantine to clean up; the person keeps the file and the other
fields of the form.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voneinander.audit.services import record_event
from voneinander.core import scanning
from voneinander.core.security_log import security_event

T = TypeVar("T")

MESSAGES = {
    "infected": _("The file was recognised as harmful and has not been saved."),
    "scanner_unavailable": _("The file cannot be checked at the moment; please try again later."),
}

# Set on an upload object once clamd found it clean, so that a form and the
# service behind it do not scan the same file twice.
_SCANNED = "_voneinander_scanned"


def accept_upload(upload, check: Callable[[Any], T], *, by, purpose: str) -> T:
    """`check(upload)`'s result if the file passes it and the virus scan; else ValidationError.

    `purpose` names the upload in logs and the audit trail (e.g. "events.material").
    """
    result = check(upload)
    scan_upload(upload, by=by, purpose=purpose)
    return result


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(scanning.CHUNK_SIZE), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def scan_upload(upload, *, by, purpose: str) -> None:
    if not settings.SCAN_UPLOADS or getattr(upload, _SCANNED, False):
        return
    try:
        verdict = scanning.scan_stream(upload)
    except scanning.ScannerUnavailable as error:
        security_event(
            "upload_held",
            user=by,
            level=logging.ERROR,
            purpose=purpose,
            size=getattr(upload, "size", None),
            problem=str(error)[:200],
        )
        raise ValidationError(MESSAGES["scanner_unavailable"], code="scanner_unavailable") from None
    if verdict.clean:
        setattr(upload, _SCANNED, True)
        return
    _record_rejection(upload, by=by, purpose=purpose, signature=verdict.signature)
    raise ValidationError(MESSAGES["infected"], code="infected")


def _record_rejection(upload, *, by, purpose: str, signature: str) -> None:
    details = {
        "purpose": purpose,
        "signature": signature[:200],
        "size": upload.size,
        "sha256": _sha256(upload),
    }
    record_event(actor=by, action="upload.rejected", data=details)
    security_event(
        "upload_rejected",
        user=by,
        level=logging.WARNING,
        reason="infected",
        check="clamd",
        **details,
    )
