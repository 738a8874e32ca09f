"""Matrix rows for sharing, comparing, copying, the progress dashboard and the
network figures (merged into tests/strategies/access_rows.py).

The team's strategy is Altstadt's, led by the "contact" role; the peer strategy
belongs to another member municipality of alpha. A strategy the person may not
read answers 404 before any login redirect.
"""

from tests.factories import MembershipFactory, UserFactory
from tests.strategies.factories import MeasureFactory, strategy_of
from voneinander.strategies.models import Collaborator, CollaboratorRole, Strategy


def team_strategy(world):
    """Altstadt's strategy, led by the contact person (reused: the security-header
    crawler requests every row's URL in one test)."""
    municipality, contact = world.membership.municipality, world.user("contact")
    strategy = Strategy.objects.filter(municipality=municipality).first()
    if strategy is None:
        return {"pk": strategy_of(municipality, lead=contact).pk}
    Collaborator.objects.update_or_create(
        strategy=strategy, user=contact, defaults={"role": CollaboratorRole.OWNER}
    )
    return {"pk": strategy.pk}


def _peer(world, *, shared_with):
    municipality = MembershipFactory(network=world.network).municipality
    strategy = strategy_of(municipality, lead=UserFactory(), shared_with=shared_with)
    return strategy, MeasureFactory(strategy=strategy)


def peer_shared(world):
    return {"pk": _peer(world, shared_with=world.network)[0].pk}


def peer_private(world):
    return {"pk": _peer(world, shared_with=None)[0].pk}


def peer_shared_with_beta(world):
    return {"pk": _peer(world, shared_with=world.other_network)[0].pk}


def peer_measure(world):
    strategy, measure = _peer(world, shared_with=world.network)
    return {"pk": strategy.pk, "measure_pk": measure.pk}


def private_measure(world):
    strategy, measure = _peer(world, shared_with=None)
    return {"pk": strategy.pk, "measure_pk": measure.pk}


ROWS: dict = {
    "strategies:share": (team_strategy, "404 404 404 200 404 404"),
    "strategies:shared": ({}, "302 200 200 200 200 200"),
    "strategies:compare": ({}, "302 200 200 200 200 200"),
    "strategies:shared_detail": (peer_shared, "404 404 200 200 200 404"),
    "strategies:shared_detail[private]": (peer_private, "404 404 404 404 404 404"),
    "strategies:shared_detail[beta]": (peer_shared_with_beta, "404 404 404 404 404 404"),
    "strategies:copy_measure": (peer_measure, "404 404 200 200 200 404"),
    "strategies:copy_measure[private]": (private_measure, "404 404 404 404 404 404"),
    "strategies:progress": (team_strategy, "404 404 404 200 404 404"),
    "strategies:network_figures": ({"slug": "alpha"}, "302 403 403 403 200 200"),
    "strategies:network_figures[other]": ({"slug": "beta"}, "302 403 403 403 403 200"),
}
