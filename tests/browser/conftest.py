"""Browser tests: Playwright drives Debian's chromium against the live server.

Run them with ``pytest tests/browser`` (or ``-m e2e``); every test here gets
the ``e2e`` marker. The browser is /usr/bin/chromium from Debian's package
(``scripts/install-browser.sh`` installs it); no browser is ever downloaded.

Fixtures
--------
``page``
    A fresh browser context and page per test (locale de-DE, time zone
    Europe/Berlin), pointing at pytest-django's ``live_server``, so relative
    URLs work: ``page.goto("/konto/login/")``. Using it makes the test
    transactional (``live_server`` requests ``transactional_db``): data created
    in the test is visible to the server, and the database is flushed after it.
``visit``
    ``visit("/path/")`` opens a page, asserts the response status (200 unless
    ``status=`` says otherwise), checks it with axe-core and returns the
    response.
``browser_watch``
    The recorder behind ``page`` (see `support.BrowserWatch`), e.g.
    ``browser_watch.expect_console_error(r"status of 404")`` before opening a
    page that answers 404 on purpose.
``live_url``
    The live server's base URL (``http://localhost:PORT``).

What every test checks without asking
-------------------------------------
After a test body passed, it fails if

- axe-core (WCAG 2.1 A/AA rules) found a serious or critical violation on any
  document the browser showed;
- the browser logged a Content Security Policy violation ("Refused to ...")
  or any other console error, or a script threw;
- the page requested anything from a host other than the live server (such
  requests are also blocked, so nothing ever leaves the machine).

How "every document gets an axe check" works: a route handler sees every
navigation request of the main frame *before* it is sent, while the browser
still shows the document being left. It runs axe-core on that document,
unless the document was checked unchanged already (by `visit` or
`check_a11y`). After the test body, the document shown last is checked too.
So a test may click links, submit forms and follow redirects freely: each
page it saw on the way is checked in the state it was left in. What this
cannot see are states *within* one document that the test does not leave
in: parts swapped by htmx, opened dialogs, validation messages added by
script. Check those explicitly with
``tests.browser.support.check_a11y(page, "label")``; it raises at once.
axe-core is evaluated through the DevTools protocol, so the page's strict CSP
stays in force and its violations are seen as a visitor's browser sees them.
"""

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# would otherwise refuse to run there ("SynchronousOnlyOperation").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.support import BrowserWatch, check_a11y  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).parent
WATCH_KEY = pytest.StashKey[tuple]()
DEFAULT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    # Hooks of a conftest see the whole session's items: mark only ours.
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The browser tests use Debian's chromium; "
            "install it with scripts/install-browser.sh (or `make test`, which runs it).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def browser_watch(live_url) -> BrowserWatch:
    return BrowserWatch(origin=live_url)


@pytest.fixture
def page(request, browser, live_url, transactional_db, browser_watch):
    # Login rate limits and used TOTP codes live in the (per-process) cache.
    cache.clear()
    watch = browser_watch
    context = browser.new_context(
        base_url=live_url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.on("console", watch.on_console)
    context.on("weberror", lambda web_error: watch.on_page_error(web_error.error))
    context.on("request", watch.on_request)

    def route(route):
        req = route.request
        if not watch.is_own(req.url):
            route.abort("blockedbyclient")
            return
        if req.is_navigation_request() and req.frame.parent_frame is None:
            # The browser still shows the document being left: check it now.
            watch.check_current_document(req.frame.page)
        fake = watch.fake_pages.get(urlsplit(req.url).path)
        if fake is not None:
            html, headers = fake
            route.fulfill(body=html, content_type="text/html; charset=utf-8", headers=headers)
            return
        route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    request.node.stash[WATCH_KEY] = (watch, page)
    yield page
    context.close()


@pytest.fixture
def visit(page):
    def visit(path: str, status: int = 200, label: str = ""):
        response = page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, (
            f"{path} answered {response.status}, expected {status}"
        )
        check_a11y(page, label)
        return response

    return visit


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # Only reached when the test body passed: then also check what it saw.
    stashed = item.stash.get(WATCH_KEY, None)
    if stashed is not None:
        watch, page = stashed
        if not page.is_closed():
            watch.check_current_document(page, "last page of the test")
        problems = watch.problems()
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)
    return result
