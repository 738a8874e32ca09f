"""The whole-site crawl of issue 9 (tests/trust/test_crawl.py).

Pages: every URL pattern's row in the permission matrix (tests/test_access_matrix.py
and tests/*/access_rows.py, which give the URL kwargs and who may see the page)
that answers 200 with HTML for an anonymous visitor, a member or a coordinator,
each opened in Debian's chromium as that person; the Django admin is left out
(its own pages, its own markup). Then the states that matter, reached by
filling in forms. On every page the crawl records

- every request the browser made (all must go to the live server),
- for anonymous visitors: cookies and Web Storage entries afterwards,
- axe-core's violations (wcag2a, wcag2aa, wcag21a, wcag21aa; every impact),
- the HTML as served (checked by the Nu HTML Checker in one JVM at the end),
- whether the page links the accessibility statement and its feedback form.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.browser.support import init_script

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CRAWL_ROLES = ["anonymous", "member", "coordinator"]
# The only Web Storage entries an anonymous visitor may hold: remembered video
# consent (voneinander/core/static/core/video.js).
CONSENT_PREFIX = "voneinander.video-consent:"
PAGE_TIMEOUT_MS = 30_000
# Rows whose set-up changes what other rows show in the one database the crawl
# shares: blocking the member in network alpha turns the member's comment forms
# of every other row into 403. Their 200 pages are the same form as comments:create.
SHARED_STATE_ROWS = {"comments:create[blocked]"}
# Chromium's own pages (its PDF viewer, when a PDF left out of the crawl was
# opened): served by the browser itself, nothing goes over the network.
BROWSER_INTERNAL = {"chrome", "chrome-extension", "devtools"}


@dataclass
class Visit:
    """One page (or state) as one person saw it."""

    label: str
    role: str
    url: str
    html_file: Path | None = None
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    links_statement: bool = False
    links_feedback: bool = False
    video_placeholder: bool = False  # a two-click placeholder for another host's video
    error: str = ""

    @property
    def name(self) -> str:
        return f"{self.label} as {self.role} ({self.url})"


@dataclass
class CrawlResult:
    visits: list[Visit] = field(default_factory=list)
    vnu_errors: dict[str, list[str]] = field(default_factory=dict)  # file name → messages
    unbuilt: list[str] = field(default_factory=list)  # matrix rows whose kwargs failed
    skipped: list[str] = field(default_factory=list)  # answers that are no HTML page
    seconds: float = 0.0

    def page_count(self) -> int:
        return len(self.visits)


def matrix_pages(world, roles=CRAWL_ROLES) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(label, role, url) for every matrix row a role may GET, and rows that failed to build."""
    from django.db import transaction

    from tests.test_access_matrix import MATRIX, _view_name

    pages, unbuilt = [], []
    for key, (kwargs, statuses) in MATRIX.items():
        if key in SHARED_STATE_ROWS:
            continue
        expected = dict(
            zip(
                ["anonymous", "user", "member", "contact", "coordinator", "admin"],
                statuses.split(),
                strict=True,
            )
        )
        wanted = [role for role in roles if expected[role] == "200"]
        if not wanted or key.startswith("admin:"):
            continue
        try:
            with transaction.atomic():
                built = kwargs(world) if callable(kwargs) else kwargs
            url = reverse(_view_name(key), kwargs=built)
        except Exception as error:
            unbuilt.append(f"{key}: {type(error).__name__}: {error}")
            continue
        pages.extend((key, role, url) for role in wanted)
    return pages, unbuilt


