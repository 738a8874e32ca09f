"""Matrix rows for the export page and the downloads (merged into
tests/strategies/access_rows.py).

The team's strategy is Altstadt's, led by the "contact" role; the peer strategy
belongs to another member municipality of alpha. Exports follow
`strategies.view_strategy`: the team, and the network's members once shared;
everyone else gets 404, before any login redirect.
"""

from tests.factories import MembershipFactory, UserFactory
from tests.strategies.factories import MeasureFactory, strategy_of


def _team(world, **extra):
    strategy = strategy_of(world.membership.municipality, lead=world.user("contact"))
    MeasureFactory(strategy=strategy, title="Bürgerbus")
    return {"pk": strategy.pk, **extra}


def _peer(world, *, shared_with, **extra):
    municipality = MembershipFactory(network=world.network).municipality
    strategy = strategy_of(municipality, lead=UserFactory(), shared_with=shared_with)
    MeasureFactory(strategy=strategy)
    return {"pk": strategy.pk, **extra}


ROWS: dict = {
    "strategies:export": (_team, "404 404 404 200 404 404"),
    "strategies:export[shared]": (
        lambda world: _peer(world, shared_with=world.network),
        "404 404 200 200 200 404",
    ),
    "strategies:export[private]": (
        lambda world: _peer(world, shared_with=None),
        "404 404 404 404 404 404",
    ),
    "strategies:export[beta]": (
        lambda world: _peer(world, shared_with=world.other_network),
        "404 404 404 404 404 404",
    ),
    "strategies:export_file": (lambda world: _team(world, format="pdf"), "404 404 404 200 404 404"),
    "strategies:export_file[docx]": (
        lambda world: _team(world, format="docx"),
        "404 404 404 200 404 404",
    ),
    "strategies:export_file[odt]": (
        lambda world: _team(world, format="odt"),
        "404 404 404 200 404 404",
    ),
    "strategies:export_file[unknown]": (
        lambda world: _team(world, format="rtf"),
        "404 404 404 404 404 404",
    ),
    "strategies:export_file[shared]": (
        lambda world: _peer(world, shared_with=world.network, format="pdf"),
        "404 404 200 200 200 404",
    ),
    "strategies:export_file[private]": (
        lambda world: _peer(world, shared_with=None, format="pdf"),
        "404 404 404 404 404 404",
    ),
}
