"""Autosave of the workbook's steps in a real browser (static/strategies/workbook.js).

Typing is saved without submitting, and the status (aria-live) says so. Offline,
the input is kept in localStorage and the status says it is not saved; once the
connection is back it is sent. A draft that did not reach the server (the
connection dropped) is offered back after a reload. When a team member saved
the same text meanwhile, nothing is overwritten: the conflict box shows their
text next to the person's own, who may keep hers.

Each state is checked by axe-core, for CSP violations, console errors and
requests to other hosts (see conftest.py).
"""

import json

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.i18n import label, label_text
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import check_a11y
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.strategies.factories import strategy_of
from voneinander.strategies import services, steps
from voneinander.strategies.models import Strategy

MINE = "Schnelles Internet im Ortskern und ein engagierter Gemeinderat."
OFFLINE = "Der Bus fährt nur zweimal am Tag."
DROPPED = "Mitfahrbank an der Kirche."
THEIRS = "Dorf-Website, gepflegt vom Ortsgemeinderat."
KEEP = "Dorf-Website und Mitfahrbank; Online-Termine sind geplant."


def saved_prefix() -> str:
    """The start of the status "Saved at 14:05" in German."""
    return label_text("Saved at %(time)s").split("%(time)s")[0].strip()


NOT_SAVED_OFFLINE = (
    "Not saved – no connection. Your input is kept on this device and sent as soon as the "
    "connection is back."
)


def _fresh(strategy) -> Strategy:
    return Strategy.objects.get(pk=strategy.pk)


def _draft(page, key: str) -> dict | None:
    stored = page.evaluate("key => window.localStorage.getItem(key)", key)
    return json.loads(stored) if stored else None


def test_autosave_offline_draft_restore_and_conflict(page, visit, browser_watch):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    municipality = MembershipFactory(network=network, municipality__name="Göllheim").municipality
    author = UserFactory(
        email="digital@goellheim.example.org",
        municipality=municipality,
        municipality_confirmed_at=timezone.now(),
    )
    colleague = UserFactory(
        email="bauamt@goellheim.example.org", first_name="Conrad", last_name="Kollege"
    )
    strategy = strategy_of(municipality, lead=author, editors=[colleague], strengths="", vision="")
    step_url = reverse("strategies:step", kwargs={"pk": strategy.pk, "step": "ausgangslage"})
    autosave_url = reverse(
        "strategies:autosave", kwargs={"pk": strategy.pk, "step": "ausgangslage"}
    )
    draft_key = f"voneinander-strategy-u{author.pk}-{strategy.pk}-ausgangslage"

    # 1. Typing is saved without submitting; the status says so.
    sign_in(page, author.email)
    visit(step_url)
    main = page.get_by_role("main")
    status = main.get_by_role("status").and_(main.locator("[data-autosave-status]"))
    expect(status).to_have_attribute("aria-live", "polite")
    main.locator("textarea[name='strengths']").fill(MINE)
    expect(status).to_contain_text(saved_prefix())
    saved = _fresh(strategy)
    assert saved.strengths == MINE
    assert saved.version == strategy.version + 1
    expect(main.locator("input[name='version']")).to_have_value(str(saved.version))
    assert _draft(page, draft_key) is None
    check_a11y(page, "step after an autosave")

    # 2. Offline: not saved, kept on this device.
    page.context.set_offline(True)
    main.locator("textarea[name='weaknesses']").fill(OFFLINE)
    expect(status).to_have_text(label(NOT_SAVED_OFFLINE))
    draft = _draft(page, draft_key)
    assert draft["values"]["weaknesses"] == OFFLINE
    assert draft["values"]["strengths"] == MINE
    assert _fresh(strategy).weaknesses == ""
    check_a11y(page, "step while offline")

    # Back online: sent at once.
    page.context.set_offline(False)
    expect(status).to_contain_text(saved_prefix())
    assert _fresh(strategy).weaknesses == OFFLINE
    assert _draft(page, draft_key) is None

    # 3. The connection drops while saving: after a reload the input is offered back.
    browser_watch.expect_console_error(r"ERR_INTERNET_DISCONNECTED|ERR_FAILED")
    page.route(f"**{autosave_url}", lambda route: route.abort("internetdisconnected"))
    main.locator("textarea[name='existing_projects']").fill(DROPPED)
    expect(status).to_have_text(label(NOT_SAVED_OFFLINE))
    assert _draft(page, draft_key)["values"]["existing_projects"] == DROPPED
    assert _fresh(strategy).existing_projects == ""

    visit(step_url)
    # The old page's retry (after 3 s) must not get through either.
    page.unroute(f"**{autosave_url}")
    main = page.get_by_role("main")
    status = main.locator("[data-autosave-status]")
    offer = main.locator("[data-draft-offer]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text(label_text("Restore unsaved input?"))
    expect(main.locator("textarea[name='existing_projects']")).to_have_value("")
    check_a11y(page, "step offering a draft back")
    offer.get_by_role("button", name=label("Restore input")).click()
    expect(offer).to_be_hidden()
    expect(main.locator("textarea[name='existing_projects']")).to_have_value(DROPPED)
    expect(status).to_contain_text(saved_prefix())
    assert _fresh(strategy).existing_projects == DROPPED
    assert _draft(page, draft_key) is None

    # 4. A colleague saves the same text meanwhile: the conflict box shows both texts.
    current = _fresh(strategy)
    services.save_step(
        strategy=current,
        step=steps.STARTING_POINT,
        values={"strengths": MINE, "weaknesses": OFFLINE, "existing_projects": THEIRS},
        by=colleague,
        base_version=current.version,
    )
    browser_watch.expect_console_error(r"status of 409")
    mine = main.locator("textarea[name='existing_projects']")
    mine.fill(KEEP)
    conflict = main.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(status).to_have_text(label("Not saved – someone else changed this step."))
    expect(conflict.locator("[data-conflict-message]")).to_contain_text(colleague.display_name)
    theirs = conflict.locator("[data-conflict-theirs]")
    expect(theirs).to_contain_text(THEIRS)
    expect(mine).to_have_value(KEEP)
    keep = conflict.get_by_role("button", name=label("Keep my text"))
    expect(keep).to_be_focused()
    check_a11y(page, "step with the conflict box")
    assert _fresh(strategy).existing_projects == THEIRS

    # She keeps her text: saved over theirs on purpose.
    keep.click()
    expect(conflict).to_be_hidden()
    expect(status).to_contain_text(saved_prefix())
    assert _fresh(strategy).existing_projects == KEEP

    # Signing out (from any page) removes her drafts from this browser, not others'.
    visit(reverse("core:home"))
    others = "voneinander-strategy-u999999-1-ausgangslage"
    for key in (draft_key, others):
        page.evaluate("key => localStorage.setItem(key, '{}')", key)
    sign_out(page)
    assert page.evaluate("key => localStorage.getItem(key)", draft_key) is None
    assert page.evaluate("key => localStorage.getItem(key)", others) == "{}"
