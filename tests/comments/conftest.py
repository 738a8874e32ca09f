import pytest
from django.core.cache import cache

from tests.knowledge.factories import SolutionFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit counts in the cache, which outlives a test (user ids are reused)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def solution(world):
    """A public solution of network alpha."""
    return SolutionFactory(
        network=world.network, owner=world.membership.municipality, slug="dorf-app"
    )
