"""Reads for the API's read endpoints, built on the apps' own selectors.

Visibility is never decided here: networks and the municipality registry are
public, contact persons go through `municipalities.selectors.contacts_visible_to`,
news through `news.selectors.news_visible_to`.
"""

from __future__ import annotations

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from voneinander.api.models import ApiToken
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.municipalities.selectors import contacts_visible_to
from voneinander.networks.models import Membership, MembershipStatus, Network
from voneinander.news.models import NewsItem
from voneinander.news.selectors import news_visible_to, published_filter

_active = Q(memberships__status=MembershipStatus.ACTIVE)


def networks(*, query: str = "") -> QuerySet[Network]:
    rows = Network.objects.annotate(member_count=Count("memberships", filter=_active))
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    return rows.prefetch_related("sister_networks")


def network(slug: str) -> Network:
    return get_object_or_404(networks(), slug=slug)


def _district(field: str):
    landkreis = MunicipalityKind.LANDKREIS
    return Case(
        When(parent__kind=landkreis, then=F(f"parent__{field}")),
        When(parent__parent__kind=landkreis, then=F(f"parent__parent__{field}")),
        default=None,
    )


def municipalities(
    *,
    kind: str = "",
    district: int | None = None,
    query: str = "",
    key: str = "",
    members_only: bool = False,
) -> QuerySet[Municipality]:
    """The registry, filtered; `district` is the id of a Landkreis, `key` an AGS or ARS."""
    rows = Municipality.objects.annotate(district_id=_district("pk"))
    if kind:
        rows = rows.filter(kind=kind)
    if district:
        rows = rows.filter(Q(parent=district) | Q(parent__parent=district) | Q(pk=district))
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(official_name__icontains=query))
    if key:
        rows = rows.filter(Q(ags=key) | Q(ars=key))
    if members_only:
        rows = rows.filter(memberships__status=MembershipStatus.ACTIVE).distinct()
    return rows


def municipality(pk: int) -> Municipality:
    municipality = get_object_or_404(municipalities(), pk=pk)
    municipality.active_memberships = list(
        Membership.objects.filter(municipality=municipality, status=MembershipStatus.ACTIVE)
        .select_related("network")
        .order_by("network__name", "pk")
    )
    return municipality


def memberships(network: Network, *, status: str = "active", role: str = "") -> QuerySet:
    rows = Membership.objects.filter(network=network).select_related("municipality", "network")
    if status in MembershipStatus.values:
        rows = rows.filter(status=status)
    if role:
        rows = rows.filter(role=role)
    return rows


def attach_contacts(user, page: list[Membership]) -> None:
    """Set `visible_contacts` on each membership: only those `user` may see (one query)."""
    active = [membership for membership in page if membership.status == MembershipStatus.ACTIVE]
    by_membership: dict[int, list] = {}
    if active:
        for contact in (
            contacts_visible_to(user, active)
            .select_related("membership")
            .only(
                "pk",
                "is_primary",
                "membership_id",
                "membership__network__name",
                "membership__network__short_name",
                "membership__network__slug",
                "user__first_name",
                "user__last_name",
                "user__email",
                "user__position",
                "user__phone",
            )
        ):
            by_membership.setdefault(contact.membership_id, []).append(contact)
    for membership in page:
        membership.visible_contacts = by_membership.get(membership.pk, [])


def news(user, *, network: str = "", topic: str = "", platform: bool = False):
    """Published news `user` may read (never drafts, not even for their editors)."""
    rows = (
        news_visible_to(user)
        .filter(published_filter())
        .select_related("network")
        .prefetch_related("topics")
    )
    if network:
        rows = rows.filter(network__slug=network)
    if platform:
        rows = rows.filter(network__isnull=True)
    if topic:
        rows = rows.filter(topics__slug=topic)
    return rows


def news_item(user, slug: str) -> NewsItem:
    return get_object_or_404(news(user), slug=slug)


# --- Personal API tokens (the profile's "API-Schlüssel" page) -------------------------


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def own_token(request, pk: int) -> ApiToken:
    """A token of the signed-in person; anyone else's is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(ApiToken, pk=pk, user=request.user)
