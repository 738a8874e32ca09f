"""Load test of the production setup with wrk: `python -m bench.load`.

Starts everything itself on loopback (bench/load_setup.py): PostgreSQL (a
throwaway cluster unless DATABASE_URL is set), Redis, gunicorn with 2 sync
workers and production settings, demo data plus a congress with 12 sessions and
300 registrations. Then, for each page, anonymous and signed in, at 1, 10 and
50 connections: requests/s and p50/p95/p99 latency (median run of --runs).
Calibration anchors on the same machine: nginx serving a 30 KB static file (and
the event page's bytes as a static file), and a Django "hello" view under
gunicorn with 2 sync workers. Finally the peak memory (VmHWM) of the workers.

    python -m bench.load                      # quick: 5 s per measurement, 1 run
    python -m bench.load --duration 15 --runs 3   # the figures for docs/performance.md

The result is printed as Markdown (and written to --output when given).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import load_setup as setup
from bench.load_wrk import markdown_table, median_result, run_median, run_wrk

# The issue's anchors on this class of machine (wrk, 50 connections, 15 s).
ANCHOR_NGINX_STATIC = 66_000
ANCHOR_DJANGO_HELLO = 5_400
ANCHOR_INDICO_EVENT = (50, 59)
ANCHOR_INDICO_REGISTRATION = 56
ANCHOR_PRETALX_SCHEDULE = 129


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--duration", type=float, default=5, help="seconds per measurement")
    parser.add_argument("--runs", type=int, default=1, help="runs per measurement (median)")
    parser.add_argument("--connections", default="1,10,50", help="comma-separated")
    parser.add_argument("--pages", default="", help="only these page names (comma-separated)")
    parser.add_argument("--skip-pages", action="store_true", help="anchors and event page only")
    parser.add_argument("--skip-anchors", action="store_true")
    parser.add_argument("--output", type=Path, help="also write the Markdown here")
    parser.add_argument(
        "--pretalx-url",
        help="a running pretalx schedule page to measure side by side (see docs/performance.md)",
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="another URL to measure side by side at 50 connections, e.g. the event page "
        "through the cluster's caching nginx (scripts/cluster.sh run)",
    )
    add_data_arguments(parser)
    return parser.parse_args(argv)


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        choices=["demo", "bench"],
        default="demo",
        help="demo data + a congress (quick) or the Germany-scale set of bench.data",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="bench.data --scale")


def page_list(targets: setup.Targets, port: int) -> list[tuple[str, str]]:
    solution = next(
        (
            f"/praxisbeispiele/{slug}/"
            for slug in targets.solution_slugs
            if setup.get(port, f"/praxisbeispiele/{slug}/")[0] == 200
        ),
        None,
    )
    pages = [
        ("home", "/"),
        ("network page", f"/netzwerke/{targets.network_slug}/"),
        ("member directory", f"/mitglieder/?netzwerk={targets.network_slug}"),
        ("event page (12 sessions)", f"/veranstaltungen/{targets.event_slug}/"),
        ("solution detail", solution),
        ("search", f"/suche/?q={targets.search_query}"),
        ("API networks", "/api/v1/networks/"),
        ("API municipalities", "/api/v1/municipalities/"),
        ("API events", "/api/v1/events/"),
        ("API solutions", "/api/v1/solutions/"),
        ("API news", "/api/v1/news/"),
    ]
    return [(name, path) for name, path in pages if path]


def check_pages(pages, port: int, session: str) -> list[str]:
    """Every page must answer 200 for both kinds of visitor before it is measured."""
    problems = []
    for name, path in pages:
        for who, key in (("anonymous", ""), ("signed in", session)):
            status, _size = setup.get(port, path, session=key)
            if status != 200:
                problems.append(f"{name} ({who}) {path}: HTTP {status}")
    return problems


def measure_pages(pages, *, app, session, connections, duration, runs) -> list[list]:
    """One row per page, visitor and connection count; the last column is the peak RSS.

    Before every run the server finishes what the previous run left queued
    (`drain`); the workers' peak RSS is reset before each page and visitor.
    """
    rows = []
    url = setup.base_url(app.port)
    for name, path in pages:
        for who, key in (("anonymous", ""), ("signed in", session)):
            headers = dict(setup.FORWARDED)
            if key:
                headers["Cookie"] = f"{setup.SESSION_COOKIE}={key}"
            app.drain()
            app.reset_peaks()
            group = []
            for count in connections:
                results = []
                for _ in range(runs):
                    app.drain()
                    results.append(
                        run_wrk(url + path, connections=count, duration=duration, headers=headers)
                    )
                result = median_result(results)
                group.append(
                    [
                        name,
                        who,
                        count,
                        result.rps,
                        result.p50_ms,
                        result.p95_ms,
                        result.p99_ms,
                        result.errors,
                    ]
                )
                print(
                    f"  {name:28} {who:10} c={count:<3} {result.rps:8.1f}/s "
                    f"p50 {result.p50_ms:6.2f} p95 {result.p95_ms:7.2f} ms "
                    f"errors {result.errors}",
                    flush=True,
                )
            app.drain()
            peak = max((m.get("VmHWM", 0) for m in app.worker_memory().values()), default=0)
            rows += [[*row, round(peak / 1024)] for row in group]
    return rows


NGINX_CONF = """
worker_processes 2;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp-body;
    proxy_temp_path {dir}/tmp-proxy;
    fastcgi_temp_path {dir}/tmp-fastcgi;
    uwsgi_temp_path {dir}/tmp-uwsgi;
    scgi_temp_path {dir}/tmp-scgi;
    sendfile on;
    tcp_nopush on;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
    }}
}}
"""


def start_nginx(workdir: Path, port: int, files: dict[str, bytes]) -> subprocess.Popen:
    binary = "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise SystemExit("nginx is missing: apt-get install nginx-light")
    directory = Path(tempfile.mkdtemp(prefix="nginx-", dir=workdir))
    directory.chmod(0o755)
    workdir.chmod(0o755)
    (directory / "www").mkdir()
    for name, content in files.items():
        (directory / "www" / name).write_bytes(content)
        (directory / "www" / name).chmod(0o644)
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=port))
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(directory)])
    setup.wait_for_port(port, process=process)
    return process


def measure_anchors(
    stack, *, event_bytes: bytes, duration, runs, pretalx_url: str = "", also=()
) -> dict[str, object]:
    """nginx static 30 KB, nginx serving the event page's bytes, Django hello (50 connections)."""
    results = {}
    nginx = start_nginx(
        stack.workdir,
        setup.NGINX_PORT,
        {"static-30k.html": b"x" * 30 * 1024, "event.html": event_bytes},
    )
    try:
        for name, path in (
            ("nginx static 30 KB", "/static-30k.html"),
            ("nginx, event page bytes", "/event.html"),
        ):
            results[name] = run_median(
                setup.base_url(setup.NGINX_PORT) + path,
                runs=runs,
                connections=50,
                duration=duration,
            )
    finally:
        setup.stop_process(nginx)
    for item in also:
        name, _sep, url = item.partition("=")
        results[name] = run_median(url, runs=runs, connections=50, duration=duration)
    if pretalx_url:
        for count in (2, 50):
            results[f"pretalx schedule, {count} connections"] = run_median(
                pretalx_url, runs=runs, connections=count, duration=duration
            )
    hello = setup.Gunicorn(setup.APP_PORTS[1], {}, app="bench.load_hello:application")
    try:
        results["Django hello (gunicorn, 2 sync workers)"] = run_median(
            setup.base_url(setup.APP_PORTS[1]) + "/", runs=runs, connections=50, duration=duration
        )
    finally:
        hello.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    setup.ensure_database("bench.load", argv)
    connections = [int(c) for c in args.connections.split(",") if c]
    stack = setup.start_stack()
    out: list[str] = []
    try:
        print(f"Preparing data ({args.data}) …", flush=True)
        targets = setup.prepare(args.data, scale=args.scale)
        from django.db import connections as db_connections

        db_connections.close_all()
        port = setup.APP_PORTS[0]
        app = setup.Gunicorn(port, stack.env)
        stack.servers.append(app)
        session = setup.login(port, targets.email, targets.password)
        pages = page_list(targets, port)
        if args.pages:
            wanted = {name.strip() for name in args.pages.split(",")}
            pages = [(name, path) for name, path in pages if name in wanted]
        problems = check_pages(pages, port, session)
        if problems:
            print("Pages that do not answer 200:\n  " + "\n  ".join(problems))
            return 1
        out.append(
            f"Measured {setup.today()}; {setup.machine_load()} before the run; "
            f"wrk on the same cores; {args.duration:g} s per measurement, median of "
            f"{args.runs} run(s); gunicorn 2 sync workers, PostgreSQL, Redis, DEBUG off."
        )
        event_path = f"/veranstaltungen/{targets.event_slug}/"
        event_rows = measure_pages(
            [("event page (12 sessions)", event_path)],
            app=app,
            session=session,
            connections=[2],
            duration=args.duration,
            runs=args.runs,
        )
        rows = []
        if not args.skip_pages:
            rows = measure_pages(
                pages,
                app=app,
                session=session,
                connections=connections,
                duration=args.duration,
                runs=args.runs,
            )
        memory = app.worker_memory()
        _status, event_bytes = setup.get(port, event_path)
        app.stop()
        stack.servers.remove(app)

        header = [
            "page",
            "who",
            "connections",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "errors",
            "peak RSS MB",
        ]
        out.append("\n### Pages\n")
        out.append(markdown_table(header, event_rows + rows, align_right_from=2))
        out.append("\n### Memory\n")
        out.append(
            "Peak resident set (VmHWM) of each gunicorn worker after the run: "
            + ", ".join(f"{m.get('VmHWM', 0) / 1024:.0f} MB" for m in memory.values())
            + " (target: under 200 MB; current VmRSS "
            + ", ".join(f"{m.get('VmRSS', 0) / 1024:.0f} MB" for m in memory.values())
            + "; VmRSS after the warm-up requests, before the measurements: "
            + ", ".join(
                f"{m.get('VmRSS', 0) / 1024:.0f} MB" for m in app.memory_after_warm_up.values()
            )
            + ")."
        )
        peak_mb = max((m.get("VmHWM", 0) for m in memory.values()), default=0) / 1024
        anchors = {}
        if not args.skip_anchors:
            anchors = measure_anchors(
                stack,
                event_bytes=event_bytes,
                duration=args.duration,
                runs=args.runs,
                pretalx_url=args.pretalx_url,
                also=args.also,
            )
            out.append("\n### Calibration anchors (50 connections unless named)\n")
            out.append(
                markdown_table(
                    ["server", "req/s", "p50 ms", "p99 ms", "errors", "issue's figure"],
                    [
                        [name, r.rps, r.p50_ms, r.p99_ms, r.errors, _issue_figure(name)]
                        for name, r in anchors.items()
                    ],
                )
            )
        out.append("\n### Targets\n")
        out.append("\n".join(summarise(event_rows, rows, anchors, peak_mb)))
    finally:
        stack.stop()
    text = "\n".join(out)
    print("\n" + text)
    if args.output:
        args.output.write_text(text + "\n")
    return 0


