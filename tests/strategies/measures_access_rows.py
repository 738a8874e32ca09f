"""Matrix rows for measures and recommendations (merged into tests/strategies/access_rows.py).

The team's strategy is Altstadt's, led by the "member" role. A strategy the person
may not read answers 404 before any login redirect; writes are POST only, so the
team gets 405 for a GET.
"""

from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.strategies.factories import MeasureFactory, strategy_of
from voneinander.knowledge.models import SolutionVisibility


def _team_strategy(world, **fields):
    return strategy_of(world.membership.municipality, lead=world.user("member"), **fields)


def team(world):
    return {"pk": _team_strategy(world).pk}


def shared_team(world):
    """The team's strategy, shared with alpha: its members read it."""
    return {"pk": _team_strategy(world, shared_with=world.network).pk}


def other(world):
    """A strategy of a member of beta, private."""
    strategy = strategy_of(world.other_membership.municipality, lead=UserFactory())
    return {"pk": strategy.pk}


def measure(world):
    found = MeasureFactory(strategy=_team_strategy(world))
    return {"pk": found.strategy_id, "measure_pk": found.pk}


def foreign_measure(world):
    """A measure of another strategy under the team's strategy: no such page."""
    municipality = MembershipFactory(network=world.network).municipality
    found = MeasureFactory(strategy=strategy_of(municipality, lead=UserFactory()))
    return {"pk": _team_strategy(world).pk, "measure_pk": found.pk}


def linked_solution(world):
    found = MeasureFactory(strategy=_team_strategy(world))
    solution = SolutionFactory(network=world.network, visibility=SolutionVisibility.PUBLIC)
    found.solutions.add(solution)
    return {"pk": found.strategy_id, "measure_pk": found.pk, "solution_pk": solution.pk}


def partner(world):
    found = MeasureFactory(strategy=_team_strategy(world))
    municipality = MembershipFactory(network=world.network).municipality
    found.partners.add(municipality)
    return {"pk": found.strategy_id, "measure_pk": found.pk, "municipality_pk": municipality.pk}


def field_of(kwargs_for, slug="mobilitaet"):
    return lambda world: {**kwargs_for(world), "field_slug": slug}


TEAM_ONLY = "404 404 200 404 404 404"
POST_ONLY = "404 404 405 404 404 404"
NOBODY = "404 404 404 404 404 404"

ROWS: dict = {
    "strategies:measures": (team, TEAM_ONLY),
    "strategies:measures[shared]": (shared_team, "404 404 200 200 200 404"),
    "strategies:measures[other]": (other, NOBODY),
    "strategies:measure_add": (team, TEAM_ONLY),
    "strategies:measure_add[shared]": (shared_team, TEAM_ONLY),
    "strategies:measure_edit": (measure, TEAM_ONLY),
    "strategies:measure_edit[foreign]": (foreign_measure, NOBODY),
    "strategies:measure_delete": (measure, TEAM_ONLY),
    "strategies:measure_move": (measure, POST_ONLY),
    "strategies:measure_link_solution": (measure, POST_ONLY),
    "strategies:measure_unlink_solution": (linked_solution, POST_ONLY),
    "strategies:measure_add_partner": (measure, POST_ONLY),
    "strategies:measure_remove_partner": (partner, POST_ONLY),
    "strategies:recommendations": (field_of(team), TEAM_ONLY),
    "strategies:recommendations[shared]": (field_of(shared_team), "404 404 200 200 200 404"),
    "strategies:recommendations[other]": (field_of(other), NOBODY),
    "strategies:recommendations[unknown]": (field_of(team, "gibt-es-nicht"), NOBODY),
    "strategies:recommendation_adopt": (field_of(team), POST_ONLY),
}
