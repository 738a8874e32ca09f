"""The browser tests' own checks must catch what they promise to catch.

These tests serve made-up documents on the live server's origin
(`browser_watch.serve`), provoke each kind of problem and assert that it was
recorded; then they `reset()` the record so that the test itself passes.
"""

import pytest

from tests.browser.support import check_a11y

CLEAN = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""

# No lang, no title, an image without alternative text: serious and critical.
BROKEN = """<!doctype html>
<html><head><meta charset="utf-8"></head>
<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="/__b/">weiter</a>
</main></body></html>"""

STRICT_CSP = {"Content-Security-Policy": "default-src 'self'; script-src 'self'"}


def test_check_a11y_fails_on_serious_and_critical_violations(page, browser_watch):
    browser_watch.serve("/__a/", BROKEN)
    page.goto("/__a/")

    with pytest.raises(AssertionError) as failure:
        check_a11y(page, "broken page")

    message = str(failure.value)
    assert "[critical] image-alt" in message
    assert "[serious] html-has-lang" in message
    assert "/__a/ (broken page)" in message


def test_check_a11y_passes_a_clean_page_under_a_strict_csp(page, browser_watch):
    browser_watch.serve("/__b/", CLEAN.format(title="Sauber", body=""), STRICT_CSP)
    page.goto("/__b/")

    check_a11y(page)

    assert browser_watch.csp_violations == []
    assert browser_watch.console_errors == []


def test_page_left_by_a_click_is_checked_automatically(page, browser_watch):
    browser_watch.serve("/__a/", BROKEN)
    browser_watch.serve("/__b/", CLEAN.format(title="Ziel", body=""))
    page.goto("/__a/")

    page.get_by_role("link", name="weiter").click()
    page.wait_for_url("**/__b/")

    [failure] = browser_watch.a11y_failures.values()
    assert "/__a/ (after page load)" in failure
    assert "[critical] image-alt" in failure
    assert browser_watch.checked_urls[0] == f"{browser_watch.origin}/__a/"
    browser_watch.reset()


def test_navigation_waits_for_a_running_check(page, browser_watch):
    # The page leaves itself while axe-core is still checking it (a big page,
    # and a timer that fires between axe-core's steps).
    filler = "".join(f"<p>Absatz {i}</p>" for i in range(3000))
    leave = (
        "<script>addEventListener('DOMContentLoaded',"
        " () => setTimeout(() => location.assign('/__b/')));</script>"
    )
    browser_watch.serve("/__a/", BROKEN.replace("</main>", filler + "</main>" + leave))
    browser_watch.serve("/__b/", CLEAN.format(title="Ziel", body=""))

    page.goto("/__a/")
    page.wait_for_url("**/__b/")

    assert browser_watch.navigations_held == 1
    [failure] = browser_watch.a11y_failures.values()
    assert "/__a/ (after page load)" in failure
    browser_watch.reset()


def test_state_after_an_htmx_swap_is_checked_automatically(page, browser_watch):
    browser_watch.serve("/__swap/", CLEAN.format(title="Vorher", body='<div id="slot"></div>'))
    page.goto("/__swap/")
    check_a11y(page, "before the swap")

    # What htmx does: swap content in, then announce it on the swapped element.
    with page.expect_console_message(lambda m: '"kind":"done"' in m.text):
        page.evaluate(
            """() => {
              const slot = document.getElementById("slot");
              slot.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
              slot.dispatchEvent(new CustomEvent("htmx:afterSettle", {bubbles: true}));
            }"""
        )

    [failure] = browser_watch.a11y_failures.values()
    assert "(after htmx:afterSettle)" in failure
    assert "[critical] image-alt" in failure
    browser_watch.reset()


def test_csp_violation_is_recorded(page, browser_watch):
    body = "<script>document.title = 'inline';</script>"
    browser_watch.serve("/__csp/", CLEAN.format(title="CSP", body=body), STRICT_CSP)

    with page.expect_console_message(lambda m: m.type == "error"):
        page.goto("/__csp/")

    assert len(browser_watch.csp_violations) == 1
    assert "inline script violates" in browser_watch.csp_violations[0]
    browser_watch.reset()


def test_request_to_another_host_is_blocked_and_recorded(page, browser_watch):
    body = '<img src="https://example.org/pixel.gif" alt="">'
    browser_watch.serve("/__foreign/", CLEAN.format(title="Fremd", body=body))

    with page.expect_event("requestfailed") as failed:
        page.goto("/__foreign/")

    assert failed.value.url == "https://example.org/pixel.gif"
    assert browser_watch.foreign_requests == ["https://example.org/pixel.gif"]
    browser_watch.reset()


def test_expected_console_error_is_tolerated(page, browser_watch):
    browser_watch.expect_console_error(r"expected failure")
    body = '<button type="button">x</button>'
    browser_watch.serve("/__log/", CLEAN.format(title="Log", body=body))
    page.goto("/__log/")

    with page.expect_console_message(lambda m: m.type == "error"):
        page.evaluate("() => console.error('an expected failure')")

    assert browser_watch.console_errors == []
