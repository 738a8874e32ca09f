"""Serving a stored file with HTTP range requests (RFC 9110, section 14).

A <video> element asks for parts of the file (`Range: bytes=…`) to start
quickly and to seek; Django's FileResponse always sends the whole file. One
range is answered with 206 and Content-Range; a range that starts beyond the
end with 416. Several ranges, malformed headers and an `If-Range` that no
longer matches are answered with the whole file (200), as the RFC allows.
The file is read in blocks while the response is sent and closed afterwards,
also when the client goes away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

BLOCK_SIZE = 64 * 1024
# At most 18 digits: positions beyond 10**18 bytes are malformed, not a reason to fail.
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*$", re.IGNORECASE)


class UnsatisfiableRangeError(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte positions asked for, inclusive; None: send the whole file.

    Raises UnsatisfiableRangeError for a range that lies entirely beyond the end.
    """
    match = _RANGE.match(header or "")
    if match is None:  # missing, malformed or several ranges
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # a suffix: the last N bytes
        length = int(last)
        if length == 0:
            raise UnsatisfiableRangeError
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # syntactically invalid: ignored (RFC 9110, 14.1.1)
    if start >= size:
        raise UnsatisfiableRangeError
    return start, (min(int(last), size - 1) if last else size - 1)


def _blocks(field_file, start: int, length: int) -> Iterator[bytes]:
    # Opened on the first block: a response that is never sent leaves no file open.
    handle = field_file.storage.open(field_file.name, "rb")
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            block = handle.read(min(BLOCK_SIZE, remaining))
            if not block:
                break
            remaining -= len(block)
            yield block
    finally:
        handle.close()


def ranged_file_response(
    request: HttpRequest,
    field_file,
    *,
    content_type: str,
    filename: str,
    etag: str,
) -> HttpResponse:
    """The stored file (a FieldFile), whole or the range asked for, inline.

    `etag`: a quoted strong validator that changes when the file does.
    """
    size = field_file.storage.size(field_file.name)  # FileNotFoundError if it is gone
    header = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != etag:
        header = ""
    try:
        wanted = parse_range(header, size)
    except UnsatisfiableRangeError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted if wanted else (0, size - 1)
    length = max(end - start + 1, 0)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _blocks(field_file, start, length), content_type=content_type
        )
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response
