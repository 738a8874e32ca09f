"""The parsing and aggregation code of the load benchmarks (bench/load_wrk.py, bench/soak.py)."""

import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import soak
from bench.load_wrk import (
    WRK_DIR,
    WrkResult,
    markdown_table,
    median_result,
    parse_wrk_output,
    percentile,
    wrk_command,
)

WRK_TEXT = """Running 5s test @ http://127.0.0.1:8111/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.10ms    1.20ms  30.00ms   90.00%
  2000 requests in 5.00s, 60.00MB read
Requests/sec:    400.00
Transfer/sec:     12.00MB
WRKJSON {"requests": 2000, "duration_us": 5000000, "bytes": 62914560, "connect": 0, \
"read": 1, "write": 0, "status": 3, "timeout": 2, "p50_us": 3900, "p95_us": 6100, \
"p99_us": 9050, "max_us": 30000}
"""


def result(rps: float, p50: float = 1.0, errors: int = 0) -> WrkResult:
    return WrkResult(
        requests=int(rps * 10),
        duration_s=10.0,
        bytes=0,
        errors=errors,
        non_2xx_3xx=errors,
        p50_ms=p50,
        p95_ms=p50 * 2,
        p99_ms=p50 * 3,
    )


def test_parse_wrk_output_reads_the_json_line():
    parsed = parse_wrk_output(WRK_TEXT)

    assert parsed.requests == 2000
    assert parsed.duration_s == 5.0
    assert parsed.rps == 400.0
    assert (parsed.p50_ms, parsed.p95_ms, parsed.p99_ms) == (3.9, 6.1, 9.05)
    # socket errors (read 1 + timeout 2) and 3 responses with status >= 400
    assert parsed.errors == 6
    assert parsed.non_2xx_3xx == 3


def test_parse_wrk_output_without_json_line_raises():
    with pytest.raises(ValueError, match="WRKJSON"):
        parse_wrk_output("Running 5s test @ http://127.0.0.1/\nRequests/sec: 1.00\n")


def test_median_result_keeps_the_latencies_of_the_median_run():
    runs = [result(300, p50=9.0), result(500, p50=2.0, errors=1), result(400, p50=5.0)]

    median = median_result(runs)

    assert median.rps == 400
    assert median.p50_ms == 5.0
    assert median.p95_ms == 10.0
    assert median.errors == 1  # summed over all runs


def test_median_result_of_two_runs_takes_the_slower():
    assert median_result([result(500), result(300)]).rps == 300


def test_median_result_of_nothing_raises():
    with pytest.raises(ValueError, match="no results"):
        median_result([])


def test_percentile_uses_nearest_rank():
    values = list(range(1, 101))  # 1 … 100, unsorted below

    assert percentile(values[::-1], 0.95) == 95
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.95) == 7.0


def test_markdown_table_formats_numbers_and_alignment():
    table = markdown_table(["page", "conn", "req/s", "p50 ms"], [["home", 10, 1234.5, 3.456]])

    assert table.splitlines() == [
        "| page | conn | req/s | p50 ms |",
        "| --- | ---: | ---: | ---: |",
        "| home | 10 | 1,234.5 | 3.46 |",
    ]


def test_wrk_command_uses_mix_script_with_paths():
    command = wrk_command(
        "http://127.0.0.1:8111",
        connections=10,
        duration=14.6,
        headers={"Cookie": "a=b"},
        paths=["/", "/suche/"],
    )

    assert command[1:4] == ["-t2", "-c10", "-d15s"]
    assert command[command.index("-s") + 1] == str(WRK_DIR / "mix.lua")
    assert command[command.index("-H") + 1] == "Cookie: a=b"
    assert command[-4:] == ["http://127.0.0.1:8111", "--", "/", "/suche/"]


def test_wrk_command_single_connection_uses_one_thread():
    command = wrk_command("http://127.0.0.1:8111/", connections=1, duration=5)

    assert command[1] == "-t1"
    assert command[command.index("-s") + 1] == str(WRK_DIR / "report.lua")
    assert "--" not in command


def test_soak_verdict_passes_steady_run():
    samples = [
        soak.Sample(minute=0.5 * n, rss_mb=[150.0, 152.0 + n * 0.5], connections=4, errors=0,
                    requests=1000)
        for n in range(1, 7)
    ]  # fmt: skip

    verdict = soak.verdict(samples)

    assert [ok for _name, ok, _detail in verdict] == [True, True, True]


def test_soak_verdict_fails_on_growth_connections_and_errors():
    samples = [
        soak.Sample(minute=0.5, rss_mb=[100.0, 100.0], connections=4, errors=0, requests=1000),
        soak.Sample(minute=1.0, rss_mb=[100.0, 105.0], connections=4, errors=0, requests=1000),
        soak.Sample(minute=1.5, rss_mb=[100.0, 130.0], connections=9, errors=2, requests=1000),
    ]

    verdict = {name: ok for name, ok, _detail in soak.verdict(samples)}

    assert verdict == {
        "memory growth under 10 %": False,
        "stable number of database connections": False,
        "zero errors": False,
    }


def test_soak_verdict_measures_growth_from_the_first_sample_after_warm_up():
    # The first sample is warm-up; growth is measured from the second one.
    samples = [
        soak.Sample(minute=0.5, rss_mb=[80.0], connections=2, errors=0, requests=10),
        soak.Sample(minute=1.0, rss_mb=[100.0], connections=2, errors=0, requests=10),
        soak.Sample(minute=1.5, rss_mb=[109.0], connections=2, errors=0, requests=10),
    ]

    growth = {name: detail for name, _ok, detail in soak.verdict(samples)}

    assert growth["memory growth under 10 %"].startswith("+9.0 %")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status = 404 if self.path == "/missing" else 200
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # wrk drops its connections mid-response when its time is up


@pytest.fixture
def http_server():
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_wrk_scripts_report_requests_and_status_errors(http_server):
    wrk = shutil.which("wrk")
    assert wrk, "wrk is missing: apt-get install wrk"
    command = wrk_command(http_server, connections=2, duration=1, paths=["/", "/missing"])

    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=True)
    parsed = parse_wrk_output(done.stdout)

    assert parsed.requests > 10
    # The mix alternates the two paths: about half the answers are 404s.
    assert parsed.requests * 0.3 < parsed.non_2xx_3xx < parsed.requests * 0.7


def test_wrk_report_script_prints_valid_json(http_server):
    command = wrk_command(http_server + "/", connections=1, duration=1)

    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))

    data = json.loads(line.removeprefix("WRKJSON "))
    assert data["status"] == 0
    assert data["requests"] > 0
    assert Path(WRK_DIR / "report.lua").exists()
