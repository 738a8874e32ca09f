"""Benchmarks: `make bench` (python -m bench).

Runs against a fresh SQLite database in a temporary directory (or DATABASE_URL
when set), loads the demo data, and measures the server time of pages through
Django's test client (no network, no browser): median and 95th percentile over
many requests, and the number of SQL queries per request. Write the results
into docs/performance.md by hand, with the date and the machine.
"""

import os
import statistics
import sys
import tempfile
import time
from io import StringIO

REPEAT = int(os.environ.get("BENCH_REPEAT", "300"))


def setup_django(workdir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
    os.environ.setdefault("VONEINANDER_VAR_DIR", workdir)
    os.environ.setdefault("EMAIL_URL", "dummy://")
    os.environ.setdefault("STATIC_ROOT", os.path.join(workdir, "static"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=StringIO())


def measure(client, url: str) -> dict:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get(url)  # warm up caches and templates
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "url": url,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "queries": len(queries),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from django.test import Client

        from voneinander.accounts.models import User

        anonymous = Client()
        member = Client()
        member.force_login(User.objects.get(email="team@andernach.example.org"))
        rows = [
            ("anonymous", measure(anonymous, url))
            for url in ["/", "/netzwerke/", "/netzwerke/ikone-ds/", "/konto/login/", "/impressum/"]
        ]
        rows += [("member", measure(member, url)) for url in ["/", "/netzwerke/ikone-ds/intern/"]]

        # The scale: one network with 2,300 member municipalities.
        from bench.scale import SLUG, populate

        populate(members=2300)
        rows += [
            ("anonymous", measure(anonymous, url))
            for url in [
                f"/mitglieder/?netzwerk={SLUG}",
                f"/mitglieder/?netzwerk={SLUG}&sortierung=-einwohner&seite=20",
                f"/mitglieder/karte/?netzwerk={SLUG}",
                f"/mitglieder/kennzahlen/{SLUG}/",
            ]
        ]
        print(f"Server time over {REPEAT} requests each (Django test client, SQLite)")
        print(f"{'who':<10} {'page':<60} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for who, row in rows:
            print(
                f"{who:<10} {row['url']:<60} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f}"
                f" {row['queries']:>8}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
