"""Permission predicates for events (combined in voneinander/policy.py).

`can_see_event` must agree with `selectors.events_visible_to(user)`: the
predicate answers for one event, the selector filters lists. Both grant:
- everyone: public events;
- members (MEMBER role in any organising network): members-only events;
- people on the event's invitation list: that event, whatever its visibility;
- organisers (named organisers, coordinators of an organising network) and
  platform admins: every event.
A meeting of a private working group is the exception: only the group's
active members and platform admins see it (not coordinators as such, not
invited people, not named organisers who are no longer active members — a
former lead stays named on old meetings); members of the group see it whatever
its visibility.
"""

import rules

from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.workinggroups.roles import group_roles

PUBLIC = "public"
MEMBERS = "members"


def event_network_ids(event) -> set[int]:
    """The organising networks' ids, from a prefetch if there is one, else one query."""
    prefetched = getattr(event, "_prefetched_objects_cache", {}).get("networks")
    if prefetched is not None:
        return {network.pk for network in prefetched}
    cached = getattr(event, "_network_ids", None)
    if cached is None:
        cached = set(event.networks.values_list("pk", flat=True))
        event._network_ids = cached
    return cached


def _is_named(event, relation: str, user) -> bool:
    cache = event.__dict__.setdefault("_named_cache", {})
    key = (relation, user.pk)
    if key not in cache:
        cache[key] = getattr(event, relation).filter(pk=user.pk).exists()
    return cache[key]


def of_private_group(event) -> bool:
    """A meeting of a private working group (the group is fetched once, then cached)."""
    return event.working_group_id is not None and event.working_group.is_private


def _in_group(event, user) -> bool:
    return event.working_group_id is not None and group_roles(user).is_member(
        event.working_group_id
    )


@rules.predicate
def is_event_organiser(user, event) -> bool:
    """Named organiser, or coordinator of one of the organising networks.

    For a private working group's meeting only the named organisers who are
    still active members of the group: being a coordinator does not open the
    group's space, and neither does having led the group once.
    """
    if event is None or not user.is_authenticated or not user.is_active:
        return False
    if of_private_group(event):
        return _in_group(event, user) and _is_named(event, "organisers", user)
    roles = network_roles(user)
    if any(roles.has(network_id, COORDINATOR) for network_id in event_network_ids(event)):
        return True
    return _is_named(event, "organisers", user)


@rules.predicate
def can_see_event(user, event) -> bool:
    if event is None:
        return False
    if of_private_group(event):
        if not user.is_authenticated or not user.is_active:
            return False
        return _is_admin(user) or _in_group(event, user)
    if event.visibility == PUBLIC:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if _is_admin(user) or is_event_organiser(user, event) or _in_group(event, user):
        return True
    if event.visibility == MEMBERS:
        roles = network_roles(user)
        if any(roles.has(network_id, MEMBER) for network_id in event_network_ids(event)):
            return True
    return _is_named(event, "invited", user)


@rules.predicate
def coordinates_any_network(user) -> bool:
    return bool(user.is_authenticated and user.is_active and network_roles(user).coordinated)


@rules.predicate
def is_series_organiser(user, series) -> bool:
    """Coordinator of one of the series' networks."""
    if series is None or not user.is_authenticated or not user.is_active:
        return False
    coordinated = network_roles(user).coordinated
    return series.networks.filter(pk__in=coordinated).exists() if coordinated else False
