"""Benchmarks: `make bench` (python -m bench).

Runs against a fresh SQLite database in a temporary directory (or DATABASE_URL
when set), loads the demo data, and measures the server time of pages by
calling Django's WSGI application the way gunicorn does (no network, no
browser; unlike the test client, no template instrumentation inflates the
time): median and 95th percentile over many requests, and the number of SQL
queries per request. Write the results
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
    # Persistent connections, as in production (the WSGI handler closes
    # connections at the end of each request unless they may live on).
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    os.environ.setdefault("STATIC_ROOT", os.path.join(workdir, "static"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=StringIO())


class WsgiClient:
    """GET requests straight into the WSGI application, as an app server makes them.

    `cookies` (e.g. a session from the test client's force_login) go into the
    Cookie header; the response body is consumed like a server would send it.
    """

    def __init__(self, cookies: str = ""):
        from django.core.handlers.wsgi import WSGIHandler

        self.app = WSGIHandler()
        self.cookies = cookies

    def get(self, url: str):
        from io import BytesIO
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": parts.path,
            "QUERY_STRING": parts.query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if self.cookies:
            environ["HTTP_COOKIE"] = self.cookies
        status = []

        def start_response(line, headers, exc_info=None):
            status.append(int(line.split()[0]))

        body = self.app(environ, start_response)
        try:
            size = sum(len(chunk) for chunk in body)
        finally:
            if hasattr(body, "close"):
                body.close()
        return _Response(status[0], size)


class _Response:
    def __init__(self, status_code: int, size: int):
        self.status_code = status_code
        self.size = size


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
        from django.conf import settings
        from django.test import Client

        from voneinander.accounts.models import User

        anonymous = WsgiClient()
        login = Client()
        login.force_login(User.objects.get(email="team@andernach.example.org"))
        session = login.cookies[settings.SESSION_COOKIE_NAME].value
        member = WsgiClient(cookies=f"{settings.SESSION_COOKIE_NAME}={session}")
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
        print(f"Server time over {REPEAT} requests each (WSGI application, SQLite)")
        print(f"{'who':<10} {'page':<60} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for who, row in rows:
            print(
                f"{who:<10} {row['url']:<60} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f}"
                f" {row['queries']:>8}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
