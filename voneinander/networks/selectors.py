from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from voneinander.networks.models import (
    ContactPerson,
    Membership,
    MembershipStatus,
    Network,
    NetworkCoordinator,
)

_active = Q(memberships__status=MembershipStatus.ACTIVE)


def networks_for_switcher():
    return Network.objects.only("name", "short_name", "slug").order_by("short_name")


def networks_overview():
    return Network.objects.annotate(member_count=Count("memberships", filter=_active)).order_by(
        "name"
    )


def network_by_slug(request, slug: str) -> Network:
    """All networks have public pages; an unknown slug is a 404."""
    return get_object_or_404(
        Network.objects.annotate(member_count=Count("memberships", filter=_active)), slug=slug
    )


def active_memberships(network: Network):
    return (
        Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .select_related("municipality")
        .order_by("municipality__name")
    )


def contacts_for(network: Network, *, show_all: bool):
    """Contact persons of the network's members, for someone with internal access.

    Each person's visibility choice is respected (public and network-wide
    contacts are shown) unless `show_all` (coordination) is set.
    """
    contacts = ContactPerson.objects.filter(
        membership__network=network, membership__status=MembershipStatus.ACTIVE
    ).select_related("user", "membership__municipality")
    if not show_all:
        contacts = contacts.filter(user__contact_visibility__in=["public", "network"])
    return contacts.order_by("membership__municipality__name", "-is_primary")


def coordinators_of(network: Network):
    return (
        NetworkCoordinator.objects.filter(network=network)
        .select_related("user", "added_by")
        .order_by("user__last_name", "user__email")
    )
