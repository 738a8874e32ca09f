"""The whole-site crawl: privacy (requests, storage), axe-core, Nu HTML Checker, links.

One crawl (module fixture `crawl`, see tests/trust/crawl.py) feeds the result
tests below, one per check of the trust report. The crawl writes its data
straight to the test database (the live server must see it) and empties the
database when it is done, as transactional tests do.
"""

import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.conftest import build_world, seed_flushed_vocabulary
from tests.events.registration_factories import congress
from tests.factories import (
    PASSWORD,
    UserFactory,
)
from tests.news.factories import NewsItemFactory
from tests.trust.crawl import (
    CRAWL_ROLES,
    Crawler,
    matrix_pages,
    session_key_for,
    timed,
    write_report,
)
from voneinander.events import registration_services
from voneinander.pages import a11y_texts, legal_texts
from voneinander.pages.models import Page

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
WRONG_CODE = "000000"


def _sign_in(page, email: str, password: str) -> None:
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(password)
    page.locator("main form button[type='submit']").first.click()


def _state_pages(world) -> dict[str, list[tuple[str, str]]]:
    """Extra pages in the states that matter, per role: (label, url)."""
    news = NewsItemFactory(network=None, title="Meldung mit Video", video_url=VIDEO)
    full = congress(capacity=1, networks=[world.network])
    for session in [full.stadt_1, full.dorf_1, full.stadt_2, full.home_2]:
        holder = UserFactory()
        registration_services.register(event=full.event, user=holder, sessions=[session])
    event_url = full.event.get_absolute_url()
    return {
        "anonymous": [
            ("state: consent placeholder", news.get_absolute_url()),
            ("state: full workshops", event_url),
        ],
        "member": [("state: full workshops", event_url)],
        "coordinator": [],
    }


def _crawl_states(crawler: Crawler, world) -> None:
    login = reverse("account_login")
    # Anonymous: login with a wrong password; the barrier report sent empty.
    context = crawler.context()
    page = context.new_page()
    crawler.open(page, "login", "anonymous", login)
    crawler.act(
        page,
        "state: login, wrong password",
        "anonymous",
        lambda p: _sign_in(p, "member@example.org", "falsches-Passwort"),
    )
    crawler.open(page, "barrier report", "anonymous", reverse("pages:report_barrier"))
    crawler.act(
        page,
        "state: barrier report sent empty",
        "anonymous",
        lambda p: p.locator("main form button[type='submit']").first.click(),
    )
    context.close()

    # A registered person who is no member yet: the application with its upload, sent empty.
    context = crawler.context(session_key_for(world.user("user")))
    page = context.new_page()
    crawler.open(
        page,
        "state: upload form (application)",
        "user",
        reverse("admissions:apply", kwargs={"slug": "alpha"}),
    )
    crawler.act(
        page,
        "state: application sent empty",
        "user",
        lambda p: p.locator("main form button[type='submit']").last.click(),
    )
    context.close()

    # A coordinator with TOTP: the second step of the login, and a wrong code.
    context = crawler.context()
    page = context.new_page()
    page.goto(login)
    crawler.act(
        page,
        "state: login with MFA",
        "coordinator (signing in)",
        lambda p: _sign_in(p, world.user("coordinator").email, PASSWORD),
    )
    crawler.act(
        page,
        "state: MFA, wrong code",
        "coordinator (signing in)",
        lambda p: (
            p.locator("input[name='code']").fill(WRONG_CODE),
            p.locator("main form button[type='submit']").first.click(),
        ),
    )
    context.close()


@pytest.fixture(scope="module")
def crawl(trust_browser, live_server, django_db_setup, django_db_blocker):
    # Own temporary folders: pytest prunes old basetemps of runs in parallel.
    with tempfile.TemporaryDirectory(prefix="voneinander-crawl-") as folder:
        yield _crawl(trust_browser, live_server, django_db_blocker, Path(folder))