class Crawler:
    """Opens pages in one browser context per person and records what happened."""

    def __init__(self, browser, live_url: str, html_dir: Path):
        self.browser = browser
        self.live_url = live_url
        self.html_dir = html_dir
        self.result = CrawlResult()
        self._script = init_script()
        self._current: Visit | None = None
        self._files = 0
        self.statement_url = reverse("core:accessibility")
        self.feedback_url = reverse("pages:report_barrier")

    # --- contexts -------------------------------------------------------------------

    def context(self, session_key: str | None = None):
        context = self.browser.new_context(
            base_url=self.live_url,
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        context.add_init_script(script=self._script)
        context.on("request", self._on_request)
        context.route(lambda url: not self._is_own(url), lambda route: route.abort())
        if session_key:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": self.live_url}]
            )
        return context

    def _is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.live_url

    def _on_request(self, request) -> None:
        if self._current is None:
            return
        if urlsplit(request.url).scheme in BROWSER_INTERNAL:
            return
        self._current.requests.append(request.url)
        if not self._is_own(request.url):
            self._current.foreign.append(request.url)

    # --- visiting -------------------------------------------------------------------

    def start(self, label: str, role: str, url: str) -> Visit:
        visit = Visit(label=label, role=role, url=url)
        self._current = visit
        self.result.visits.append(visit)
        return visit

    def open(self, page: Page, label: str, role: str, url: str, *, only_html=False) -> Visit | None:
        """Open `url` and check it. With `only_html`, answers that are no HTML page
        (downloads, JSON, calendar files) are left out of the crawl."""
        visit = self.start(label, role, url)
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as error:
            if only_html and "Download is starting" in str(error):
                self._drop(visit)
                return None
            visit.error = str(error).splitlines()[0]
            return visit
        if response is None:
            visit.error = "no response"
            return visit
        if only_html and not response.headers.get("content-type", "").startswith("text/html"):
            self._drop(visit)
            return None
        if response.status != 200:
            visit.error = f"answered {response.status}"
            return visit
        try:
            self.finish(page, visit, response.text())
        except PlaywrightError as error:
            visit.error = str(error).splitlines()[0]
        return visit

    def _drop(self, visit: Visit) -> None:
        self.result.visits.remove(visit)
        self.result.skipped.append(visit.url)
        self._current = None

    def act(self, page: Page, label: str, role: str, action: Callable[[Page], None]) -> Visit:
        """A state reached by `action` (e.g. submitting a form): the document it
        navigates to is checked like a page."""
        visit = self.start(label, role, page.url)
        try:
            with page.expect_response(
                lambda r: r.request.is_navigation_request() and r.status != 302
            ) as answer:
                action(page)
            page.wait_for_load_state("load")
            visit.url = page.url
            self.finish(page, visit, answer.value.text())
        except PlaywrightError as error:
            visit.error = str(error).splitlines()[0]
        return visit

    def finish(self, page: Page, visit: Visit, html: str) -> None:
        visit.url = urlsplit(page.url).path + (
            f"?{urlsplit(page.url).query}" if urlsplit(page.url).query else ""
        )
        result = page.evaluate("() => window.__voneinanderAxe.check()")
        if "error" in result:
            visit.error = f"axe-core: {result['error']}"
        else:
            visit.violations = result["violations"]
        self._files += 1
        visit.html_file = self.html_dir / f"page-{self._files:04d}.html"
        visit.html_file.write_text(html, encoding="utf-8")
        visit.video_placeholder = "data-video-embed" in html
        visit.links_statement = f'href="{self.statement_url}"' in html
        visit.links_feedback = bool(re.search(rf'href="{re.escape(self.feedback_url)}[?"]', html))
        if visit.role == "anonymous":
            visit.cookies = sorted(c["name"] for c in page.context.cookies())
            keys = page.evaluate(
                "() => [...Object.keys(localStorage).map(k => 'localStorage:' + k),"
                " ...Object.keys(sessionStorage).map(k => 'sessionStorage:' + k)]"
            )
            visit.storage = [k for k in keys if not k.startswith("localStorage:" + CONSENT_PREFIX)]
        self._current = None

    # --- Nu HTML Checker ---------------------------------------------------------------

    def check_html(self) -> None:
        files = [v.html_file for v in self.result.visits if v.html_file is not None]
        if not files:
            return
        if not VNU_JAR.exists():
            raise RuntimeError(
                f"{VNU_JAR} is missing: run scripts/install-vnu.sh (`make test` runs it)."
            )
        completed = subprocess.run(
            [
                "java",
                "-Xss1m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--errors-only",
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            messages = json.loads(completed.stderr or completed.stdout or "{}")["messages"]
        except (ValueError, KeyError) as error:
            raise RuntimeError(
                f"vnu.jar gave no JSON (exit {completed.returncode}): {completed.stderr[:2000]}"
            ) from error
        for message in messages:
            if message.get("type") != "error":
                continue
            name = Path(urlsplit(message.get("url", "")).path).name
            where = f"line {message.get('lastLine', '?')}"
            extract = (message.get("extract") or "").strip().replace("\n", " ")[:160]
            self.result.vnu_errors.setdefault(name, []).append(
                f"{where}: {message['message']}  [{extract}]"
            )


REPORT = ROOT / "var" / "trust-crawl.txt"


def write_report(result: CrawlResult, path: Path = REPORT) -> None:
    """Everything the crawl found, for reading after a failure (var/ is not committed)."""
    lines = [f"{result.page_count()} pages in {result.seconds:.0f} s", ""]
    lines += [f"UNBUILT {row}" for row in result.unbuilt]
    by_file = {v.html_file.name: v for v in result.visits if v.html_file}
    for v in result.visits:
        lines.append(f"PAGE {v.name}")
        if v.error:
            lines.append(f"  ERROR {v.error}")
        lines += [f"  FOREIGN {url}" for url in v.foreign]
        lines += [f"  STORED {item}" for item in v.cookies + v.storage]
        lines += [
            f"  AXE [{x['impact']}] {x['id']}: {x['help']} at {', '.join(x['targets'][:5])}"
            for x in v.violations
        ]
        if v.html_file and v.html_file.name in result.vnu_errors:
            lines += [f"  VNU {m}" for m in result.vnu_errors[v.html_file.name]]
        if v.html_file and not (v.links_statement and v.links_feedback):
            lines.append("  LINKS statement/feedback missing")
    unknown = set(result.vnu_errors) - set(by_file)
    lines += [f"VNU {name}: {m}" for name in sorted(unknown) for m in result.vnu_errors[name]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def session_key_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def timed(result: CrawlResult):
    class _Timer:
        def __enter__(self):
            self.start = time.monotonic()

        def __exit__(self, *exc):
            result.seconds = time.monotonic() - self.start

    return _Timer()
