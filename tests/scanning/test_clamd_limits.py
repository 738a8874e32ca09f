"""Files above clamd's limits are refused, never passed as clean.

clamd skips a file above MaxFileSize/MaxScanSize and by default answers "OK";
with `AlertExceedsMax yes` (docs/deployment.md, tests/scanning/clamd.py) it
answers "Heuristics.Limits.Exceeded… FOUND". A clamd of its own with small
limits shows it. (A stream above StreamMaxLength is cut off and its first part
scanned, also with AlertExceedsMax: StreamMaxLength must exceed every upload limit.)
"""

import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tests.admissions.pdfs import letter_pdf
from tests.scanning.clamd import Clamd
from tests.scanning.payloads import upload
from voneinander.core import scanning
from voneinander.core.uploads import accept_upload
from voneinander.events.uploads import check_material

pytestmark = pytest.mark.trust("Upload scanning")


@pytest.fixture(scope="module")
def small_clamd():
    # A short path: unix socket paths are limited to 108 bytes.
    socket_path = Path(tempfile.mkdtemp(prefix="vn-clamd-")) / "clamd.sock"
    daemon = Clamd(str(socket_path), extra_config="MaxFileSize 1M\nMaxScanSize 1M\n")
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def limited(settings, small_clamd):
    settings.CLAMD_SOCKET = small_clamd.socket_path
    settings.CLAMD_HOST = ""


def _text(size: int) -> bytes:
    line = b"Protokoll der Sitzung des Digitalisierungsnetzwerks, Punkt 1.\n"
    return (line * (size // len(line) + 1))[:size]


def test_scan_stream_flags_a_file_above_max_file_size(limited):
    verdict = scanning.scan_stream(upload(_text(1_500_000), "protokoll.txt"))

    assert not verdict.clean
    assert verdict.signature.startswith("Heuristics.Limits.Exceeded")


def test_scan_stream_passes_a_file_below_the_limits(limited):
    assert scanning.scan_stream(upload(_text(500_000), "protokoll.txt")).clean


def test_accept_upload_refuses_a_file_above_max_file_size(db, limited):
    # A readable PDF (the content check passes it) with a long comment after its end.
    large = letter_pdf() + b"%" + b"x" * 1_500_000 + b"\n"

    with pytest.raises(ValidationError) as refused:
        accept_upload(upload(large, "protokoll.pdf"), check_material, by=None, purpose="test")

    assert refused.value.code == "infected"
