"""What axe-core cannot check: keyboard-only use, visible focus, reflow and zoom,
form errors linked to their fields, status changes announced.

The journeys are done with page.keyboard alone (Tab, Shift+Tab, Enter, Space,
arrow keys, typing). At every focus stop the focused element must look
different from its unfocused self (tests/trust/keyboard.py).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.admissions.pdfs import letter_pdf
from tests.browser.i18n import label
from tests.browser.test_admission_journey import _goellheim, _network_with_coordinator
from tests.browser.test_strategy_journey import (
    GOALS,
    STRENGTHS,
    VISION,
    WEAKNESSES,
    _autosaved,
    _member_of,
)
from tests.events.registration_factories import congress
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.strategies.factories import field
from tests.trust.keyboard import NO_OVERFLOW_JS, KeyboardUser, session_cookie
from voneinander.admissions.models import Application, ApplicationState
from voneinander.events import registration_services
from voneinander.events.models import Registration
from voneinander.strategies.models import Measure, Strategy

LONG = 30_000


@pytest.fixture
def context(trust_browser, live_server, transactional_db):
    context = trust_browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(LONG)
    context.route(
        lambda url: not url.startswith(live_server.url) and not url.startswith(("data:", "blob:")),
        lambda route: route.abort(),
    )
    yield context
    context.close()


def _signed_in(context, live_server, user):
    context.add_cookies([session_cookie(live_server.url, user)])
    return context.new_page()


def _text_starts(prefix: str):
    return lambda info: info["text"].startswith(prefix)


def _submit_button(info) -> bool:
    return info["tag"] == "button" and info["type"] == "submit" and info["inMain"]


def _button(name: re.Pattern):
    return lambda info: _submit_button(info) and bool(name.match(info["text"]))


def _is(name: str):
    return lambda info: info["name"] == name


def _member_with_congress(capacity=5):
    membership = MembershipFactory()
    member = UserFactory(municipality=membership.municipality)
    c = congress(capacity=capacity, networks=[membership.network])
    return member, c


# --- keyboard-only journeys ----------------------------------------------------------


@pytest.mark.trust("Keyboard only")
@pytest.mark.trust("Focus visible")
@pytest.mark.trust("Status announced")
def test_workshop_registration_with_keyboard_alone(context, live_server, record_property):
    record_property("pages", 2)
    member, c = _member_with_congress()
    page = _signed_in(context, live_server, member)
    keys = KeyboardUser(page)
    page.goto(c.event.get_absolute_url())
    keys.arrived()

    keys.tab_to(_text_starts("Digitale Stadt I "))
    keys.press("Space")
    keys.tab_to(_text_starts("Homeoffice und Führung"))
    keys.press("Space")
    keys.tab_to(_submit_button)
    keys.submit()

    registration = Registration.objects.get(user=member, event=c.event)
    booked = set(registration.bookings.values_list("session__title", flat=True))
    assert booked == {"Digitale Stadt I", "Homeoffice und Führung"}
    # "angemeldet": the confirmation is in a status region after the full page POST.
    status = page.locator("[role=status]").filter(has_text=re.compile(r"\S"))
    expect(status.first).to_be_visible()
    assert keys.invisible == [], "focus not visible at:\n" + "\n".join(keys.invisible)


@pytest.mark.trust("Keyboard only")
@pytest.mark.trust("Status announced")
def test_full_workshop_refusal_is_announced(context, live_server, record_property):
    record_property("pages", 2)
    member, c = _member_with_congress(capacity=1)
    registration_services.register(event=c.event, user=UserFactory(), sessions=[c.home_2])
    page = _signed_in(context, live_server, member)
    keys = KeyboardUser(page)
    page.goto(c.event.get_absolute_url())
    keys.arrived()
    # "ausgebucht" is said in the option's label, so it is read with the checkbox.
    full = keys.tab_to(_text_starts("Homeoffice und Führung"))
    assert re.search(r"full|ausgebucht|Warteliste|waiting", full["text"], re.IGNORECASE)

    keys.press("Space")
    keys.tab_to(_submit_button)
    keys.submit()

    announced = page.locator("[role=alert], [role=status], [aria-live]").filter(
        has_text=re.compile(r"\S")
    )
    expect(announced.first).to_be_visible()
    assert not Registration.objects.filter(user=member, event=c.event).exists()


@pytest.mark.trust("Keyboard only")
@pytest.mark.trust("Focus visible")
@pytest.mark.trust("Form errors linked")
def test_membership_application_with_keyboard_alone(context, live_server, record_property):
    record_property("pages", 3)
    network, _coordinator, _secret = _network_with_coordinator()
    goellheim = _goellheim()
    applicant = UserFactory(email="digital@vg-goellheim.example.org")
    page = _signed_in(context, live_server, applicant)
    keys = KeyboardUser(page)
    page.goto(f"/aufnahme/{network.slug}/beantragen/")
    keys.arrived()

    # Sent empty first: the errors are linked to their fields.
    keys.tab_to(_submit_button)
    keys.submit()
    _assert_errors_linked(page)

    combobox = keys.tab_to(lambda info: info["role"] == "combobox")
    assert combobox["tag"] == "input"
    keys.type("Göll")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("combobox")).to_have_value("VG Göllheim")
    keys.tab_to(_is("letter"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": letter_pdf()}
    )
    keys.tab_to(_is("topics"))
    keys.press("Space")
    keys.tab_to(_submit_button)
    keys.submit()

    expect(page).to_have_url(re.compile(r"/aufnahme/antraege/\d+/$"))
    application = Application.objects.get()
    assert application.municipality == goellheim
    assert application.state == ApplicationState.SUBMITTED
    assert application.topics == ["Verwaltungsorganisation"]
    assert keys.invisible == [], "focus not visible at:\n" + "\n".join(keys.invisible)


def _assert_errors_linked(page) -> None:
    problems = page.evaluate(
        """() => {
          const problems = [];
          const invalid = [...document.querySelectorAll("[aria-invalid=true]")];
          if (!invalid.length) problems.push("no field is marked aria-invalid");
          for (const el of invalid) {
            const ids = (el.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
            const own = el.closest("fieldset[aria-describedby]");
            if (own) ids.push(...own.getAttribute("aria-describedby").split(/\\s+/));
            const errors = ids.map((id) => document.getElementById(id))
              .filter((n) => n && /error/.test(n.id) && n.innerText.trim());
            if (!errors.length) problems.push(`${el.name}: no error text in aria-describedby`);
          }
          const links = [...document.querySelectorAll("[data-error-summary] a[href^='#']")];
          if (!links.length) problems.push("the error summary links to no field");
          for (const a of links) {
            const target = document.getElementById(a.getAttribute("href").slice(1));
            if (!target) problems.push(`summary link ${a.getAttribute("href")} has no target`);
          }
          return problems;
        }"""
    )
    assert problems == []


@pytest.mark.trust("Keyboard only")
@pytest.mark.trust("Focus visible")
def test_strategy_workbook_with_keyboard_alone(context, live_server, record_property):
    record_property("pages", 6)
    network = NetworkFactory(slug="dd")
    municipality, author = _member_of(network, "Göllheim", "digital@goellheim.example.org", 11000)
    page = _signed_in(context, live_server, author)
    keys = KeyboardUser(page)
    page.goto(reverse("strategies:index"))
    keys.arrived()

    keys.tab_to(lambda info: info["tag"] == "button" and municipality.name in info["text"])
    keys.submit()
    strategy = Strategy.objects.get(municipality=municipality)
    step = reverse("strategies:step", kwargs={"pk": strategy.pk, "step": "ausgangslage"})
    keys.tab_to(lambda info: info["href"] == step)
    keys.submit()
    for name, text in [("strengths", STRENGTHS), ("weaknesses", WEAKNESSES)]:
        keys.tab_to(_is(name))
        keys.type(text)
    _autosaved(page)
    keys.tab_to(_button(label("Save and go to the next step")))
    keys.submit()
    for name, text in [("vision", VISION), ("goals", GOALS)]:
        keys.tab_to(_is(name))
        keys.type(text)
    _autosaved(page)
    keys.tab_to(_button(label("Save and go to the next step")))
    keys.submit()
    keys.tab_to(lambda info: info["name"] == "fields" and info["text"] == field("mobilitaet").name)
    keys.press("Space")
    _autosaved(page)
    keys.tab_to(_button(label("Save and go to the overview")))
    keys.submit()

    # A measure: text fields typed, choices made with the arrow keys.
    page.goto(reverse("strategies:measure_add", kwargs={"pk": strategy.pk}))
    keys.arrived()
    keys.tab_to(_is("title"))
    keys.type("Rufbus für die Ortsgemeinden")
    keys.tab_to(_is("field"))
    keys.press("ArrowDown")
    keys.tab_to(_is("goal"))
    keys.type("Ohne Auto zum Arzt.")
    keys.tab_to(_button(label("Save measure")))
    keys.submit()

    strategy.refresh_from_db()
    assert (strategy.strengths, strategy.weaknesses) == (STRENGTHS, WEAKNESSES)
    assert (strategy.vision, strategy.goals) == (VISION, GOALS)
    assert list(strategy.fields.values_list("slug", flat=True)) == ["mobilitaet"]
    measure = Measure.objects.get(strategy=strategy)
    assert (measure.title, measure.goal) == ("Rufbus für die Ortsgemeinden", "Ohne Auto zum Arzt.")
    assert measure.field is not None
    assert keys.invisible == [], "focus not visible at:\n" + "\n".join(keys.invisible)


# --- focus never trapped, reflow and zoom ----------------------------------------------


KEY_PAGES = ["/", "/netzwerke/", "/veranstaltungen/", "/praxisbeispiele/", "/konto/login/"]


@pytest.mark.trust("Focus visible")
def test_tab_reaches_the_end_of_key_pages_with_visible_focus(context, record_property):
    record_property("pages", len(KEY_PAGES))
    page = context.new_page()
    keys = KeyboardUser(page)
    short = []
    for path in KEY_PAGES:
        page.goto(path)
        keys.arrived()
        total, reached, _stops = keys.walk()
        if len(reached) < total:
            short.append(f"{path}: Tab met {len(reached)} of {total} elements")

    assert short == [], "focus trapped or elements skipped:\n" + "\n".join(short)
    assert keys.invisible == [], "focus not visible at:\n" + "\n".join(keys.invisible)


@pytest.mark.trust("Reflow and zoom")
def test_key_pages_reflow_at_320_css_pixels(context, record_property):
    record_property("pages", len(KEY_PAGES))
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    overflowing = []
    for path in KEY_PAGES:
        page.goto(path)
        page.wait_for_load_state("load")
        result = page.evaluate(NO_OVERFLOW_JS, 320)
        if result["scrollWidth"] > 320 or result["cut"]:
            overflowing.append(f"{path}: {result}")

    assert overflowing == []


@pytest.mark.trust("Reflow and zoom")
def test_key_pages_work_at_200_percent_text_and_zoom(context, record_property):
    record_property("pages", len(KEY_PAGES))
    page = context.new_page()
    # Browser zoom 200 % on a 1280 px window: 640 CSS px at twice the pixel density.
    page.set_viewport_size({"width": 640, "height": 450})
    # Text-only zoom 200 % (WCAG 1.4.4): the browser's default font size doubled.
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    problems = []
    for path in KEY_PAGES:
        page.goto(path)
        page.wait_for_load_state("load")
        size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
        result = page.evaluate(NO_OVERFLOW_JS, 640)
        if result["scrollWidth"] > 640 or result["cut"]:
            problems.append(f"{path}: {result}")
        if size < 30:
            problems.append(f"{path}: body text {size}px, the text did not grow")

    assert problems == []
