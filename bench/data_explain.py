"""The slowest SQL behind the public pages on the bench data: `python -m bench.data_explain`.

Run against a database filled by `python -m bench.data` (DATABASE_URL). For each
page (anonymous and as the bench member) prints the server time, the number of
queries and the slowest query; with `--explain` also its
`EXPLAIN (ANALYZE, BUFFERS)` plan (PostgreSQL). Used to find the indexes in
docs/performance.md ("Indexes").
"""

import argparse
import json
import sys
import time
from pathlib import Path

PAGES = [
    "/",
    "/netzwerke/{network}/",
    "/mitglieder/?netzwerk={network}",
    "/mitglieder/",
    "/veranstaltungen/",
    "/veranstaltungen/{congress}/",
    "/praxisbeispiele/",
    "/praxisbeispiele/{solution}/",
    "/praxisbeispiele/{hot_solution}/",
    "/aktuelles/",
    "/aktuelles/{hot_news}/",
    "/suche/?q=Dorfladen",
    "/api/v1/networks/",
    "/api/v1/municipalities/",
    "/api/v1/solutions/",
    "/api/v1/events/",
    "/api/v1/news/",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.data_explain")
    parser.add_argument("--names", type=Path, help="var/bench-data.json of the data set")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="print every query with its time")
    parser.add_argument("--anonymous", action="store_true", help="only as an anonymous visitor")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args(argv)
    from bench.data import setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from voneinander.accounts.models import User

    names = json.loads((args.names or Path(settings.VAR_DIR) / "bench-data.json").read_text())
    anonymous = Client(HTTP_HOST="localhost")
    member = Client(HTTP_HOST="localhost")
    member.force_login(User.objects.get(email=names["users"]["member"]))
    for template in args.pages or PAGES:
        path = template.format(**names)
        clients = [("anonymous", anonymous), ("member", member)]
        for who, client in clients[:1] if args.anonymous else clients:
            client.get(path)  # warm up
            best = None
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(path)
                    seconds = time.perf_counter() - start
                if best is None or seconds < best[0]:
                    best = (seconds, list(queries.captured_queries), response.status_code)
            seconds, captured, status = best
            slowest = max(captured, key=lambda q: float(q["time"]), default=None)
            print(
                f"{path} [{who}] {status} {seconds * 1000:.1f} ms, {len(captured)} queries"
                + (f", slowest {float(slowest['time']) * 1000:.1f} ms" if slowest else "")
            )
            if args.all:
                for query in captured:
                    print(f"   {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
            if slowest and args.explain and connection.vendor == "postgresql":
                print("   ", slowest["sql"][:600])
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                    for (line,) in cursor.fetchall():
                        print("     ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