def _crawl(trust_browser, live_server, django_db_blocker, folder: Path):
    media, html_dir = folder / "media", folder / "html"
    html_dir.mkdir()
    crawler = Crawler(trust_browser, live_server.url, html_dir)
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        cache.clear()
        try:
            with timed(crawler.result):
                seed_flushed_vocabulary()  # an earlier browser test may have flushed it
                legal_texts.seed(Page)
                a11y_texts.seed(Page)
                world = build_world()
                states = _state_pages(world)
                pages, crawler.result.unbuilt = matrix_pages(world)
                for role in CRAWL_ROLES:
                    user = world.user(role)
                    context = crawler.context(session_key_for(user) if user else None)
                    page = context.new_page()
                    for label, url in states[role]:
                        crawler.open(page, label, role, url)
                    for label, page_role, url in pages:
                        if page_role == role:
                            crawler.open(page, label, role, url, only_html=True)
                    context.close()
                _crawl_states(crawler, world)
                crawler.check_html()
        finally:
            write_report(crawler.result)
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()
    return crawler.result


def _listing(items, limit=40) -> str:
    items = list(items)
    shown = "\n".join(f"  {item}" for item in items[:limit])
    more = f"\n  ... and {len(items) - limit} more" if len(items) > limit else ""
    return shown + more


def test_crawl_reaches_every_page_and_state(crawl, record_property):
    record_property("pages", crawl.page_count())
    broken = [f"{v.name}: {v.error}" for v in crawl.visits if v.error]
    labels = {v.label for v in crawl.visits}

    assert crawl.unbuilt == [], "matrix rows the crawl could not build:\n" + _listing(crawl.unbuilt)
    assert broken == [], "pages the crawl could not check:\n" + _listing(broken)
    assert {
        "state: consent placeholder",
        "state: full workshops",
        "state: login, wrong password",
        "state: application sent empty",
        "state: upload form (application)",
        "state: login with MFA",
        "state: MFA, wrong code",
    } <= labels
    assert crawl.page_count() > 100
    print(f"\ncrawl: {crawl.page_count()} pages in {crawl.seconds:.0f} s")


@pytest.mark.trust("No third-party requests")
def test_crawl_makes_no_request_to_another_host(crawl, record_property):
    record_property("pages", crawl.page_count())
    foreign = [f"{v.name}: {url}" for v in crawl.visits for url in v.foreign]

    placeholder = next(v for v in crawl.visits if v.label == "state: consent placeholder")

    assert foreign == [], "requests to other hosts:\n" + _listing(foreign)
    # The video of another host is there, behind its two-click placeholder.
    assert placeholder.video_placeholder and not placeholder.foreign
    assert all(v.requests for v in crawl.visits if not v.error)


@pytest.mark.trust("Anonymous storage")
def test_crawl_stores_nothing_for_anonymous_visitors(crawl, record_property):
    anonymous = [v for v in crawl.visits if v.role == "anonymous"]
    record_property("pages", len(anonymous))
    stored = [f"{v.name}: {v.cookies + v.storage}" for v in anonymous if v.cookies or v.storage]

    assert stored == [], "cookies or Web Storage for anonymous visitors:\n" + _listing(stored)


@pytest.mark.trust("axe WCAG 2.1 AA")
def test_crawl_finds_no_axe_violation_of_any_impact(crawl, record_property):
    record_property("pages", crawl.page_count())
    found = [
        f"{v.name}: [{x['impact']}] {x['id']} at {', '.join(x['targets'][:3])}"
        for v in crawl.visits
        for x in v.violations
    ]

    assert found == [], "axe-core violations:\n" + _listing(found, limit=80)


@pytest.mark.trust("Nu HTML Checker")
def test_crawl_html_has_no_nu_checker_error(crawl, record_property):
    record_property("pages", crawl.page_count())
    by_file = {v.html_file.name: v for v in crawl.visits if v.html_file}
    errors = [
        f"{by_file[name].name}: {message}"
        for name, messages in crawl.vnu_errors.items()
        for message in messages
    ]

    assert errors == [], "Nu HTML Checker errors:\n" + _listing(errors, limit=80)


@pytest.mark.trust("Accessibility statement linked")
def test_crawl_every_page_links_statement_and_feedback_form(crawl, record_property):
    record_property("pages", crawl.page_count())
    missing = [v.name for v in crawl.visits if v.html_file and not v.links_statement]
    no_feedback = [v.name for v in crawl.visits if v.html_file and not v.links_feedback]

    assert missing == [], "pages without the accessibility statement:\n" + _listing(missing)
    assert no_feedback == [], "pages without the barrier report form:\n" + _listing(no_feedback)
