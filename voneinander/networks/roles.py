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


# A coordinator and a contact person are members too.
_IMPLIED = {COORDINATOR: (COORDINATOR, MEMBER), CONTACT: (CONTACT, MEMBER), MEMBER: (MEMBER,)}


def _tagged(queryset, network_field: str, role: str):
    """(network id, role) rows of one role source, ready for a UNION."""
    return queryset.order_by().values_list(network_field, Value(role, output_field=CharField()))


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
    sources = [
        _tagged(NetworkCoordinator.objects.filter(user=user), "network_id", COORDINATOR),
        _tagged(
            ContactPerson.objects.filter(user=user, membership__status=MembershipStatus.ACTIVE),
            "membership__network_id",
            CONTACT,
        ),
    ]
    if user.municipality_id and user.municipality_confirmed_at:
        members = Membership.objects.filter(
            municipality_id=user.municipality_id, status=MembershipStatus.ACTIVE
        )
        sources.append(_tagged(members, "network_id", MEMBER))
    for network_id, source in sources[0].union(*sources[1:], all=True):
        roles.add(network_id, *_IMPLIED[source])
    user._network_roles = roles
    return roles


def forget_roles(user) -> None:
    user.__dict__.pop("_network_roles", None)
