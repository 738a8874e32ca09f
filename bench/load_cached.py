"""Anonymous pages through the cluster's caching nginx, next to nginx serving the same bytes.

Needs a running `scripts/cluster.sh run` (nginx on 127.0.0.1:8300 with
deploy/nginx/anonymous-cache*.conf). The congress with 12 sessions and 300
registrations (`lastprobe-kongress`, bench.events) is created in the cluster's
database when missing (`--setup`, same environment as scripts/cluster.sh). Each page
is fetched through nginx until it reports `X-Cache-Status: HIT`; its body is saved
and served by a second, plain nginx (bench.load.start_nginx) on another port, and
both are measured with wrk at the same connection counts. The Django hello anchor
runs afterwards for calibration.

    python -m bench.load_cached --setup
    python -m bench.load_cached --duration 10 --runs 3 --connections 2,10,50
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.load import start_nginx
from bench.load_setup import free_port, machine_load, stop_process, wait_for_port
from bench.load_wrk import markdown_table, run_median

REPO = Path(__file__).resolve().parent.parent
EVENT_SLUG = "lastprobe-kongress"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8300")
    parser.add_argument("--state", default=str(REPO / "var" / "cluster"))
    parser.add_argument("--setup", action="store_true", help="create the congress and exit")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--event-runs", type=int, default=3, help="runs for the event page")
    parser.add_argument("--connections", default="2,10,50")
    parser.add_argument("--pages", default="", help="only these page names (comma-separated)")
    parser.add_argument("--skip-hello", action="store_true")
    parser.add_argument("--output", default="")
    return parser.parse_args(argv)


def cluster_env(state: Path) -> None:
    """The environment scripts/cluster.sh gives its processes (database, cache, secrets)."""
    os.environ.update(
        VONEINANDER_ENV="production",
        SECRET_KEY=(state / "secret_key").read_text().strip(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL="postgres://postgres@127.0.0.1:25503/voneinander",
        REDIS_URL="redis://127.0.0.1:6391/0",
        VONEINANDER_VAR_DIR=str(state),
        STATIC_ROOT=str(state / "static"),
        MEDIA_ROOT=str(state / "media"),
        EMAIL_URL=f"file://{state}/mail",
        SCAN_UPLOADS="0",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")


def setup_data(state: Path) -> None:
    cluster_env(state)
    import django

    django.setup()
    from voneinander.events.models import Event

    if not Event.objects.filter(slug=EVENT_SLUG).exists():
        from bench.events import _congress

        _congress(EVENT_SLUG, registrations=300)
        print(f"created the congress {EVENT_SLUG}")
    else:
        print(f"congress {EVENT_SLUG} exists")


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url)  # noqa: S310 - loopback http only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def first_link(base: str, prefix: str) -> str:
    """The first link under `prefix` on the list page `prefix` (e.g. a solution, a network)."""
    import re

    _status, _headers, body = fetch(base + prefix)
    for match in re.finditer(rb'href="(%s[^"/?#]+/)"' % re.escape(prefix.encode()), body):
        return match.group(1).decode()
    return ""


def page_list(base: str) -> list[tuple[str, str]]:
    return [
        ("event page (12 sessions)", f"/veranstaltungen/{EVENT_SLUG}/"),
        ("home", "/"),
        ("network page", first_link(base, "/netzwerke/")),
        ("solution detail", first_link(base, "/praxisbeispiele/")),
        ("news list", "/aktuelles/"),
    ]


def cached_body(url: str) -> tuple[bytes, dict[str, str]]:
    """The body once nginx reports a cache HIT (SystemExit if it never does)."""
    for _ in range(5):
        status, headers, body = fetch(url)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}")
        if headers.get("X-Cache-Status") == "HIT":
            return body, headers
        time.sleep(0.2)
    raise SystemExit(
        f"{url}: never a cache HIT ({headers.get('X-Cache-Status')}, "
        f"Cache-Control {headers.get('Cache-Control')})"
    )


def access_log_lines(state: Path) -> int:
    total = 0
    for log in (state / "logs").glob("app-*-access.log"):
        with log.open("rb") as handle:
            total += sum(1 for _ in handle)
    return total


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    state = Path(args.state)
    if args.setup:
        setup_data(state)
        return 0
    counts = [int(c) for c in args.connections.split(",")]
    pages = page_list(args.url)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [(n, p) for n, p in pages if n in wanted]
    print(f"load before: {machine_load()}", flush=True)
    files, info = {}, {}
    for index, (name, path) in enumerate(pages):
        if not path:
            raise SystemExit(f"no URL found for {name}")
        body, headers = cached_body(args.url + path)
        files[f"page{index}.html"] = body
        info[name] = (path, len(body), headers.get("Cache-Control", ""))
        print(f"  {name}: {path} {len(body):,} bytes, HIT, {info[name][2]}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="load-cached-"))
    static_port = free_port()
    nginx = start_nginx(workdir, static_port, files)
    rows, loads = [], []
    app_lines_before = access_log_lines(state)
    try:
        for index, (name, path) in enumerate(pages):
            runs = args.event_runs if index == 0 else args.runs
            for count in counts:
                row = [name, count]
                for url in (args.url + path, f"http://127.0.0.1:{static_port}/page{index}.html"):
                    result = run_median(url, runs=runs, connections=count, duration=args.duration)
                    row += [result.rps, result.p50_ms, result.p95_ms, result.p99_ms]
                    row_errors = result.errors
                    if row_errors:
                        print(f"  errors: {row_errors} ({url})", flush=True)
                row.append(row[2] / row[6] if row[6] else 0.0)
                rows.append(row)
                print(
                    f"  {name:26} c={count:<3} cached {row[2]:9.1f}/s p50 {row[3]:.2f} "
                    f"p95 {row[4]:.2f} p99 {row[5]:.2f} | static {row[6]:9.1f}/s "
                    f"p50 {row[7]:.2f} | ratio {row[10]:.2f}",
                    flush=True,
                )
            loads.append(machine_load())
    finally:
        stop_process(nginx)
    app_lines = access_log_lines(state) - app_lines_before
    hello = None
    if not args.skip_hello:
        port = free_port()
        process = subprocess.Popen(
            [
                str(REPO / ".venv/bin/gunicorn"),
                "bench.load_hello:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
        )
        try:
            wait_for_port(port, process=process)
            hello = run_median(
                f"http://127.0.0.1:{port}/", runs=args.runs, connections=50, duration=args.duration
            )
        finally:
            stop_process(process)
    lines = [
        "| page | path | bytes | Cache-Control |",
        "| --- | --- | ---: | --- |",
        *(f"| {n} | `{p}` | {size:,} | `{cc}` |" for n, (p, size, cc) in info.items()),
        "",
        markdown_table(
            [
                "page",
                "conn.",
                "cached req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "static req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "cached / static",
            ],
            rows,
            align_right_from=1,
        ),
        "",
        f"Requests that reached an app during the measurement (app access logs): {app_lines}.",
        f"Load average after each page: {'; '.join(loads)}.",
    ]
    if hello:
        lines.append(
            f"Django hello (gunicorn, 2 sync workers, 50 connections): "
            f"{hello.rps:,.0f} req/s, p50 {hello.p50_ms:.1f} ms."
        )
    text = "\n".join(lines)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
