"""Helpers for the browser tests: axe-core checks and the per-test watch.

Import `check_a11y` in a test to check a state at a point of your choosing,
with an immediate failure (the automatic checks fail the test at its end)::

    from tests.browser.support import check_a11y

    check_a11y(page, "login form with errors")

`arrived(page, url)` waits for a page reached by a click to load and checks it.

Everything else is wired up by `tests/browser/conftest.py`; its docstring
explains how the automatic checks work.
"""

from __future__ import annotations

import json
import re
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

HERE = Path(__file__).parent
AXE_SOURCE_PATH = HERE / "vendor" / "axe.min.js"
INSTRUMENT_PATH = HERE / "instrument.js"
REPORT_PREFIX = "__voneinander_axe__ "
STATIC_PREFIX = "/static/"

# The foundation requirement: WCAG 2.1 A and AA, tested by axe-core; zero
# serious or critical violations.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# How long leaving a page or ending a test waits for axe-core to finish; less
# than the default timeout of actions (conftest.py), so that a click that
# waits for it fails with this explanation rather than a timeout.
AXE_WAIT_MS = 8_000

# Pages of the `page` fixture and their watches, for `check_a11y`.
_WATCHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def init_script() -> str:
    """axe-core plus the instrumentation, added to every document."""
    axe = AXE_SOURCE_PATH.read_text(encoding="utf-8")
    instrument = INSTRUMENT_PATH.read_text(encoding="utf-8")
    instrument = instrument.replace("__AXE_TAGS__", json.dumps(AXE_TAGS))
    instrument = instrument.replace("__REPORT_PREFIX__", json.dumps(REPORT_PREFIX))
    return axe + "\n;\n" + instrument


def check_a11y(page: Page, label: str = "") -> None:
    """Fail now unless axe-core finds no serious or critical WCAG 2.1 AA violation.

    Checks the page's current state (waiting for automatic checks that are
    still running). `label` names the state in the failure message.
    """
    if page.evaluate("() => typeof window.__voneinanderAxe !== 'object'"):
        raise RuntimeError("check_a11y needs a page from the `page` fixture (tests/browser).")
    result = page.evaluate("() => window.__voneinanderAxe.check()")
    watch = _WATCHES.get(page)
    if watch is not None:
        # This result is reported here; do not report it again at the end.
        watch.forget_failure(result["doc"], result["run"])
    message = failure_message(result, label)
    if message:
        raise AssertionError(message)


def arrived(page: Page, url) -> None:
    """Wait until the page at `url` has loaded and passed its check before going on
    (leaving a page that is still loading fails the test, see conftest.py)."""
    expect(page).to_have_url(url)
    page.wait_for_load_state("load")
    check_a11y(page)


def failure_message(result: dict, label: str = "") -> str | None:
    """The failure message for one axe-core result, or None if it passes.

    Fails on serious and critical violations only; the message also lists the
    moderate and minor ones, so that they are seen while fixing the others.
    """
    where = result["url"] + (f" ({label})" if label else "")
    if "error" in result:
        return f"axe-core could not check {where}: {result['error']}"
    violations = result["violations"]
    if not any(v["impact"] in FAILING_IMPACTS for v in violations):
        return None
    return f"axe-core found serious/critical violations on {where}:\n" + format_violations(
        violations
    )


def format_violations(violations: list[dict], limit: int = 8) -> str:
    lines = []
    for v in sorted(violations, key=lambda v: _impact_rank(v["impact"])):
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(f"      at {target}" for target in v["targets"][:limit])
        if len(v["targets"]) > limit:
            lines.append(f"      ... and {len(v['targets']) - limit} more")
    return "\n".join(lines)


def _impact_rank(impact: str | None) -> int:
    order = ["critical", "serious", "moderate", "minor"]
    return order.index(impact) if impact in order else len(order)


def _is_csp_violation(text: str) -> bool:
    return text.startswith("Refused to") or "Content Security Policy" in text


@dataclass
class Document:
    url: str
    state: str  # "loading" (no check yet), "busy" or "idle"
    checks: int = 0


