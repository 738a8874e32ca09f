"""A real clamd for the test suite, with a signature database of one entry: EICAR.

The machines cannot download ClamAV's signatures, so the database is written
here: an `.ndb` body signature with the hex of the EICAR test string, matched
anywhere in any file type. clamd then flags the plain EICAR file and any PDF or
image that carries the string, and finds everything else clean. It starts in
well under a second; tests/conftest.py starts one per test session.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

CLAMD = "/usr/sbin/clamd"
# The standard anti-virus test file (eicar.org); harmless, flagged by every scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!H+H*"
SIGNATURE = "Voneinander.Test.EICAR"


def _end_with_parent() -> None:
    """Linux: clamd gets SIGTERM when the test run dies, instead of living on."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Clamd:
    def __init__(self, socket_path: str, extra_config: str = ""):
        self.socket_path = socket_path
        self.extra_config = extra_config
        self.directory = Path(tempfile.mkdtemp(prefix="voneinander-clamd-"))
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        if not Path(CLAMD).exists():
            raise RuntimeError(
                f"{CLAMD} is missing: the suite scans uploads with a real clamd. "
                "Install it with scripts/install-test-services.sh (Debian clamav-daemon)."
            )
        if self._pong():
            # A clamd of an enclosing test run (a test that runs pytest): share it.
            return
        database = self.directory / "db"
        database.mkdir()
        (database / "voneinander-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
        Path(self.socket_path).parent.mkdir(parents=True, exist_ok=True)
        Path(self.socket_path).unlink(missing_ok=True)
        config = self.directory / "clamd.conf"
        config.write_text(
            "Foreground yes\n"
            f"LocalSocket {self.socket_path}\n"
            f"DatabaseDirectory {database}\n"
            f"TemporaryDirectory {self.directory}\n"
            f"LogFile {self.directory / 'clamd.log'}\n"
            "StreamMaxLength 250M\n"
            "MaxThreads 4\n"
            # As production (docs/deployment.md): what clamd skips is FOUND, not OK.
            "AlertExceedsMax yes\n"
            "AlertEncrypted yes\n" + self.extra_config
        )
        # Output to a file: a pipe nobody reads would block clamd once it is full.
        self.output = (self.directory / "clamd.out").open("wb")
        self.process = subprocess.Popen(
            [CLAMD, "--config-file", str(config)],
            stdout=self.output,
            stderr=subprocess.STDOUT,
            preexec_fn=_end_with_parent,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"clamd ended at start ({self.process.returncode}): "
                    f"{(self.directory / 'clamd.out').read_text(errors='replace')[-2000:]}"
                )
            if self._pong():
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"clamd did not answer on {self.socket_path} within {timeout} s")

    def _pong(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.settimeout(2)
                connection.connect(self.socket_path)
                connection.sendall(b"zPING\0")
                return connection.recv(16).startswith(b"PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self.output.close()
        shutil.rmtree(self.directory, ignore_errors=True)
        if self.process is not None:
            Path(self.socket_path).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                Path(self.socket_path).parent.rmdir()
