"""Which working groups a person is an active member (or lead) of, computed once per request.

A membership counts only while the person still belongs to one of the group's
networks (the owning network or a sister network it is shared with): someone
whose municipality leaves, or who changes jobs and loses the confirmed
affiliation, no longer sees a private group's space, even before a lead
removes them from the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from voneinander.networks.roles import MEMBER, network_roles
from voneinander.workinggroups.models import GroupMember, GroupRole, MemberStatus


@dataclass
class GroupRoles:
    by_group: dict[int, str] = field(default_factory=dict)  # group id → GroupRole

    def is_member(self, group_id: int) -> bool:
        return group_id in self.by_group

    def is_lead(self, group_id: int) -> bool:
        return self.by_group.get(group_id) == GroupRole.LEAD

    @property
    def groups(self) -> set[int]:
        return set(self.by_group)


def member_networks(user) -> list[int]:
    """The networks in which `user` has the member role (coordinators and contacts included)."""
    roles = network_roles(user)
    return sorted(nid for nid, held in roles.by_network.items() if MEMBER in held)


def effective_memberships(user, networks: list[int]):
    """The person's active group rows in groups of `networks` (a lazy queryset)."""
    return GroupMember.objects.filter(user=user, status=MemberStatus.ACTIVE).filter(
        Q(group__network_id__in=networks) | Q(group__shared_with__in=networks)
    )


def active_group_ids(user):
    """The ids of the person's groups as a subquery (no query of its own), or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_group_roles", None)
    if cached is not None:
        return sorted(cached.groups)
    networks = member_networks(user)
    return effective_memberships(user, networks).values("group_id") if networks else None


def group_roles(user) -> GroupRoles:
    """The person's effective group memberships, cached on the user object (one query)."""
    if not user.is_authenticated or not user.is_active:
        return GroupRoles()
    cached = getattr(user, "_group_roles", None)
    if cached is not None:
        return cached
    roles = GroupRoles()
    networks = member_networks(user)
    if networks:
        rows = effective_memberships(user, networks).values_list("group_id", "role").distinct()
        roles.by_group = dict(rows)
    user._group_roles = roles
    return roles


def forget_group_roles(user) -> None:
    if user is not None:
        user.__dict__.pop("_group_roles", None)
