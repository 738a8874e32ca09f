"""The clamd client against a real clamd (tests/scanning/clamd.py) and broken servers."""

import io
import socket
import threading

import pytest

from tests.scanning.clamd import EICAR, SIGNATURE
from tests.scanning.payloads import eicar_pdf
from voneinander.core import scanning

pytestmark = pytest.mark.trust("Upload scanning")


def test_scan_stream_finds_a_clean_file_clean():
    assert scanning.scan_stream(io.BytesIO(b"Protokoll der Sitzung")) == scanning.Verdict(True)


def test_scan_stream_flags_the_eicar_file_with_its_signature():
    verdict = scanning.scan_stream(io.BytesIO(EICAR))

    assert verdict.clean is False
    assert verdict.signature.startswith(SIGNATURE)


def test_scan_stream_sends_files_larger_than_one_chunk_in_chunks():
    data = b"\0" * (3 * scanning.CHUNK_SIZE + 17) + EICAR

    assert scanning.scan_stream(io.BytesIO(data)).clean is False


def test_scan_stream_rewinds_the_file():
    stream = io.BytesIO(eicar_pdf())
    stream.seek(10)

    scanning.scan_stream(stream)

    assert stream.tell() == 0


def test_ping_answers_true_for_a_running_clamd():
    assert scanning.ping() is True


def test_scan_stream_without_a_socket_is_unavailable(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody.sock")

    with pytest.raises(scanning.ScannerUnavailable):
        scanning.scan_stream(io.BytesIO(b"x"))
    assert scanning.ping() is False


def _server(answer: bytes | None):
    """A TCP server on loopback that reads the request and answers `answer` (None: never)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(5)
            received = b""
            while not received.endswith(b"\0\0\0\0"):
                part = connection.recv(65536)
                if not part:
                    break
                received += part
            if answer is not None:
                connection.sendall(answer)
            else:
                stop.wait(5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, stop, thread


@pytest.mark.parametrize(
    "answer",
    [b"INSTREAM size limit exceeded. ERROR\0", b"stream: Can't allocate memory ERROR\0", b""],
    ids=["size-limit", "error", "closed"],
)
def test_scan_stream_without_a_verdict_is_unavailable(settings, answer):
    listener, _stop, thread = _server(answer)
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST, settings.CLAMD_PORT = listener.getsockname()

    with pytest.raises(scanning.ScannerUnavailable):
        scanning.scan_stream(io.BytesIO(b"Protokoll"))
    thread.join(5)
    listener.close()


def test_scan_stream_over_tcp_reads_the_verdict(settings):
    listener, _stop, thread = _server(b"stream: Eicar-Signature FOUND\0")
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST, settings.CLAMD_PORT = listener.getsockname()

    verdict = scanning.scan_stream(io.BytesIO(b"Protokoll"))

    assert verdict == scanning.Verdict(False, "Eicar-Signature")
    thread.join(5)
    listener.close()


def test_scan_stream_that_gets_no_answer_times_out_as_unavailable(settings):
    listener, stop, thread = _server(None)
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST, settings.CLAMD_PORT = listener.getsockname()
    settings.CLAMD_TIMEOUT = 0.3

    with pytest.raises(scanning.ScannerUnavailable):
        scanning.scan_stream(io.BytesIO(b"Protokoll"))
    stop.set()
    thread.join(5)
    listener.close()


def test_scan_stream_holds_a_file_above_the_stream_limit_without_sending_it(settings):
    """clamd would scan only the first part of a longer stream and might answer OK."""
    settings.CLAMD_STREAM_MAX_BYTES = 1024
    settings.CLAMD_SOCKET = "/nonexistent/clamd.sock"  # never contacted
    stream = io.BytesIO(b"x" * 1025)

    with pytest.raises(scanning.ScannerUnavailable, match="stream limit"):
        scanning.scan_stream(stream)
    assert stream.tell() == 0


def test_scan_stream_sends_a_file_at_the_stream_limit(settings):
    settings.CLAMD_STREAM_MAX_BYTES = 1024

    assert scanning.scan_stream(io.BytesIO(b"x" * 1024)).clean
