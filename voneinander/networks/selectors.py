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


def contacts_for(network: Network, viewer_is_member: bool, viewer_is_coordinator: bool):
    """Contact persons of the network's members, as far as each one's visibility allows."""
    allowed = ["public"]
    if viewer_is_member:
        allowed.append("network")
    contacts = ContactPerson.objects.filter(
        membership__network=network, membership__status=MembershipStatus.ACTIVE
    ).select_related("user", "membership__municipality")
    if not viewer_is_coordinator:
        contacts = contacts.filter(user__contact_visibility__in=allowed)
    return contacts.order_by("membership__municipality__name", "-is_primary")


def coordinators_of(network: Network):
    return (
        NetworkCoordinator.objects.filter(network=network)
        .select_related("user", "added_by")
        .order_by("user__last_name", "user__email")
    )
