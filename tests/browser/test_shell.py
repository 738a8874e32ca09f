"""The platform shell in a real browser: languages, no cookies, sign-in with TOTP.

Every page these tests open is also checked by axe-core, for CSP violations,
console errors and third-party requests (see conftest.py).
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.signin import (
    activate_totp,
    fresh_totp_period,
    sign_in_with_password,
    totp_code,
    wrong_totp_code,
)
from tests.browser.support import check_a11y
from tests.factories import PASSWORD, CoordinatorFactory, UserFactory


def path_re(path: str) -> re.Pattern:
    """Matches a full URL whose path is exactly `path` (no query string)."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


# --- languages and cookies --------------------------------------------------------


def test_start_page_in_german_and_english(page, visit):
    visit("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    main_nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(main_nav.get_by_role("link", name="Netzwerke")).to_be_visible()

    visit("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    main_nav = page.get_by_role("navigation", name="Main navigation")
    expect(main_nav.get_by_role("link", name="Networks")).to_be_visible()


def test_language_switch_goes_to_english_and_back(page, visit):
    visit("/impressum/")

    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(path_re("/en/impressum/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    main_nav = page.get_by_role("navigation", name="Main navigation")
    expect(main_nav.get_by_role("link", name="Networks")).to_be_visible()
    # The link to the current language is marked, not removed.
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="Deutsch").click()

    expect(page).to_have_url(path_re("/impressum/"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    main_nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(main_nav.get_by_role("link", name="Netzwerke")).to_be_visible()


def test_anonymous_visitor_gets_no_cookie(page, visit):
    for path in [
        "/",
        "/en/",
        reverse("account_login"),
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/en/konto/login/",
    ]:
        visit(path)

    assert page.context.cookies() == []


# --- sign-in with two-factor authentication ---------------------------------------


def test_sign_in_with_totp_code(page):
    user = UserFactory(email="anna@example.org")
    secret = activate_totp(user)

    with fresh_totp_period():
        sign_in_with_password(page, user.email)
        expect(page).to_have_url(path_re(reverse("mfa_authenticate")))
        code_field = page.get_by_role("textbox", name="Code")
        expect(code_field).to_be_visible()
        code_field.fill(totp_code(secret))
        page.get_by_role("main").get_by_role("button", name=re.compile("^Anmeld")).click()

    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/konto/(login|2fa)/"))


def test_sign_in_with_wrong_totp_code_stays_on_code_page(page):
    user = UserFactory(email="bert@example.org")
    secret = activate_totp(user)

    with fresh_totp_period():
        sign_in_with_password(page, user.email)
        expect(page).to_have_url(path_re(reverse("mfa_authenticate")))
        page.get_by_role("textbox", name="Code").fill(wrong_totp_code(secret))
        page.get_by_role("main").get_by_role("button", name=re.compile("^Anmeld")).click()

    expect(page).to_have_url(path_re(reverse("mfa_authenticate")))
    # The error summary links to the field, which announces the error itself.
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name="Code: Falscher Code.")).to_be_visible()
    code_field = page.get_by_role("textbox", name="Code")
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(code_field).to_have_accessible_description(re.compile("Falscher Code"))
    check_a11y(page, "code page with error")
    expect(page.get_by_role("button", name="Abmelden")).to_have_count(0)


def test_coordinator_without_totp_is_sent_to_totp_setup(page):
    coordinator = CoordinatorFactory(user__email="carla@example.org").user

    sign_in_with_password(page, coordinator.email)

    # allauth asks for the password again before TOTP can be set up (its
    # reauthentication rule; signing in does not count as reauthentication).
    setup = reverse("mfa_activate_totp")
    expect(page).to_have_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    page.get_by_role("textbox", name="Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Bestätigen").click()

    expect(page).to_have_url(path_re(setup))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The QR code to scan, with a text alternative.
    expect(page.get_by_role("img")).not_to_have_count(0)
    check_a11y(page, "TOTP setup with QR code")
