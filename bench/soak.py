"""Soak test: steady load for a long time (`make soak`: 30 minutes; not in CI).

    python -m bench.soak                 # 30 minutes, a sample every 30 s
    python -m bench.soak --minutes 3     # a short proof that it works

The same production setup as bench.load (gunicorn with 2 sync workers,
PostgreSQL, Redis, DEBUG off). Two wrk processes run the whole time, each
cycling through the pages of bench.load: anonymous visitors and one signed-in
person. Every interval records the workers' resident memory (VmRSS), the number
of the application's PostgreSQL connections (pg_stat_activity, sampled in the
middle of the interval) and the errors (socket errors, timeouts, HTTP ≥ 400).
Pass: memory growth under 10 % (from the first sample after the warm-up
interval to the last), a stable number of database connections (spread of at
most 1 after warm-up), zero errors. Exit status 1 when a criterion fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass

from bench import load_setup as setup
from bench.load_wrk import markdown_table, parse_wrk_output, wrk_command

MAX_GROWTH = 0.10
MAX_CONNECTION_SPREAD = 1


@dataclass(frozen=True)
class Sample:
    minute: float
    rss_mb: list[float]  # one per worker
    connections: int
    errors: int
    requests: int


def verdict(samples: list[Sample]) -> list[tuple[str, bool, str]]:
    """The three pass criteria as (name, passed, detail)."""
    steady = samples[1:] if len(samples) > 1 else samples
    first, last = sum(steady[0].rss_mb), sum(samples[-1].rss_mb)
    growth = (last - first) / first if first else 0.0
    counts = [s.connections for s in steady]
    spread = max(counts) - min(counts)
    errors = sum(s.errors for s in samples)
    requests = sum(s.requests for s in samples)
    return [
        (
            "memory growth under 10 %",
            growth < MAX_GROWTH,
            f"{growth * 100:+.1f} % ({first:.0f} → {last:.0f} MB, all workers)",
        ),
        (
            "stable number of database connections",
            spread <= MAX_CONNECTION_SPREAD,
            f"{min(counts)}–{max(counts)} after warm-up",
        ),
        ("zero errors", errors == 0, f"{errors} errors in {requests:,} requests"),
    ]


def app_connections() -> int:
    """The application's connections to its database (this process's own left out)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--interval", type=float, default=30, help="seconds between samples")
    parser.add_argument("--connections", type=int, default=8, help="anonymous connections")
    parser.add_argument("--signed-in-connections", type=int, default=2)
    from bench.load import add_data_arguments, page_list

    add_data_arguments(parser)
    args = parser.parse_args(argv)
    setup.ensure_database("bench.soak", argv)

    stack = setup.start_stack()
    samples: list[Sample] = []
    try:
        print("Preparing data …", flush=True)
        targets = setup.prepare(args.data, scale=args.scale)
        from django.db import connections

        connections.close_all()
        port = setup.APP_PORTS[0]
        app = setup.Gunicorn(port, stack.env)
        stack.servers.append(app)
        session = setup.login(port, targets.email, targets.password)
        paths = [path for _name, path in page_list(targets, port)]
        signed_headers = {**setup.FORWARDED, "Cookie": f"{setup.SESSION_COOKIE}={session}"}
        print(
            f"Soak: {args.minutes:g} min over {len(paths)} pages; {setup.machine_load()}",
            flush=True,
        )
        began = time.monotonic()
        intervals = max(2, round(args.minutes * 60 / args.interval))
        for number in range(intervals):
            runs = [
                subprocess.Popen(
                    wrk_command(
                        setup.base_url(port),
                        connections=count,
                        duration=args.interval,
                        headers=headers,
                        paths=paths,
                    ),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for count, headers in (
                    (args.connections, dict(setup.FORWARDED)),
                    (args.signed_in_connections, signed_headers),
                )
                if count
            ]
            time.sleep(args.interval / 2)
            count = app_connections()
            results = []
            for run in runs:
                stdout, stderr = run.communicate()
                if run.returncode != 0:
                    raise RuntimeError(f"wrk failed: {stderr}")
                results.append(parse_wrk_output(stdout))
            memory = app.worker_memory()
            sample = Sample(
                minute=round((time.monotonic() - began) / 60, 2),
                rss_mb=[m.get("VmRSS", 0) / 1024 for m in memory.values()],
                connections=count,
                errors=sum(r.errors for r in results),
                requests=sum(r.requests for r in results),
            )
            samples.append(sample)
            rate = sample.requests / args.interval
            print(
                f"  {number + 1:3}/{intervals} min {sample.minute:6.2f}: "
                f"RSS {' + '.join(f'{v:.0f}' for v in sample.rss_mb)} MB, "
                f"{sample.connections} DB connections, {rate:.0f} req/s, "
                f"{sample.errors} errors",
                flush=True,
            )
        peak = max((m.get("VmHWM", 0) for m in app.worker_memory().values()), default=0)
    finally:
        stack.stop()
    results = verdict(samples)
    print(
        f"\nSoak test {setup.today()}: {args.minutes:g} minutes, sample every "
        f"{args.interval:g} s, {args.connections} anonymous + {args.signed_in_connections} "
        f"signed-in connections; peak worker RSS (VmHWM) {peak / 1024:.0f} MB.\n"
    )
    print(
        markdown_table(
            ["criterion", "result", "detail"],
            [[name, "pass" if ok else "FAIL", detail] for name, ok, detail in results],
            align_right_from=3,
        )
    )
    return 0 if all(ok for _name, ok, _detail in results) else 1


if __name__ == "__main__":
    sys.exit(main())
