"""The municipality profile lists what it documented and reuses, through the solutions gate."""

import pytest
from django.urls import reverse

from tests.knowledge.factories import AdoptionFactory, SolutionFactory
from voneinander.knowledge.models import AdoptionStatus, SolutionVisibility


@pytest.fixture
def shared(world):
    town = world.membership.municipality
    public = SolutionFactory(network=world.network, owner=town, title="Mitfahrbank Altstadt")
    internal = SolutionFactory(
        network=world.network,
        owner=town,
        title="Notfallhandbuch nur intern",
        visibility=SolutionVisibility.NETWORK,
    )
    reused = AdoptionFactory(
        municipality=town,
        solution=SolutionFactory(network=world.other_network, title="Dorf-App Bergdorf"),
        status=AdoptionStatus.ADOPTING,
    )
    return town, public, internal, reused


def _page(client, town):
    return client.get(reverse("municipalities:detail", kwargs={"pk": town.pk})).content.decode()


def test_profile_lists_public_solutions_and_reuse_for_everyone(client, shared):
    town, public, internal, reused = shared

    page = _page(client, town)

    assert public.title in page
    assert reused.solution.title in page
    assert internal.title not in page


@pytest.mark.parametrize(
    ("role", "sees_internal"), [("user", False), ("member", True), ("coordinator", True)]
)
def test_profile_shows_internal_solutions_only_to_the_network(
    client_as, world, shared, role, sees_internal
):
    town, _public, internal, _reused = shared

    page = _page(client_as(world.user(role)), town)

    assert (internal.title in page) is sees_internal


def test_profile_without_solutions_says_so(client, world):
    page = _page(client, world.other_membership.municipality)

    section = page[page.index('id="solutions-heading"') :]
    assert "/praxisbeispiele/" not in section.split("</section>")[0]
