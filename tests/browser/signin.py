"""Signing in within browser tests: password, TOTP codes, a clock at a period start."""

import re
import time
from contextlib import contextmanager

import time_machine
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.i18n import label
from tests.factories import PASSWORD


def activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, offset: int = 0) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))


def wrong_totp_code(secret: str) -> str:
    """A well-formed code that is not valid now, nor in the periods around now."""
    near = {totp_code(secret, offset) for offset in range(-2, 3)}
    return next(code for code in (f"{n:06d}" for n in range(10**6)) if code not in near)


@contextmanager
def fresh_totp_period():
    """Move the clock (in the test and the live server) to the start of a TOTP
    period, so a code computed now stays valid for the whole sign-in."""
    period = mfa_settings.TOTP_PERIOD
    start = int(time.time()) // period * period
    with time_machine.travel(start + 0.1, tick=True):
        yield


def sign_in_with_password(page, email: str) -> None:
    page.wait_for_load_state("load")
    page.goto(reverse("account_login"))
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    # Wait for the answer to load, so that the next step never leaves a page
    # while it (and its accessibility check) is still loading.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("main").get_by_role("button", name=re.compile("^Anmeld")).click()


def sign_in(page, email: str) -> None:
    """Sign in with the password and wait until the signed-in page has loaded."""
    sign_in_with_password(page, email)
    expect(page.get_by_role("button", name=label("Sign out"))).to_be_visible()
    page.wait_for_load_state("load")


def sign_in_with_totp(page, email: str, secret: str) -> None:
    with fresh_totp_period():
        sign_in_with_password(page, email)
        code_field = page.get_by_role("textbox", name="Code")
        expect(code_field).to_be_visible()
        # Let the code page finish loading (and its accessibility check run)
        # before submitting it; a fast fill could leave it while still loading.
        page.wait_for_load_state("load")
        code_field.fill(totp_code(secret))
        page.get_by_role("main").get_by_role("button", name=re.compile("^Anmeld")).click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def sign_out(page) -> None:
    # The page being left must have loaded: its accessibility check waits for
    # that, and the browser would otherwise leave it half-loaded.
    page.wait_for_load_state("load")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Abmelden").click()
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Anmelden")).to_be_visible()
