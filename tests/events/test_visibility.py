"""Hidden events stay hidden: every role, on the list, the page, the .ics and the feeds.

The selector (`events_visible_to`) and the predicate (`can_see_event`) must
agree; a test plants events of every visibility and compares both with the
expected answer for each role.
"""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROLES
from tests.events.factories import EventFactory, RegistrationFactory
from voneinander.events.models import CalendarFeedToken, Visibility
from voneinander.events.permissions import can_see_event
from voneinander.events.selectors import events_visible_to

TITLES = {
    "public": "Offenes Netzwerktreffen",
    "members-alpha": "Internes Treffen Alpha",
    "members-beta": "Internes Treffen Beta",
    "joint-members": "Gemeinsames Mitgliedertreffen",
    "invited-alpha": "Klausur auf Einladung",
    "invited-beta": "Vorbereitungsrunde Beta",
}

EXPECTED = {
    "anonymous": {"public"},
    # The plain user is invited to one event.
    "user": {"public", "invited-alpha"},
    "member": {"public", "members-alpha", "joint-members"},
    # The contact person is a named organiser of beta's invitation-only event.
    "contact": {"public", "members-alpha", "joint-members", "invited-beta"},
    # Coordinating alpha makes one an organiser of all of alpha's events.
    "coordinator": {"public", "members-alpha", "joint-members", "invited-alpha"},
    "admin": set(TITLES),
}


@pytest.fixture
def planted(world):
    alpha, beta = world.network, world.other_network
    return {
        "public": EventFactory(networks=[alpha], title=TITLES["public"]),
        "members-alpha": EventFactory(
            networks=[alpha], visibility=Visibility.MEMBERS, title=TITLES["members-alpha"]
        ),
        "members-beta": EventFactory(
            networks=[beta], visibility=Visibility.MEMBERS, title=TITLES["members-beta"]
        ),
        "joint-members": EventFactory(
            networks=[alpha, beta], visibility=Visibility.MEMBERS, title=TITLES["joint-members"]
        ),
        "invited-alpha": EventFactory(
            networks=[alpha],
            visibility=Visibility.INVITED,
            invited=[world.user("user")],
            title=TITLES["invited-alpha"],
        ),
        "invited-beta": EventFactory(
            networks=[beta],
            visibility=Visibility.INVITED,
            organisers=[world.user("contact")],
            title=TITLES["invited-beta"],
        ),
    }


def _user(world, role):
    return world.user(role) or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_selector_and_predicate_agree_for_every_role(world, planted, role):
    user = _user(world, role)
    visible = set(events_visible_to(user).values_list("pk", flat=True))
    for key, event in planted.items():
        expected = key in EXPECTED[role]
        assert (event.pk in visible) is expected, key
        assert can_see_event(user, event) is expected, key
        assert user.has_perm("events.view_event", event) is expected, key


@pytest.mark.parametrize("role", ROLES)
def test_event_list_shows_only_visible_events(world, planted, client_as, role):
    html = client_as(world.user(role)).get(reverse("events:list")).content.decode()
    for key, title in TITLES.items():
        assert (title in html) is (key in EXPECTED[role]), key


@pytest.mark.parametrize("role", ROLES)
def test_archive_shows_only_visible_past_events(world, planted, client_as, role):
    past = timezone.now() - datetime.timedelta(days=40)
    for event in planted.values():
        event.starts_at, event.ends_at = past, past + datetime.timedelta(hours=2)
        event.save(update_fields=["starts_at", "ends_at"])
    html = (
        client_as(world.user(role)).get(reverse("events:list"), {"vergangen": "1"}).content.decode()
    )
    for key, title in TITLES.items():
        assert (title in html) is (key in EXPECTED[role]), key


@pytest.mark.parametrize("role", ROLES)
def test_hidden_events_answer_404_on_page_calendar_and_join(world, planted, client_as, role):
    client = client_as(world.user(role))
    for key, event in planted.items():
        for name in ("events:detail", "events:ics"):
            response = client.get(reverse(name, kwargs={"slug": event.slug}))
            assert response.status_code == (200 if key in EXPECTED[role] else 404), (name, key)
        if key not in EXPECTED[role]:
            join = client.get(reverse("events:join", kwargs={"slug": event.slug}))
            assert join.status_code == 404, key


@pytest.mark.parametrize("role", ROLES)
def test_network_pages_list_only_visible_upcoming_events(world, planted, client_as, role):
    client = client_as(world.user(role))
    html = "".join(
        client.get(reverse("networks:detail", kwargs={"slug": slug})).content.decode()
        for slug in ("alpha", "beta")
    )
    for key, title in TITLES.items():
        assert (title in html) is (key in EXPECTED[role]), key


def _summaries(content: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")}


@pytest.mark.parametrize("role", ROLES)
def test_network_feeds_hold_only_public_events_whoever_asks(world, planted, client_as, role):
    client = client_as(world.user(role))
    summaries = set()
    for slug in ("alpha", "beta"):
        response = client.get(reverse("events:network_feed", kwargs={"slug": slug}))
        summaries |= _summaries(response.content)
    assert summaries == {TITLES["public"]}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_personal_feed_leaves_out_events_the_person_may_no_longer_see(world, planted, client, role):
    person = world.user(role)
    for event in planted.values():  # registrations made earlier, e.g. before a membership ended
        RegistrationFactory(event=event, user=person)
    token = CalendarFeedToken.objects.create(user=person, token=f"token-{role}")
    response = client.get(reverse("events:personal_feed", kwargs={"token": token.token}))
    assert _summaries(response.content) == {TITLES[key] for key in EXPECTED[role]}


def test_a_member_whose_municipality_leaves_loses_sight_of_members_events(world, planted):
    from voneinander.networks.models import MembershipStatus
    from voneinander.networks.roles import forget_roles

    member = world.user("member")
    assert can_see_event(member, planted["members-alpha"])
    world.membership.status = MembershipStatus.LEFT
    world.membership.save(update_fields=["status"])
    forget_roles(member)
    assert not can_see_event(member, planted["members-alpha"])
    assert not events_visible_to(member).filter(pk=planted["members-alpha"].pk).exists()