def _issue_figure(name: str) -> str:
    if name.startswith("nginx static"):
        return f"{ANCHOR_NGINX_STATIC:,}"
    if name.startswith("Django hello"):
        return f"{ANCHOR_DJANGO_HELLO:,}"
    if name == "pretalx schedule, 50 connections":
        return f"{ANCHOR_PRETALX_SCHEDULE}"
    if name == "pretalx schedule, 2 connections":
        return "p50 14 ms"
    return "–"


def summarise(event_rows, rows, anchors, peak_mb: float) -> list[str]:
    """The issue's targets, met or not, with the ratios against the anchors."""
    lines = []
    hello = anchors.get("Django hello (gunicorn, 2 sync workers)")
    # Our figures scaled to the machine the issue's anchors were measured on.
    scale = ANCHOR_DJANGO_HELLO / hello.rps if hello and hello.rps else None
    event_anon = next(r for r in event_rows if r[1] == "anonymous")
    lines.append(
        f"- Event page p50 at 2 connections: {event_anon[4]:.2f} ms anonymous, "
        + ", ".join(f"{r[4]:.2f} ms {r[1]}" for r in event_rows if r[1] != "anonymous")
        + f" (target under 5 ms): {'met' if all(r[4] < 5 for r in event_rows) else 'NOT met'}."
    )
    event_50 = [r for r in rows if r[0].startswith("event page") and r[2] == 50]
    for row in event_50:
        ratio_low = row[3] / ANCHOR_INDICO_EVENT[1]
        text = (
            f"- Event page {row[1]}, 50 connections: {row[3]:.0f} req/s = {ratio_low:.1f}× "
            f"Indico's {ANCHOR_INDICO_EVENT[0]}–{ANCHOR_INDICO_EVENT[1]} req/s"
        )
        if scale:
            text += (
                f" (scaled by Django hello {hello.rps:.0f} → {ANCHOR_DJANGO_HELLO}: "
                f"{row[3] * scale:.0f} req/s = {row[3] * scale / ANCHOR_INDICO_EVENT[1]:.1f}×)"
            )
        lines.append(text + f"; target ≥10×: {'met' if ratio_low >= 10 else 'NOT met'}.")
    public = [r for r in rows if r[2] == 10 and r[1] == "anonymous"]
    if public:
        slow_public = [r for r in public if r[5] >= 50]
        lines.append(
            "- Public pages p95 at 10 connections under 50 ms: "
            + ("met" if not slow_public else "NOT met for " + ", ".join(r[0] for r in slow_public))
            + f" (highest: {max(r[5] for r in public):.1f} ms)."
        )
    pretalx = anchors.get("pretalx schedule, 50 connections")
    for row in event_50:
        if pretalx and pretalx.rps:
            lines.append(
                f"- Event page {row[1]} vs pretalx's schedule page, measured side by side: "
                f"{row[3] / pretalx.rps:.1f}× (issue: pretalx {ANCHOR_PRETALX_SCHEDULE} req/s "
                f"≈ {ANCHOR_PRETALX_SCHEDULE / ANCHOR_INDICO_EVENT[1]:.1f}× Indico's event page)."
            )
    nginx_event = anchors.get("nginx, event page bytes")
    if nginx_event:
        lines.append(
            f"- nginx serving the event page's bytes as a static file: {nginx_event.rps:,.0f} "
            f"req/s; the cached setup (scripts/cluster.sh) must reach half: "
            f"{nginx_event.rps / 2:,.0f} req/s."
        )
    errors = sum(r[7] for r in rows + event_rows)
    lines.append(f"- Errors (socket errors, timeouts, HTTP ≥ 400) over all page runs: {errors}.")
    lines.append(
        f"- Peak RSS of one app worker: {peak_mb:.0f} MB (target under 200 MB): "
        f"{'met' if peak_mb < 200 else 'NOT met'}."
    )
    return lines


if __name__ == "__main__":
    sys.exit(main())
