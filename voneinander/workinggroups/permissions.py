"""Permission predicates for workinggroups; PERMISSIONS is merged into voneinander/policy.py.

Who sees what (`selectors.groups_visible_to` and `selectors.space_visible_to`
give the same answers for lists):
- a public group, and its space, is visible to everyone;
- a private group's title and description are visible to members of its
  networks (the owning network and the sister networks it is shared with), so
  that they can ask to join, and to platform admins;
- a private group's space (discussions, documents, meetings, results) only to
  its active members — not to coordinators who are not members, and not to
  platform admins (they have the Django admin). Admins pass every permission
  check (Django's superuser rule), so the space's pages fetch the group
  through `selectors.space_for_viewer`, which answers 404, and the services
  accept contributions from active members only.
Coordinators of the owning network (and admins) create, edit and archive groups,
decide join requests and name leads; leads run their group.
"""

import rules

from voneinander.events.permissions import coordinates_any_network
from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.workinggroups.roles import group_roles


def group_network_ids(group) -> set[int]:
    """The owning network and the sharing sister networks (from a prefetch if there is one)."""
    cached = getattr(group, "_network_ids", None)
    if cached is not None:
        return cached
    prefetched = getattr(group, "_prefetched_objects_cache", {}).get("shared_with")
    if prefetched is not None:
        shared = {network.pk for network in prefetched}
    else:
        shared = set(group.shared_with.values_list("pk", flat=True))
    group._network_ids = {group.network_id} | shared
    return group._network_ids


@rules.predicate
def is_platform_admin(user) -> bool:
    return _is_admin(user)


@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and group_roles(user).is_member(group.pk)


@rules.predicate
def is_group_lead(user, group) -> bool:
    return group is not None and group_roles(user).is_lead(group.pk)


@rules.predicate
def coordinates_group_network(user, group) -> bool:
    return group is not None and network_roles(user).has(group.network_id, COORDINATOR)


@rules.predicate
def belongs_to_group_networks(user, group) -> bool:
    if group is None or not user.is_authenticated or not user.is_active:
        return False
    roles = network_roles(user)
    return any(roles.has(network_id, MEMBER) for network_id in group_network_ids(group))


@rules.predicate
def is_group_open(user, group) -> bool:
    return group is not None and group.archived_at is None


@rules.predicate
def can_see_group(user, group) -> bool:
    if group is None:
        return False
    if not group.is_private or _is_admin(user):
        return True
    return belongs_to_group_networks(user, group) or is_group_member(user, group)


@rules.predicate
def can_read_space(user, group) -> bool:
    if group is None:
        return False
    if not group.is_private:
        return True
    return is_group_member(user, group)


is_signed_in = rules.is_authenticated & rules.is_active
manages_group = coordinates_group_network | is_platform_admin

PERMISSIONS = {
    # The group's page: title, description, leads (obj: the group).
    "workinggroups.view_group": can_see_group,
    # A new group (no obj): coordinators of some network; the form offers theirs.
    "workinggroups.create_group": coordinates_any_network | is_platform_admin,
    # Edit, archive, name leads (obj: the group): coordinators of the owning network.
    "workinggroups.manage_group": manages_group,
    # Ask to join (obj: the group): members of its networks while it is open.
    "workinggroups.join_group": (
        is_signed_in & is_group_open & belongs_to_group_networks & ~is_group_member
    ),
    "workinggroups.leave_group": is_group_member,
    # The member list with open requests; deciding requests, removing members,
    # naming co-leads and handing over the lead role (obj: the group).
    "workinggroups.view_members": is_group_member | manages_group,
    "workinggroups.lead_group": is_group_lead | manages_group,
    # The space (obj: the group): reading, and writing for its active members.
    "workinggroups.view_space": can_read_space,
    "workinggroups.contribute": is_group_member & is_group_open,
    "workinggroups.schedule_meeting": is_group_lead & is_group_open,
}
