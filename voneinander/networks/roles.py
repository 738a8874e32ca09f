"""Which role a person has in which network, computed once per request.

Roles are scoped per network:
- coordinator: listed in `NetworkCoordinator`;
- contact: contact person of an active membership;
- member: confirmed affiliation with an active member municipality.
A contact person and a coordinator are members too. Platform admins are
handled in `voneinander.policy`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, Value

from voneinander.networks.models import (
    ContactPerson,
    Membership,
    MembershipStatus,
    NetworkCoordinator,
)

COORDINATOR = "coordinator"
CONTACT = "contact"
MEMBER = "member"


@dataclass
class NetworkRoles:
    by_network: dict[int, set[str]] = field(default_factory=dict)

    def has(self, network_id: int, role: str) -> bool:
        return role in self.by_network.get(network_id, set())

    def add(self, network_id: int, *roles: str) -> None:
        self.by_network.setdefault(network_id, set()).update(roles)

    @property
    def coordinated(self) -> set[int]:
        return {nid for nid, roles in self.by_network.items() if COORDINATOR in roles}


def is_platform_admin(user) -> bool:
    """An active superuser: platform admins hold no network role but may do everything."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def network_roles(user) -> NetworkRoles:
    """The user's roles in all networks, cached on the user object."""
    if not user.is_authenticated:
        return NetworkRoles()
    cached = getattr(user, "_network_roles", None)
    if cached is not None:
        return cached
    roles = NetworkRoles()
    # One query for every role: a UNION of the role sources (each signed-in
    # request needs them, so a query less per source counts).
    coordinator = (
        NetworkCoordinator.objects.filter(user=user)
        .order_by()
        .values_list("network_id", Value(COORDINATOR, output_field=CharField()))
    )
    contact = (
        ContactPerson.objects.filter(user=user, membership__status=MembershipStatus.ACTIVE)
        .order_by()
        .values_list("membership__network_id", Value(CONTACT, output_field=CharField()))
    )
    sources = [contact]
    if user.municipality_id and user.municipality_confirmed_at:
        sources.append(
            Membership.objects.filter(
                municipality_id=user.municipality_id, status=MembershipStatus.ACTIVE
            )
            .order_by()
            .values_list("network_id", Value(MEMBER, output_field=CharField()))
        )
    for network_id, role in coordinator.union(*sources, all=True):
        if role == COORDINATOR:
            roles.add(network_id, COORDINATOR, MEMBER)
        elif role == CONTACT:
            roles.add(network_id, CONTACT, MEMBER)
        else:
            roles.add(network_id, MEMBER)
    user._network_roles = roles
    return roles


def forget_roles(user) -> None:
    user.__dict__.pop("_network_roles", None)
