"""Running wrk and turning its output into figures (used by bench.load, bench.soak).

wrk's own text output rounds latencies and hides error counts in prose, so the
Lua scripts in bench/wrk/ print one JSON line instead; `parse_wrk_output` reads
it. Several runs of one measurement are combined with `median_result`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

WRK_DIR = Path(__file__).resolve().parent / "wrk"
MARKER = "WRKJSON "


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_s: float
    bytes: int
    errors: int  # socket errors + timeouts + responses with status >= 400
    non_2xx_3xx: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0


def parse_wrk_output(text: str) -> WrkResult:
    """The result from the JSON line that bench/wrk/*.lua print; ValueError without one."""
    for line in text.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            break
    else:
        raise ValueError("wrk printed no WRKJSON line (was the report script loaded?)")
    socket_errors = data["connect"] + data["read"] + data["write"] + data["timeout"]
    return WrkResult(
        requests=data["requests"],
        duration_s=data["duration_us"] / 1_000_000,
        bytes=data["bytes"],
        errors=socket_errors + data["status"],
        non_2xx_3xx=data["status"],
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
    )


def median_result(results: list[WrkResult]) -> WrkResult:
    """The run with the median throughput (its latencies belong to the same run).

    Taking each figure's median separately could combine the throughput of one
    run with the latencies of another; the median run keeps them consistent.
    Errors are summed over all runs: one failed request in any run counts.
    """
    if not results:
        raise ValueError("no results")
    ordered = sorted(results, key=lambda r: r.rps)
    middle = ordered[(len(ordered) - 1) // 2]
    return WrkResult(
        requests=middle.requests,
        duration_s=middle.duration_s,
        bytes=middle.bytes,
        errors=sum(r.errors for r in results),
        non_2xx_3xx=sum(r.non_2xx_3xx for r in results),
        p50_ms=middle.p50_ms,
        p95_ms=middle.p95_ms,
        p99_ms=middle.p99_ms,
    )


def wrk_command(
    url: str,
    *,
    connections: int,
    duration: float,
    headers: dict[str, str] | None = None,
    paths: list[str] | None = None,
    threads: int | None = None,
) -> list[str]:
    threads = threads or min(connections, 2)
    script = WRK_DIR / ("mix.lua" if paths else "report.lua")
    command = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if paths:
        command += ["--", *paths]
    return command


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing: apt-get install wrk (Debian package)")
    return found


def run_wrk(url: str, **kwargs) -> WrkResult:
    command = wrk_command(url, **kwargs)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)


def run_median(url: str, *, runs: int, **kwargs) -> WrkResult:
    return median_result([run_wrk(url, **kwargs) for _ in range(runs)])


def markdown_table(header: list[str], rows: list[list], align_right_from: int = 1) -> str:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append(
        "| "
        + " | ".join("---:" if i >= align_right_from else "---" for i in range(len(header)))
        + " |"
    )
    for row in rows:
        lines.append("| " + " | ".join(_cell(value) for value in row) + " |")
    return "\n".join(lines)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.95 → p95) of unsorted values."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without importing math
    return ordered[int(rank) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)
