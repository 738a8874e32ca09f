"""Run project code in a separate process, as a real app process would start.

The child gets a clean configuration: its own SQLite file and `var/` in
`tmp_path`, none of the test settings, and the project on its path.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_INHERITED_OUT = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "REDIS_URL"}


def run_project_process(args, *, tmp_path, env=None, timeout=120) -> subprocess.CompletedProcess:
    """Run `python ARGS` in the project directory with a fresh database under tmp_path."""
    child_env = {k: v for k, v in os.environ.items() if k not in _INHERITED_OUT}
    child_env |= {
        "VONEINANDER_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'process.sqlite3'}",
        "VONEINANDER_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONPATH": str(ROOT),
        "EMAIL_URL": "dummy://",
    }
    child_env |= env or {}
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
