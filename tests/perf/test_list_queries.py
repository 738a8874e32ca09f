"""Public list pages keep a constant number of queries (issue 8), for pages whose own
tests do not check it: news lists, the member directory and the network list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
)
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db
ROLES = [None, "member", "coordinator"]


def _queries(client, url: str, expected: str) -> int:
    client.get(url)  # warm up per-person caches (roles, blocks)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
    return len(queries.captured_queries)


def _news(world, number: int) -> None:
    for index in range(number):
        network = [world.network, world.other_network, None][index % 3]
        NewsItemFactory(network=network, title=f"Perf-Meldung {index}")


@pytest.mark.parametrize("role", ROLES)
def test_news_list_queries_do_not_grow_with_items(world, client_as, role):
    client = client_as(world.user(role) if role else None)
    url = reverse("news:list")
    _news(world, 1)
    one = _queries(client, url, "Perf-Meldung 0")

    _news(world, 9)
    many = _queries(client, url, "Perf-Meldung 8")

    assert many == one


@pytest.mark.parametrize("role", ROLES)
def test_network_news_queries_do_not_grow_with_items(world, client_as, role):
    client = client_as(world.user(role) if role else None)
    url = reverse("news:network", kwargs={"slug": world.network.slug})
    NewsItemFactory(network=world.network, title="Perf-Meldung A")
    one = _queries(client, url, "Perf-Meldung A")

    for index in range(8):
        NewsItemFactory(network=world.network, title=f"Perf-Meldung B{index}")
    many = _queries(client, url, "Perf-Meldung B7")

    assert many == one


def _members(world, number: int, prefix: str) -> None:
    for index in range(number):
        membership = MembershipFactory(
            network=world.network, municipality=MunicipalityFactory(name=f"{prefix} {index}")
        )
        ContactPersonFactory(membership=membership)


@pytest.mark.parametrize("role", ROLES)
def test_directory_queries_do_not_grow_with_members(world, client_as, role):
    client = client_as(world.user(role) if role else None)
    url = reverse("directory:index")
    _members(world, 1, "Perfheim")
    one = _queries(client, url, "Perfheim 0")

    _members(world, 9, "Perfdorf")
    many = _queries(client, url, "Perfdorf 8")

    assert many == one


@pytest.mark.parametrize("role", ROLES)
def test_network_list_queries_do_not_grow_with_networks(world, client_as, role):
    client = client_as(world.user(role) if role else None)
    url = reverse("networks:list")
    MembershipFactory(network=NetworkFactory(name="Perfnetz 0"))
    one = _queries(client, url, "Perfnetz 0")

    for index in range(1, 8):
        MembershipFactory(network=NetworkFactory(name=f"Perfnetz {index}"))
    many = _queries(client, url, "Perfnetz 7")

    assert many == one
