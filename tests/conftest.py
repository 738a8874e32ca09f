import os
from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from tests import coverage
from tests.factories import (
    ContactPersonFactory,
    CoordinatorFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put our queue back.

    Every test thereby sends mail the way production does: through the
    `deliver_email` task (run immediately in tests) into the locmem outbox.
    """
    settings.EMAIL_BACKEND = "voneinander.core.mail.QueuedEmailBackend"


@pytest.fixture(scope="session", autouse=True)
def _clamd():
    """Every upload is virus-scanned (tests/settings.py): one real clamd per session.

    Starts in well under a second with its one-signature database; fails the
    run clearly when /usr/sbin/clamd is missing (scripts/install-test-services.sh).
    """
    from django.conf import settings as django_settings

    from tests.scanning.clamd import Clamd

    daemon = Clamd(django_settings.CLAMD_SOCKET)
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (letters) and generated files (notices) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


ROLES = ["anonymous", "user", "member", "contact", "coordinator", "admin"]


def enable_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@dataclass
class World:
    """Two networks and one person per role, all scoped to network A."""

    network: object
    other_network: object
    membership: object
    other_membership: object
    users: dict

    def user(self, role):
        return self.users.get(role)


def build_world() -> World:
    """One person per role in network "alpha"; another network "beta".

    Also built outside a test transaction by the crawl (tests/trust/test_crawl.py).
    """
    network = NetworkFactory(name="Netzwerk Alpha", short_name="Alpha", slug="alpha")
    other = NetworkFactory(name="Netzwerk Beta", short_name="Beta", slug="beta")
    membership = MembershipFactory(network=network, municipality__name="Altstadt")
    other_membership = MembershipFactory(network=other, municipality__name="Bergdorf")
    member = UserFactory(
        email="member@example.org",
        municipality=membership.municipality,
        municipality_confirmed_at=timezone.now(),
    )
    contact = ContactPersonFactory(membership=membership, user__email="contact@example.org").user
    coordinator = CoordinatorFactory(network=network, user__email="coordinator@example.org").user
    enable_totp(coordinator)
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    enable_totp(admin)
    # A second coordinator, so that removing one is allowed.
    CoordinatorFactory(network=network, user__email="coordinator2@example.org")
    CoordinatorFactory(network=other, user__email="beta-coordinator@example.org")
    users = {
        "anonymous": None,
        "user": UserFactory(email="user@example.org"),
        "member": member,
        "contact": contact,
        "coordinator": coordinator,
        "admin": admin,
    }
    return World(network, other, membership, other_membership, users)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_as(client):
    """`client_as(user)` signs the test client in (or out for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


def _full_run(config) -> bool:
    if os.environ.get("VONEINANDER_CHECK_ROUTES") != "1":
        return False
    return not config.option.keyword and not config.option.markexpr


def pytest_sessionfinish(session, exitstatus):
    if exitstatus != 0 or not _full_run(session.config):
        return
    import django.urls

    django.urls.clear_url_caches()
    all_views = {name for name, _pattern in coverage.walk_patterns()}
    missing = sorted(all_views - coverage.EXERCISED)
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("")
        reporter.write_line("URL patterns that no test requested:", red=True)
        for name in missing:
            reporter.write_line(f"  {name}", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _german_by_default():
    """Each test starts in German, whatever language a previous request activated."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and cached
    fragments (footer links, role sets) are keyed by ids the next test reuses."""
    from django.core.cache import cache

    cache.clear()


def seed_flushed_vocabulary() -> None:
    """Seed what data migrations seed, if a transactional test's flush removed it."""
    from voneinander.knowledge import vocabulary
    from voneinander.knowledge.models import Topic
    from voneinander.pages import a11y_texts, legal_texts
    from voneinander.pages.models import Page
    from voneinander.strategies import fields as strategy_fields
    from voneinander.strategies.models import StrategyField

    if not Topic.objects.exists():
        vocabulary.seed(Topic)
    if not StrategyField.objects.exists():
        strategy_fields.seed(StrategyField, Topic)
    if not Page.objects.exclude(kind="free").exists():
        legal_texts.seed(Page)
        a11y_texts.seed(Page)  # Leichte Sprache, Gebärdensprache (migration 0003)


@pytest.fixture(autouse=True)
def _vocabulary_survives_flush(request, django_db_blocker, _empty_cache):
    """The vocabulary and the legal pages that data migrations seed are there in
    every test that uses the database. Transactional tests (the browser tests)
    end by emptying every table, which would leave the tests after them without."""
    names = request.fixturenames
    if "db" in names or "transactional_db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("django_db_setup")
        from voneinander.pages.selectors import footer_links

        with django_db_blocker.unblock():
            seed_flushed_vocabulary()
            # As in production between changes: the footer's links come from the
            # cache, so query counts measure the page, not the first request.
            footer_links()
