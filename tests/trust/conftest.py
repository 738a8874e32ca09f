"""Browser checks of the trust report: the crawl and the keyboard/reflow scripts.

They drive Debian's chromium like tests/browser (same launch options); every
test in test_crawl.py and test_keyboard.py gets the ``e2e`` marker.
"""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

BROWSER_MODULES = {"test_crawl.py", "test_keyboard.py"}
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(item.path)
        if path.parent == HERE and path.name in BROWSER_MODULES:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def trust_browser():
    """Chromium for one module (see tests/browser/conftest.py for the async flag)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/install-browser.sh (`make test` runs it).",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
