"""A client for clamd (Debian `clamav-daemon`), speaking its protocol directly.

`INSTREAM` sends the file in chunks, each prefixed with its length as a 4-byte
big-endian number, ended by a zero-length chunk; clamd answers
"stream: OK", "stream: <signature> FOUND" or "... ERROR". The `z` prefix
frames commands and answers with NUL. No PyPI client: the `clamd` package is
unmaintained since 2020 and the protocol fits in this module.

Anything but a clear answer (no socket, timeout, an error such as
"INSTREAM size limit exceeded") raises ScannerUnavailable: the caller must then
hold the file, never pass it.

clamd 1.x cuts a stream longer than its `StreamMaxLength` short, scans only
the first part and may answer OK. A file larger than `CLAMD_STREAM_MAX_BYTES`
(set it to clamd's `StreamMaxLength`) is therefore never sent: it counts as
unscannable and is held.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

CHUNK_SIZE = 64 * 1024


class ScannerUnavailable(Exception):  # noqa: N818 -- reads as the state it reports
    """clamd could not be reached or gave no verdict."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""


def _connect() -> socket.socket:
    timeout = settings.CLAMD_TIMEOUT
    try:
        if not settings.CLAMD_SOCKET:
            return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout)
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.settimeout(timeout)
            connection.connect(settings.CLAMD_SOCKET)
        except OSError:
            connection.close()
            raise
        return connection
    except OSError as error:
        raise ScannerUnavailable(f"clamd not reachable: {error}") from error


def _receive(connection: socket.socket) -> str:
    answer = b""
    while not answer.endswith(b"\0"):
        part = connection.recv(4096)
        if not part:
            break
        answer += part
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def ping() -> bool:
    try:
        with _connect() as connection:
            connection.sendall(b"zPING\0")
            return _receive(connection) == "PONG"
    except (OSError, ScannerUnavailable):
        return False


def _size(stream) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def scan_stream(stream) -> Verdict:
    """Scan a binary file object from its start; the position is restored to 0."""
    limit = settings.CLAMD_STREAM_MAX_BYTES
    if limit and _size(stream) > limit:
        raise ScannerUnavailable(f"larger than clamd's stream limit ({limit} bytes)")
    stream.seek(0)
    try:
        with _connect() as connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK_SIZE):
                connection.sendall(struct.pack(">I", len(chunk)) + chunk)
            connection.sendall(struct.pack(">I", 0))
            answer = _receive(connection)
    except OSError as error:  # timeouts included; clamd also closes on size limits
        raise ScannerUnavailable(f"clamd failed: {error}") from error
    finally:
        stream.seek(0)
    if answer.endswith(" OK"):
        return Verdict(clean=True)
    if answer.endswith(" FOUND"):
        signature = answer.removeprefix("stream:").removesuffix(" FOUND").strip()
        return Verdict(clean=False, signature=signature)
    raise ScannerUnavailable(f"clamd gave no verdict: {answer[:200]!r}")
