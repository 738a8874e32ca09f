"""Helpers for the browser tests: axe-core checks and the per-test watchdog.

Import `check_a11y` in a test to check a state the automatic checks cannot
see (a part of the page swapped by htmx, an opened dialog)::

    from tests.browser.support import check_a11y

    check_a11y(page, "the filter results")

Everything else is wired up by `tests/browser/conftest.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

AXE_SOURCE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"

# The foundation requirement: WCAG 2.1 A and AA, tested by axe-core.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

_axe_source: str | None = None


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_SOURCE_PATH.read_text(encoding="utf-8")
    return _axe_source


# Runs in the page. Remembers the checked markup in the document itself, so the
# automatic check skips a document that has not changed since it was checked;
# the mark goes away with the document when the browser navigates.
_RUN_AXE = """
async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  window.__voneinanderAxeChecked = document.documentElement.outerHTML;
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}
"""

_IS_CHECKED = "() => window.__voneinanderAxeChecked === document.documentElement.outerHTML"


def run_axe(page: Page) -> list[dict]:
    """Run axe-core on the page's current document and return all violations.

    `page.evaluate` runs through the DevTools protocol, so the page's Content
    Security Policy (script-src 'self') does not block the injected axe-core,
    and the page is tested with the very policy a visitor gets.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def is_checked(page: Page) -> bool:
    return bool(page.evaluate(_IS_CHECKED))


def format_violations(violations: list[dict], limit: int = 8) -> str:
    lines = []
    for v in sorted(violations, key=lambda v: _impact_rank(v["impact"])):
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for target in v["targets"][:limit]:
            lines.append(f"      at {target}")
        if len(v["targets"]) > limit:
            lines.append(f"      ... and {len(v['targets']) - limit} more")
    return "\n".join(lines)


def _impact_rank(impact: str | None) -> int:
    order = ["critical", "serious", "moderate", "minor"]
    return order.index(impact) if impact in order else len(order)


def a11y_failure(page: Page, label: str = "") -> str | None:
    """Check the current document; a failure message, or None when it passes.

    Fails on serious and critical violations only; the message lists the
    moderate and minor ones too, so they are seen while fixing the others.
    """
    violations = run_axe(page)
    if not any(v["impact"] in FAILING_IMPACTS for v in violations):
        return None
    where = f"{page.url}" + (f" ({label})" if label else "")
    return f"axe-core found serious/critical violations on {where}:\n" + format_violations(
        violations
    )


def check_a11y(page: Page, label: str = "") -> None:
    """Fail unless axe-core finds no serious or critical WCAG 2.1 AA violation.

    `label` names the state being checked in the failure message, e.g.
    "login form with errors".
    """
    message = a11y_failure(page, label)
    if message:
        raise AssertionError(message)


@dataclass
class BrowserWatch:
    """What one test's browser did: documents checked, console, requests.

    Created by the `page` fixture; ask for the `browser_watch` fixture to
    tolerate an expected console error (`expect_console_error`) or to look at
    what was recorded.
    """

    origin: str
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    a11y_failures: list[str] = field(default_factory=list)
    checked_urls: list[str] = field(default_factory=list)
    expected_errors: list[re.Pattern] = field(default_factory=list)
    fake_pages: dict[str, tuple[str, dict]] = field(default_factory=dict)

    def serve(self, path: str, html: str, headers: dict | None = None) -> None:
        """Answer `path` on the live server's origin with `html` (for self-tests).

        The response is made up in the browser's request routing, after the
        automatic check of the page being left, so these documents take the
        same path through the checks as real ones.
        """
        self.fake_pages[path] = (html, headers or {})

    def reset(self) -> None:
        """Forget recorded problems (for self-tests that provoke them)."""
        for recorded in (
            self.console_errors,
            self.csp_violations,
            self.foreign_requests,
            self.a11y_failures,
        ):
            recorded.clear()

    def expect_console_error(self, pattern: str) -> None:
        """Tolerate console errors matching `pattern` (a regular expression).

        For tests that provoke an error on purpose, e.g. opening a page that
        answers 404: ``browser_watch.expect_console_error(r"status of 404")``.
        Never use it for CSP violations: those are always failures.
        """
        self.expected_errors.append(re.compile(pattern))

    # --- event handlers (called by Playwright) --------------------------------

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        location = message.location or {}
        where = location.get("url") or ""
        if where and location.get("lineNumber") is not None:
            where = f"{where}:{location['lineNumber']}"
        text = f"{message.text}" + (f"  [{where}]" if where else "")
        if _is_csp_violation(message.text):
            self.csp_violations.append(text)
        elif not any(p.search(message.text) for p in self.expected_errors):
            self.console_errors.append(text)

    def on_page_error(self, error) -> None:
        text = f"uncaught exception: {error}"
        if not any(p.search(str(error)) for p in self.expected_errors):
            self.console_errors.append(text)

    def on_request(self, request) -> None:
        self.requests.append(request.url)
        if not self.is_own(request.url):
            self.foreign_requests.append(request.url)

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    # --- accessibility ----------------------------------------------------------

    def check_current_document(self, page: Page, label: str = "") -> None:
        """Check the page's document unless it was checked unchanged already.

        Records failures instead of raising: this runs from Playwright's route
        handler, where an exception would not reach the test.
        """
        if page.is_closed() or not self.is_own(page.url) or not page.url.startswith("http"):
            return
        try:
            if is_checked(page):
                return
            message = a11y_failure(page, label)
        except PlaywrightError as error:
            self.a11y_failures.append(f"axe-core could not run on {page.url}: {error}")
            return
        self.checked_urls.append(page.url)
        if message:
            self.a11y_failures.append(message)

    def problems(self) -> list[str]:
        problems = []
        if self.a11y_failures:
            problems.extend(self.a11y_failures)
        if self.csp_violations:
            problems.append(
                "Content Security Policy violations:\n"
                + "\n".join(f"  {v}" for v in self.csp_violations)
            )
        if self.console_errors:
            problems.append(
                "Console errors:\n" + "\n".join(f"  {e}" for e in self.console_errors)
            )
        if self.foreign_requests:
            problems.append(
                f"Requests to hosts other than the live server {self.origin}:\n"
                + "\n".join(f"  {u}" for u in sorted(set(self.foreign_requests)))
            )
        return problems


def _is_csp_violation(text: str) -> bool:
    return text.startswith("Refused to") or "Content Security Policy" in text
