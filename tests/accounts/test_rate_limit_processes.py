"""Login rate limits count across app processes (shared database cache)."""

from pathlib import Path

import pytest

from tests.processes import run_project_process

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("ratelimit_probe.py")


def _run(tmp_path, *args):
    result = run_project_process([PROBE, *args], tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:-1]


@pytest.mark.subprocess
def test_rate_limits_hold_across_processes(tmp_path):
    _run(tmp_path, "setup")
    assert _run(tmp_path, "login") == ["302 signed-in"]  # the password works …
    assert _run(tmp_path, "fail", "3") == ["200 refused"] * 3  # process A: 3 failures
    assert _run(tmp_path, "fail", "2") == ["200 refused"] * 2  # process B: 2 more
    # … the limit (5 failures per address) is reached across both processes:
    assert _run(tmp_path, "login") == ["200 refused"]