@dataclass
class BrowserWatch:
    """What one test's browser did: documents and their checks, console, requests.

    Created for the `page` fixture; ask for the `browser_watch` fixture to
    tolerate an expected console error (`expect_console_error`) or to look at
    what was recorded.
    """

    origin: str
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    a11y_failures: dict[tuple[str, int], str] = field(default_factory=dict)
    checked_urls: list[str] = field(default_factory=list)
    expected_errors: list[re.Pattern] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    current: dict[Page, str] = field(default_factory=dict)
    fake_pages: dict[str, tuple[str, dict]] = field(default_factory=dict)
    navigations_held: int = 0  # navigations that waited for a running check
    _forgotten: set[tuple[str, int]] = field(default_factory=set)

    def watch(self, page: Page) -> None:
        _WATCHES[page] = self

    def expect_console_error(self, pattern: str) -> None:
        """Tolerate console errors matching `pattern` (a regular expression).

        For tests that provoke an error on purpose, e.g. opening a page that
        answers 404: ``browser_watch.expect_console_error(r"status of 404")``.
        CSP violations are never tolerated.
        """
        self.expected_errors.append(re.compile(pattern))

    def serve(self, path: str, html: str, headers: dict | None = None) -> None:
        """Answer `path` on the live server's origin with `html` (for self-tests).

        The response is made up in the browser's request routing, after the
        check of the page being left, so these documents go through the same
        checks as real ones.
        """
        self.fake_pages[path] = (html, headers or {})

    def reset(self) -> None:
        """Forget recorded problems (for self-tests that provoke them)."""
        self.console_errors.clear()
        self.csp_violations.clear()
        self.foreign_requests.clear()
        self._forgotten.update(self.a11y_failures)
        self.a11y_failures.clear()

    def forget_failure(self, doc: str, run: int) -> None:
        self._forgotten.add((doc, run))
        self.a11y_failures.pop((doc, run), None)

    def is_site(self, url: str) -> bool:
        """Is `url` a page of the live server (not about:blank, data: ...)?"""
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def may_be_document(self, url: str) -> bool:
        """A page of the live server, not a static file (see `route` in conftest.py)."""
        return self.is_site(url) and not urlsplit(url).path.startswith(STATIC_PREFIX)

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"data", "blob", "about"} or self.is_site(url)

    # --- event handlers (called by Playwright) --------------------------------

    def on_console(self, message) -> None:
        text = message.text
        if message.type == "debug" and text.startswith(REPORT_PREFIX):
            self._on_report(message.page, json.loads(text[len(REPORT_PREFIX) :]))
            return
        if message.type != "error":
            return
        location = message.location or {}
        where = location.get("url") or ""
        if where and location.get("lineNumber") is not None:
            where = f"{where}:{location['lineNumber']}"
        entry = text + (f"  [{where}]" if where else "")
        if _is_csp_violation(text):
            self.csp_violations.append(entry)
        elif not any(p.search(text) for p in self.expected_errors):
            self.console_errors.append(entry)

    def on_page_error(self, error) -> None:
        if not any(p.search(str(error)) for p in self.expected_errors):
            self.console_errors.append(f"uncaught exception: {error}")

    def on_request(self, request) -> None:
        self.requests.append(request.url)
        if not self.is_own(request.url):
            self.foreign_requests.append(request.url)

    def _on_report(self, page: Page | None, report: dict) -> None:
        kind, doc = report["kind"], report["doc"]
        if kind == "hello":
            state = "loading" if report["html"] else "idle"
            self.documents[doc] = Document(url=report["url"], state=state)
            if page is not None:
                self.current[page] = doc
            return
        document = self.documents.setdefault(doc, Document(url="?", state="busy"))
        if kind == "busy":
            document.state = "busy"
        elif kind == "idle":
            document.state = "idle"
        elif kind == "done":
            document.checks += 1
            document.url = report["url"]
            if not self.is_site(report["url"]):
                return
            self.checked_urls.append(report["url"])
            key = (doc, report["run"])
            message = failure_message(report, f"after {report['reason']}")
            if message and key not in self._forgotten:
                self.a11y_failures[key] = message

    # --- waiting for the checks -------------------------------------------------

    def wait_until_checked(self, page: Page, why: str) -> None:
        """Wait until the page's current document has no check pending.

        Runs inside Playwright's route handler, where calls that reach the page
        (evaluate) would hang: it only waits for the reports on the console.
        Records a failure instead of raising, as an exception there would not
        reach the test.
        """
        doc = self.current.get(page)
        if doc is None or not self.is_site(self.documents[doc].url):
            return
        deadline = time.monotonic() + AXE_WAIT_MS / 1000
        if self.documents[doc].state != "idle":
            self.navigations_held += 1
        while self.documents[doc].state != "idle" and not page.is_closed():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                document = self.documents[doc]
                self.a11y_failures[(doc, -1)] = (
                    f"axe-core did not finish checking {document.url} before {why} "
                    f"(state: {document.state}). Let the page finish loading before "
                    "leaving it, e.g. with expect(...) on its content."
                )
                return
            try:
                # On the context, whose console listeners run in the order they
                # were added: `on_console` (added first) has seen the message.
                page.context.wait_for_event(
                    "console",
                    predicate=lambda m: m.text.startswith(REPORT_PREFIX),
                    timeout=remaining * 1000,
                )
            except PlaywrightError:
                continue

    def final_check(self, page: Page) -> None:
        """Check the page's current state at the end of the test."""
        if page.evaluate("() => typeof window.__voneinanderAxe !== 'object'"):
            return
        result = page.evaluate("() => window.__voneinanderAxe.check()")
        key = (result["doc"], result["run"])
        message = failure_message(result, "end of test")
        if message and key not in self._forgotten:
            self.a11y_failures[key] = message

    def problems(self) -> list[str]:
        problems = list(self.a11y_failures.values())
        if self.csp_violations:
            problems.append(
                "Content Security Policy violations:\n"
                + "\n".join(f"  {v}" for v in self.csp_violations)
            )
        if self.console_errors:
            problems.append("Console errors:\n" + "\n".join(f"  {e}" for e in self.console_errors))
        if self.foreign_requests:
            problems.append(
                f"Requests to hosts other than the live server {self.origin}:\n"
                + "\n".join(f"  {u}" for u in sorted(set(self.foreign_requests)))
            )
        return problems
