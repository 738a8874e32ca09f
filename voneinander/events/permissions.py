"""Permission predicates for events (combined in voneinander/policy.py).

`can_see_event` must agree with `selectors.events_visible_to(user)`: the
predicate answers for one event, the selector filters lists.
"""

import rules


@rules.predicate
def can_see_event(user, event) -> bool:
    raise NotImplementedError  # helper E1


@rules.predicate
def is_event_organiser(user, event) -> bool:
    """Named organiser, or coordinator of one of the organising networks."""
    raise NotImplementedError  # helper E1


@rules.predicate
def coordinates_any_network(user) -> bool:
    raise NotImplementedError  # helper E1
