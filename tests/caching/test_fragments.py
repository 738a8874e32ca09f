"""Fragments in the shared cache: invalidated by the services, never personal."""

import datetime
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MembershipFactory, MunicipalityFactory
from voneinander.core.caching import VERSION_KEY, content_version, network_scope
from voneinander.networks import services
from voneinander.networks.models import Membership, Network

PAGE = "/en/netzwerke/alpha/"
CAPTION = "Newest member municipalities of {}</caption>"


@pytest.mark.django_db
def test_members_fragment_is_cached_until_a_service_changes_the_network(
    client, world, django_capture_on_commit_callbacks
):
    assert CAPTION.format("Netzwerk Alpha") in client.get(PAGE).content.decode()
    # A write that bypasses the services does not reach the cached fragment…
    Network.objects.filter(pk=world.network.pk).update(name="Netzwerk Anders")
    html = client.get(PAGE).content.decode()
    assert "<h1" in html and "Netzwerk Anders" in html
    assert CAPTION.format("Netzwerk Alpha") in html
    # …the service does, once its transaction has committed.
    network = Network.objects.get(pk=world.network.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_network(
            network=network, values={"name": "Netzwerk Gamma"}, by=world.user("coordinator")
        )
    html = client.get(PAGE).content.decode()
    assert CAPTION.format("Netzwerk Gamma") in html
    assert "Netzwerk Alpha" not in html


@pytest.mark.django_db
def test_members_fragment_shows_a_member_added_through_the_service(
    client, world, django_capture_on_commit_callbacks
):
    assert "Neuhausen" not in client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_member(
            network=world.network,
            municipality=MunicipalityFactory(name="Neuhausen"),
            role="member",
            member_since=datetime.date(2025, 1, 1),
            topic_focuses=[],
            by=world.user("coordinator"),
        )
    assert "Neuhausen" in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_members_fragment_drops_a_member_who_left(
    client, world, django_capture_on_commit_callbacks
):
    assert "Altstadt" in client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.end_membership(
            membership=world.membership,
            left_on=datetime.date.today(),
            by=world.user("coordinator"),
        )
    assert "Altstadt" not in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_version_changes_only_when_the_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    scope = network_scope(world.network.pk)
    before = content_version(scope)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.update_network(
            network=world.network, values={"description": "Neu"}, by=world.user("coordinator")
        )
    assert content_version(scope) == before
    for callback in callbacks:
        callback()
    assert content_version(scope) != before


@pytest.mark.django_db
def test_lost_version_is_replaced_by_a_fresh_one(world):
    scope = network_scope(world.network.pk)
    before = content_version(scope)
    assert content_version(scope) == before
    cache.delete(VERSION_KEY.format(scope=scope))
    assert content_version(scope) != before


@pytest.mark.django_db
def test_network_page_queries_do_not_grow_with_members(client, world):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    one = queries()
    MembershipFactory.create_batch(15, network=world.network)
    assert queries() == one
    # With the fragment cached, the members' queries are gone.
    with CaptureQueriesContext(connection) as cached:
        client.get(PAGE)
    assert len(cached) < one


@pytest.mark.django_db
def test_member_map_is_redrawn_when_members_change_by_any_path(client, world):
    url = "/mitglieder/karte/?netzwerk=alpha"
    assert "Altstadt" in client.get(url).content.decode()
    Membership.objects.create(
        network=world.network,
        municipality=MunicipalityFactory(name="Kartendorf", latitude=49.5, longitude=7.5),
        member_since=datetime.date(2024, 1, 1),
    )
    assert "Kartendorf" in client.get(url).content.decode()


def _cached_values() -> list[str]:
    values = []
    for pickled in cache._cache.values():  # LocMemCache keeps pickles
        value = pickle.loads(pickled)  # noqa: S301 (the test process's own cache)
        values.append(str(getattr(value, "svg", "")) + str(getattr(value, "rows", "")) + str(value))
    return values


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "coordinator", "admin"])
def test_fragments_hold_nothing_personal(client_as, world, role):
    user = world.user(role)
    client = client_as(user)
    for url in [PAGE, "/mitglieder/karte/", "/mitglieder/karte/?netzwerk=alpha"]:
        assert client.get(url).status_code == 200
    values = _cached_values()
    assert any("Altstadt" in value for value in values)  # fragments were stored
    for value in values:
        assert user.email not in value
        assert "csrfmiddlewaretoken" not in value
        assert "/verwalten/" not in value


@pytest.mark.django_db
def test_members_fragment_follows_saves_outside_the_services(
    client, world, django_capture_on_commit_callbacks
):
    """The admin and municipality renames save models directly; the fragment follows."""
    membership = MembershipFactory(
        network=world.network, municipality=MunicipalityFactory(name="Altdorf")
    )
    assert "Altdorf" in client.get(PAGE).content.decode()

    municipality = membership.municipality
    municipality.name = "Neudorf am See"
    with django_capture_on_commit_callbacks(execute=True):
        municipality.save()
    html = client.get(PAGE).content.decode()
    assert "Neudorf am See" in html
    assert "Altdorf" not in html

    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.get(pk=membership.pk).delete()
    assert "Neudorf am See" not in client.get(PAGE).content.decode()
