"""Browser tests: Playwright drives Debian's chromium against the live server.

Run them with ``pytest tests/browser`` (or ``pytest -m e2e``); every test in
this folder gets the ``e2e`` marker. The browser is /usr/bin/chromium from
Debian's package (``scripts/install-browser.sh`` installs it); no browser is
ever downloaded, and a missing chromium fails the tests instead of skipping.

Fixtures
--------
``page``
    A fresh browser context and page per test (locale de-DE, time zone
    Europe/Berlin) pointing at pytest-django's ``live_server``, so relative
    URLs work: ``page.goto("/konto/login/")``. Using it makes the test
    transactional (``live_server`` pulls in ``transactional_db``): data the
    test creates is visible to the server, and the database is emptied after
    the test. The cache (login rate limits, used TOTP codes) is cleared first.
``visit``
    ``visit("/path/")`` opens a page, asserts the response status (200 unless
    ``status=`` says otherwise), fails at once if axe-core finds serious or
    critical violations, and returns the response.
``browser_watch``
    The record behind ``page`` (`support.BrowserWatch`), e.g.
    ``browser_watch.expect_console_error(r"status of 404")`` before opening a
    page that answers 404 on purpose.
``live_url``
    The live server's base URL (``http://localhost:PORT``).

What every test checks without asking
-------------------------------------
A test that passed its own assertions still fails if

- axe-core (rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa) found a serious
  or critical violation in any state of any page the browser showed;
- the browser logged a Content Security Policy violation ("Refused to ...")
  or another console error, or a script threw;
- anything was requested from a host other than the live server (such
  requests are also blocked, so nothing ever leaves the machine).

How every page gets its axe-core check
--------------------------------------
axe-core and `instrument.js` are added to every document with
``context.add_init_script`` (through the DevTools protocol, so the page's strict
CSP does not block them, while the page's own scripts stay under it and its
violations are seen as a visitor's browser would see them). In each HTML
document the instrumentation runs axe-core once the document is parsed and
styled (``DOMContentLoaded``) and after every htmx swap (``htmx:afterSettle``),
and reports the results through console messages, which the `page` fixture
records.

Checks run in the page while the test goes on, so the test need not wait for
them. Instead, a route handler holds every navigation of the main frame until
the document being left has finished its checks (the old document stays alive
until the new one arrives), and after the test body the last document is
checked in its final state. So a test may click links, submit forms and follow
redirects freely: each page on the way is checked, in its state after loading
and after each htmx swap. A failure found this way fails the test when
its body is done; ``check_a11y(page, "label")`` from `tests.browser.support`
checks the current state at once (e.g. after script changed the page without
htmx, or to fail right where a problem appears).
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from tests.browser.support import BrowserWatch, check_a11y, init_script

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
    # A conftest's hook sees the items of the whole session: mark only ours.
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser():
    """Chromium for the tests of this folder, closed when they are done."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The browser tests use Debian's chromium: "
            "run scripts/install-browser.sh (`make test` runs it).",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as env:
        # While Playwright's sync API is started, an asyncio event loop counts
        # as running in this thread, and Django's ORM refuses to work in it
        # ("SynchronousOnlyOperation"). The variable is set only while the
        # browser runs: processes started by other tests must not inherit it
        # (`manage.py check --deploy` reports it as async.E001).
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture(scope="session")
def _init_script() -> str:
    return init_script()


@pytest.fixture
def live_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def browser_watch(live_url) -> BrowserWatch:
    return BrowserWatch(origin=live_url)


@pytest.fixture
def page(request, browser, _init_script, live_url, transactional_db, browser_watch):
    cache.clear()
    watch = browser_watch
    context = browser.new_context(
        base_url=live_url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(script=_init_script)
    context.on("console", watch.on_console)
    context.on("weberror", lambda web_error: watch.on_page_error(web_error.error))
    context.on("request", watch.on_request)
    context.on("page", watch.watch)

    def block(route):
        route.abort("blockedbyclient")

    def route(route):
        req = route.request
        if req.is_navigation_request() and req.frame.parent_frame is None:
            # The old document stays until the new one arrives: let it finish.
            watch.wait_until_checked(req.frame.page, "the browser left it")
        fake = watch.fake_pages.get(urlsplit(req.url).path)
        if fake is not None:
            html, headers = fake
            route.fulfill(body=html, content_type="text/html; charset=utf-8", headers=headers)
            return
        route.continue_()

    # Requests to other hosts are blocked. Only requests that may be documents
    # go through `route`: while it holds a navigation, the static files of a
    # page still loading must not queue behind it.
    context.route(lambda url: not watch.is_own(url), block)
    context.route(lambda url: watch.may_be_document(url), route)
    page = context.new_page()
    watch.watch(page)
    request.node.stash[WATCH_KEY] = (watch, page)
    yield page
    context.close()


@pytest.fixture
def visit(page):
    def visit(path: str, status: int = 200, label: str = ""):
        # Leave the current page only once it has loaded (see `route` in `page`).
        page.wait_for_load_state("load")
        response = page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        check_a11y(page, label)
        return response

    return visit


def _finish(watch: BrowserWatch, page) -> None:
    """Check the last document in its final state, then report all problems."""
    if not page.is_closed():
        page.wait_for_load_state("load")
        watch.wait_until_checked(page, "the test ended")
        if watch.is_site(page.url):
            watch.final_check(page)
    problems = watch.problems()
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # Reached only when the test body passed: then check what it saw, too.
    stashed = item.stash.get(WATCH_KEY, None)
    if stashed is not None:
        _finish(*stashed)
    return result
