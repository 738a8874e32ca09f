"""Matrix rows of the workbook editor: start, overview, steps, autosave, team, history.

The strategy belongs to the world's member municipality "Altstadt" with the
world's member as its lead. Nobody else is on the team: the coordinator and
the admin get 404 like everyone outside it (private by default), before any
login redirect.
"""

from tests.strategies.factories import strategy_of
from voneinander.strategies.models import Collaborator


def _strategy(world, **extra):
    return strategy_of(world.membership.municipality, lead=world.user("member"), **extra)


def team_strategy(world):
    return {"pk": _strategy(world).pk}


def team_step(world):
    return {"pk": _strategy(world).pk, "step": "ausgangslage"}


def unknown_step(world):
    return {"pk": _strategy(world).pk, "step": "gibt-es-nicht"}


def strategy_with_editor(world):
    """The contact person writes along (editor) but does not lead."""
    return {"pk": _strategy(world, editors=[world.user("contact")]).pk}


def team_member(world):
    strategy = _strategy(world, editors=[world.user("contact")])
    editor = Collaborator.objects.get(strategy=strategy, user=world.user("contact"))
    return {"pk": strategy.pk, "collaborator": editor.pk}


OUTSIDE = "404 404 200 404 404 404"

ROWS = {
    "strategies:index": ({}, "302 200 200 200 200 200"),
    # Who speaks for a member municipality may start; superusers pass every rule.
    "strategies:start": ({}, "302 403 200 200 403 200"),
    "strategies:overview": (team_strategy, OUTSIDE),
    "strategies:overview[unknown]": ({"pk": 999999}, "404 404 404 404 404 404"),
    "strategies:step": (team_step, OUTSIDE),
    "strategies:step[unknown]": (unknown_step, "404 404 404 404 404 404"),
    # POST only: the rule is checked first, then the method.
    "strategies:autosave": (team_step, "404 404 405 404 404 404"),
    "strategies:team": (team_strategy, OUTSIDE),
    "strategies:team[editor]": (strategy_with_editor, "404 404 200 200 404 404"),
    "strategies:invite": (team_strategy, "404 404 405 404 404 404"),
    # An editor is on the team but does not lead it: 403.
    "strategies:invite[editor]": (strategy_with_editor, "404 404 405 403 404 404"),
    "strategies:collaborator": (team_member, "404 404 405 403 404 404"),
    "strategies:history": (team_strategy, OUTSIDE),
}
