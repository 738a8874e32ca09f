import re

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from voneinander.municipalities.models import Municipality, MunicipalityKind
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


NEWEST_MEMBERS_SHOWN = 10


def newest_memberships(network: Network, *, limit: int = NEWEST_MEMBERS_SHOWN):
    """The latest members for the network page; the directory lists them all."""
    return (
        Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .select_related("municipality__parent")
        .order_by("-member_since", "municipality__name")[:limit]
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


# --- Managing members -------------------------------------------------------------


def pending_claims(municipality_id: int):
    """People who say they work for the municipality and wait for a confirmation."""
    return get_user_model().objects.filter(
        municipality_id=municipality_id, municipality_confirmed_at__isnull=True, is_active=True
    )


def _pending_claim_count():
    counted = (
        pending_claims(OuterRef("municipality_id"))
        .order_by()
        .values("municipality_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _contacts_prefetch():
    return Prefetch(
        "contact_persons",
        queryset=ContactPerson.objects.select_related("user").order_by(
            "-is_primary", "user__last_name", "user__first_name", "user__email"
        ),
    )


def memberships_for_management(network: Network):
    """All memberships, current ones first, with contacts and open affiliation claims."""
    return (
        Membership.objects.filter(network=network)
        .select_related("municipality__parent")
        .prefetch_related(_contacts_prefetch())
        .annotate(pending_claims=_pending_claim_count())
        .order_by("status", "municipality__name", "-member_since")
    )


def membership_of_network(request, slug: str, pk: int) -> Membership:
    """A membership of the network in the URL; any other pk is a 404."""
    return get_object_or_404(
        Membership.objects.select_related("network", "municipality__parent"),
        network__slug=slug,
        pk=pk,
    )


def contacts_of(membership: Membership):
    return (
        ContactPerson.objects.filter(membership=membership)
        .select_related("user")
        .order_by("-is_primary", "user__last_name", "user__first_name", "user__email")
    )


def claims_for(membership: Membership):
    return pending_claims(membership.municipality_id).order_by("last_name", "first_name", "email")


def memberships_represented_by(user, network: Network):
    """The current memberships in `network` for which `user` is a contact person."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(
            network=network, status=MembershipStatus.ACTIVE, contact_persons__user=user
        )
        .select_related("municipality")
        .annotate(pending_claims=_pending_claim_count())
        .order_by("municipality__name")
    )


_VG_PREFIX = re.compile(r"^(vg|verbandsgemeinde)\s+", re.IGNORECASE)


def municipalities_named(text: str):
    """Municipalities called exactly `text` (ignoring case), or having it as key.

    Eight digits are an official key (AGS), twelve a regional key (ARS), five a
    Kreis key. "VG Göllheim" asks for the Verbandsgemeinde Göllheim.
    """
    text = " ".join(text.split())
    municipalities = Municipality.objects.select_related("parent").order_by("name", "pk")
    if text.isdigit():
        return municipalities.filter(Q(ags=text) | Q(ars=text))
    name = _VG_PREFIX.sub("", text)
    found = municipalities.filter(Q(name__iexact=name) | Q(official_name__iexact=text))
    if name != text:
        found = found.filter(kind=MunicipalityKind.VERBANDSGEMEINDE)
    return found
