"""Where a page spends its time: `python -m bench.load_profile [PATH ...]`.

The same production settings and data as bench.load (PostgreSQL, Redis, DEBUG
off), but the requests go straight into the WSGI application in this process,
under cProfile: prints the median server time per page and the functions with
the highest cumulative time. `--session` requests the pages signed in.
`--register N` profiles N registration POSTs instead (each by its own signed-in
person, one workshop of a 12-workshop congress, as in bench.rush).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time

from bench import load_setup as setup


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench.load_profile")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--session", action="store_true", help="signed in")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--register", type=int, default=0, metavar="N", help="N POSTs")
    parser.add_argument("--sort", default="cumulative", help="pstats order, e.g. tottime")
    args = parser.parse_args(argv)
    setup.ensure_database("bench.load_profile", argv)
    stack = setup.start_stack()
    try:
        targets = setup.prepare_demo_data(collectstatic=True)
        if args.register:
            profile_registrations(args.register, top=args.top, sort=args.sort)
            return 0
        paths = args.paths or [f"/veranstaltungen/{targets.event_slug}/", "/"]
        cookie = ""
        if args.session:
            from voneinander.accounts.models import User

            user = User.objects.get(email=targets.email)
            key = setup.session_cookies([user])[user.pk]
            cookie = f"{setup.SESSION_COOKIE}={key}"
        for path in paths:
            profile_path(path, cookie=cookie, repeat=args.repeat, top=args.top, sort=args.sort)
    finally:
        stack.stop()
    return 0


def request(
    app,
    path: str,
    *,
    expect: str,
    method: str = "GET",
    port: int = 8111,
    headers: dict | None = None,
    body: bytes = b"",
) -> int:
    """One request through the WSGI app, as gunicorn passes it; returns the body size."""
    route, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": str(port),
        "HTTP_HOST": f"127.0.0.1:{port}",
        "HTTP_X_FORWARDED_PROTO": "https",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **(headers or {}),
    }
    status = []
    response = app(environ, lambda s, h, *a: status.append(s))
    size = sum(len(chunk) for chunk in response)
    if hasattr(response, "close"):
        response.close()
    if not status[0].startswith(expect):
        raise RuntimeError(f"{method} {path}: {status[0]}")
    return size


def measure(name: str, call, *, repeat: int, top: int, sort: str) -> None:
    """Warm up, list the queries of one call, time `repeat` calls, profile `repeat` more."""
    from django.db import connection

    for _ in range(5):
        call()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    # Without the profiler: wall time, and CPU time of this process (the app's
    # share, independent of how busy the machine is; PostgreSQL's work is not in it).
    wall, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    times = []
    profiler = cProfile.Profile()
    for _ in range(repeat):
        began = time.perf_counter()
        profiler.enable()
        call()
        profiler.disable()
        times.append((time.perf_counter() - began) * 1000)
    print(
        f"\n== {name}: median {statistics.median(wall):.2f} ms wall, "
        f"{statistics.median(cpu):.2f} ms CPU in the app process; "
        f"{statistics.median(times):.2f} ms under the profiler; {len(queries)} queries"
    )
    for sql in queries:
        print(f"   {sql[:160]}")
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats(sort).print_stats(top)
    print(stream.getvalue())


def profile_path(path: str, *, cookie: str, repeat: int, top: int, sort: str) -> None:
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    headers = {"HTTP_COOKIE": cookie}
    measure(
        path,
        lambda: request(app, path, expect="200", headers=headers),
        repeat=repeat,
        top=top,
        sort=sort,
    )


def profile_registrations(count: int, *, top: int, sort: str) -> None:
    """`count` registration POSTs of the rush's kind, through the WSGI app in this process."""
    import secrets
    import string
    import urllib.parse

    from django.core.handlers.wsgi import WSGIHandler

    from bench import rush
    from voneinander.events.models import Event

    Event.objects.filter(slug=rush.SLUG).delete()
    repeat = count // 2
    # Each POST by another person: warm-up, query listing, timing and profiling.
    _event, _workshops, attempts = rush.create_congress(2 * repeat + 6, seed=8)
    pool = iter(attempts)
    app = WSGIHandler()
    path = f"/veranstaltungen/{rush.SLUG}/anmelden/"
    alphabet = string.ascii_letters + string.digits

    def post() -> None:
        attempt = next(pool)
        secret = "".join(secrets.choice(alphabet) for _ in range(32))
        fields = [("csrfmiddlewaretoken", secret), ("sessions", str(attempt.workshop))]
        secure = setup.secure_headers(attempt.port, path)
        cookie = f"{setup.SESSION_COOKIE}={attempt.session_key}; {setup.CSRF_COOKIE}={secret}"
        headers = {
            "HTTP_ORIGIN": secure["Origin"],
            "HTTP_REFERER": secure["Referer"],
            "HTTP_COOKIE": cookie,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
        }
        body = urllib.parse.urlencode(fields).encode()
        request(
            app, path, expect="302", method="POST", port=attempt.port, headers=headers, body=body
        )

    measure(f"POST {path}", post, repeat=repeat, top=top, sort=sort)


if __name__ == "__main__":
    sys.exit(main())
