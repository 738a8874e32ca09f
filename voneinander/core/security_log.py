"""Security events on the logger "voneinander.security", one record per event.

Every record has `event` (e.g. "login_failed"), `user_id`
(None when nobody is signed in), `request_id`, `ip` (the client address as the
login rate limits see it) and the time of the record. Further fields depend on
the event; they never hold passwords, tokens, file contents or other values a
person typed in:

- a failed login names the attempted e-mail address only as `email_hash`, a
  keyed hash (HMAC-SHA-256 with SECRET_KEY, 16 hex digits): attempts on one
  account can be counted without keeping the address, which may be personal
  data (or a password typed into the wrong field);
- a rejected upload names the reason code, the size, the type its first bytes
  reveal and the extension of the file name, not the name itself.

The events (see docs/deployment.md, "Logs"): login, login_failed, logout,
mfa_failed, access_denied, access_hidden, access_no_rule, upload_rejected (a
content check refused it; core/uploads.py logs the virus scanner's refusals
and held uploads under the same logger), api_token_refused,
metrics_token_refused.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from voneinander.core.observability import (
    _context,
    _user_of,
    current_request_id,
    user_id_of,
)

logger = logging.getLogger("voneinander.security")


def email_hash(email: str | None) -> str:
    """A keyed fingerprint of an e-mail address (case-insensitive), or ''."""
    if not email:
        return ""
    digest = salted_hmac(
        "voneinander.security.email", email.strip().lower(), algorithm="sha256"
    ).hexdigest()
    return digest[:16]


def client_ip(request) -> str:
    if request is None:
        return ""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # a header that does not match the proxy settings
        return request.META.get("REMOTE_ADDR") or ""


def security_event(
    event: str, *, request=None, user=None, level: int = logging.INFO, **fields: Any
) -> None:
    """Write one security record. `user` defaults to the request's (if loaded)."""
    if request is None:
        context = _context.get()
        request = context.request if context else None
    if user is None:
        user = _user_of(request)
    request_id = getattr(request, "request_id", "") or current_request_id()
    extra = {
        "event": event,
        "user_id": user_id_of(user),
        "request_id": request_id,
        "ip": client_ip(request),
        **fields,
    }
    details = " ".join(f"{key}={value}" for key, value in fields.items())
    logger.log(level, "%s user=%s %s", event, extra["user_id"], details, extra=extra)


# --- Rejected uploads -----------------------------------------------------------------

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "ole2"),
    (b"MZ", "windows-executable"),
    (b"\x7fELF", "elf-executable"),
    (b"#!", "script"),
    (b"WEBVTT", "webvtt"),
    (b"\x1a\x45\xdf\xa3", "webm"),
    (b"X5O!P%@AP", "eicar-test"),
)


def _detected_type(upload) -> str:
    """What the first bytes say, from a fixed list; never the bytes themselves."""
    try:
        position = upload.tell()
        upload.seek(0)
        head = upload.read(64) or b""
        upload.seek(position)
    except Exception:  # closed or unreadable: nothing to tell
        return "unknown"
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, name in _SIGNATURES:
        if stripped.startswith(signature):
            return name
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if stripped.startswith(b"<"):
        return "markup"
    if not head:
        return "empty"
    return "unknown"


def _extension(upload) -> str:
    name = getattr(upload, "name", "") or ""
    _stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum():
        return ""
    return extension.lower()[:10]


def log_rejected_upload(upload, *, reason: str, check: str = "") -> None:
    """One record for a refused upload: reason code, size, detected type, extension."""
    security_event(
        "upload_rejected",
        level=logging.WARNING,
        reason=reason or "invalid",
        check=check,
        size=getattr(upload, "size", None),
        detected_type=_detected_type(upload),
        extension=_extension(upload),
        # Sent by the client: only the characters a media type may have, so
        # that it cannot forge lines in the plain log format.
        claimed_type=_CLAIMED_TYPE_UNSAFE.sub("", getattr(upload, "content_type", "") or "")[:100],
    )


_CLAIMED_TYPE_UNSAFE = re.compile(r"[^\w.+/;=-]")


def _codes(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        items = [item for items in error.error_dict.values() for item in items]
    else:
        items = error.error_list
    return sorted({item.code for item in items if item.code})


def logs_rejected_uploads(check: Callable) -> Callable:
    """Decorate an upload check `check(upload, ...)` that raises ValidationError.

    The refusal is logged once, even when one check calls another (the inner
    one logs, the outer one sees the mark and stays quiet).
    """
    name = f"{check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"

    @functools.wraps(check)
    def wrapped(upload, *args, **kwargs):
        try:
            return check(upload, *args, **kwargs)
        except ValidationError as error:
            if not getattr(error, "_security_logged", False):
                log_rejected_upload(upload, reason=",".join(_codes(error)), check=name)
                error._security_logged = True
            raise

    return wrapped
