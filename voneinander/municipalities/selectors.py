"""Reads of the municipality registry. The registry is public information."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from voneinander.accounts.models import ContactVisibility
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import ContactPerson, Membership, MembershipStatus

# "VG Göllheim" and "Verbandsgemeinde Göllheim" are searched as "Göllheim".
_VG_PREFIX = re.compile(r"^\s*(vg|verbandsgemeinde)\s+", re.IGNORECASE)
_SPELT_OUT = {"ae": "ä", "oe": "ö", "ue": "ü"}


def _clean_kinds(kinds: Iterable[str] | None) -> list[str]:
    return [kind for kind in (kinds or []) if kind in MunicipalityKind.values]


def _variants(text: str) -> set[str]:
    """The text, and with spelt-out umlauts written as umlauts ("Zweibruecken")."""
    variants = {text}
    spelt = text
    for plain, umlaut in _SPELT_OUT.items():
        spelt = spelt.replace(plain, umlaut)
    variants.add(spelt)
    return {variant for variant in variants if variant}


def parse_query(query: str) -> tuple[str, bool]:
    """(search text, whether it asked for a Verbandsgemeinde by the prefix "VG")."""
    text = " ".join((query or "").split())[:100]
    stripped = _VG_PREFIX.sub("", text)
    return stripped, stripped != text


def search_municipalities(
    query: str, *, kinds: Iterable[str] | None = None, limit: int = 10
) -> QuerySet[Municipality]:
    """Municipalities whose name, official name or key matches `query`, best first.

    Exact names come first, then names that start with the query, then names
    containing it. Digits search the official key (AGS). `kinds` limits the
    result to those kinds (unknown kinds are ignored).
    """
    text, only_vg = parse_query(query)
    if len(text) < 2:
        return Municipality.objects.none()
    if text.isdigit():
        matches = Q(ags__startswith=text)
        rank = Case(When(ags=text, then=Value(0)), default=Value(1), output_field=IntegerField())
    else:
        variants = _variants(text)
        matches = reduce(
            or_,
            (Q(name__icontains=v) | Q(official_name__icontains=v) for v in variants),
        )
        rank = Case(
            When(reduce(or_, (Q(name__iexact=v) for v in variants)), then=Value(0)),
            When(reduce(or_, (Q(name__istartswith=v) for v in variants)), then=Value(1)),
            When(reduce(or_, (Q(name__icontains=f" {v}") for v in variants)), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    result = Municipality.objects.filter(matches)
    if only_vg:
        result = result.filter(kind=MunicipalityKind.VERBANDSGEMEINDE)
    if kinds := _clean_kinds(kinds):
        result = result.filter(kind__in=kinds)
    return (
        result.annotate(rank=rank).select_related("parent").order_by("rank", "name", "pk")[:limit]
    )


def exact_municipalities(query: str) -> list[Municipality]:
    """Municipalities named exactly `query` (any case), or with exactly that AGS."""
    text, only_vg = parse_query(query)
    if not text:
        return []
    if text.isdigit():
        return list(Municipality.objects.filter(ags=text).select_related("parent"))
    variants = _variants(text)
    names = reduce(or_, (Q(name__iexact=v) | Q(official_name__iexact=v) for v in variants))
    result = Municipality.objects.filter(names)
    if only_vg:
        result = result.filter(kind=MunicipalityKind.VERBANDSGEMEINDE)
    return list(result.select_related("parent").order_by("name", "pk"))


def municipality_by_pk(pk) -> Municipality | None:
    try:
        return Municipality.objects.select_related("parent").get(pk=int(pk))
    except (TypeError, ValueError, Municipality.DoesNotExist):
        return None


# --- The public profile page of a municipality ------------------------------


def municipality_for_profile(request, pk: int) -> Municipality:
    """Every municipality of the registry has a public page; unknown ones are a 404."""
    return get_object_or_404(Municipality.objects.select_related("parent__parent__parent"), pk=pk)


def ancestors_of(municipality: Municipality) -> list[Municipality]:
    """The parent chain, outermost first (state, district, association).

    Uses only what `municipality_for_profile` fetched with select_related;
    it never queries.
    """
    chain: list[Municipality] = []
    current = municipality
    while current.parent_id and Municipality.parent.is_cached(current):
        current = current.parent
        chain.append(current)
    return chain[::-1]


def children_of(municipality: Municipality):
    """The municipalities that belong to an association, marked if they are members."""
    active = Membership.objects.filter(municipality=OuterRef("pk"), status=MembershipStatus.ACTIVE)
    return (
        municipality.children.annotate(is_member=Exists(active))
        # parent too: the related manager checks it when it links each child back
        .only("pk", "name", "kind", "population", "parent")
        .order_by("name", "pk")
    )


def memberships_of(municipality: Municipality) -> tuple[list[Membership], list[Membership]]:
    """(active memberships, past memberships), each ordered by network name."""
    memberships = list(
        Membership.objects.filter(municipality=municipality)
        .select_related("network")
        .defer("news_draft", "network__description", "network__postal_address")
        .order_by("network__name", "-member_since", "pk")
    )
    active = [m for m in memberships if m.status == MembershipStatus.ACTIVE]
    past = [m for m in memberships if m.status != MembershipStatus.ACTIVE]
    return active, past


def contacts_visible_to(user, memberships: list[Membership]):
    """Contact persons of these (active) memberships that `user` may see.

    Each person chooses who may see them (`User.contact_visibility`):
    public → everyone; network → whoever has internal access to that network
    (members, coordinators, admins); nobody → only those who manage that
    network (its coordinators, admins). The permissions come from the policy.
    """
    internal = [
        m.network_id for m in memberships if user.has_perm("networks.view_internal", m.network)
    ]
    managing = [
        m.network_id for m in memberships if user.has_perm("networks.manage_network", m.network)
    ]
    visible = (
        Q(user__contact_visibility=ContactVisibility.PUBLIC)
        | Q(user__contact_visibility=ContactVisibility.NETWORK, membership__network_id__in=internal)
        | Q(membership__network_id__in=managing)
    )
    return (
        ContactPerson.objects.filter(
            membership__in=[m.pk for m in memberships], user__is_active=True
        )
        .filter(visible)
        .select_related("user", "membership__network")
        .only(
            "pk",
            "is_primary",
            "membership__network__name",
            "membership__network__short_name",
            "membership__network__slug",
            "user__first_name",
            "user__last_name",
            "user__email",
            "user__position",
            "user__phone",
        )
        .order_by("membership__network__name", "-is_primary", "user__last_name", "user__pk")
    )
