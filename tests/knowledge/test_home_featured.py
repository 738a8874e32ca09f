"""The start page shows featured solutions, through the solutions gate."""

import pytest
from django.urls import reverse

from tests.knowledge.factories import SolutionFactory
from voneinander.knowledge.models import SolutionVisibility


@pytest.fixture
def featured(world):
    return {
        "public": SolutionFactory(
            network=world.network, title="Mitfahrbank hervorgehoben", featured=True
        ),
        "internal": SolutionFactory(
            network=world.network,
            title="Internes Handbuch hervorgehoben",
            featured=True,
            visibility=SolutionVisibility.NETWORK,
        ),
        "plain": SolutionFactory(network=world.network, title="Nicht hervorgehoben"),
    }


def _home(client):
    return client.get(reverse("core:home")).content.decode()


def test_start_page_shows_featured_public_solutions(client, featured):
    page = _home(client)

    assert featured["public"].title in page
    assert featured["internal"].title not in page
    assert featured["plain"].title not in page
    assert reverse("knowledge:who_has_done_this") in page


def test_members_see_their_network_s_featured_internal_solution(client_as, world, featured):
    page = _home(client_as(world.user("member")))

    assert featured["internal"].title in page


def test_start_page_queries_do_not_grow_with_featured_solutions(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = _home(client)
        return len(captured), page.count("vn-solution-card")

    SolutionFactory(network=world.network, featured=True)
    one = queries()
    for n in range(5):
        SolutionFactory(network=world.network, featured=True, title=f"Hervorgehoben {n}")
    many = queries()

    assert one[1] == 1 and many[1] == 3
    assert one[0] == many[0]
