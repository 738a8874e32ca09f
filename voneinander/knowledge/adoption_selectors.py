"""Reads for reuse (adoptions): who may record one, for which municipality, and who sees what.

An adoption is visible wherever its solution is (`solutions_visible_to`); its
contact person is shown according to that person's own choice
(`User.contact_visibility`), as on the municipality pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from voneinander.accounts.models import ContactVisibility
from voneinander.knowledge.models import Adoption, AdoptionStatus, Solution

# Reuse cases (in use, adopting, stopped; not: interested), defined with the catalogue.
from voneinander.knowledge.selectors import REUSE_STATUSES as REUSE_STATUSES
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, MembershipStatus
from voneinander.networks.roles import COORDINATOR, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin

# The order in which adopters are listed.
STATUS_ORDER = (
    AdoptionStatus.IN_USE,
    AdoptionStatus.ADOPTING,
    AdoptionStatus.INTERESTED,
    AdoptionStatus.STOPPED,
)


def adoption_for_viewer(request, pk: int, **_ignored) -> Adoption:
    """The adoption `pk` if the user may see its solution, else 404."""
    visible = solutions_visible_to(request.user, include_inactive=True)
    try:
        return Adoption.objects.select_related(
            "solution__network", "solution__owner", "municipality", "contact"
        ).get(pk=pk, solution__in=visible)
    except Adoption.DoesNotExist:
        raise Http404 from None


def adoptions_of(solution: Solution) -> list[Adoption]:
    """The adopters of a solution, in use first, then by municipality name (one query)."""
    order = {status: i for i, status in enumerate(STATUS_ORDER)}
    adoptions = list(
        Adoption.objects.filter(solution=solution)
        .select_related("municipality", "contact")
        .order_by("municipality__name", "pk")
    )
    adoptions.sort(key=lambda adoption: order.get(adoption.status, len(order)))
    for adoption in adoptions:
        adoption.solution = solution  # saves a query per row in permission checks
    return adoptions


def member_municipality_ids(municipality_ids) -> set[int]:
    """Which of these municipalities are active members of some network."""
    return set(
        Membership.objects.filter(
            municipality_id__in=list(municipality_ids), status=MembershipStatus.ACTIVE
        ).values_list("municipality_id", flat=True)
    )


def municipalities_user_speaks_for(user, solution: Solution) -> QuerySet[Municipality]:
    """The municipalities for which `user` may record reuse of `solution`.

    A person records for their own (confirmed) municipality if it is an active
    member of a network. Coordinators of the solution's network and platform
    admins may also record for any active member of that network (they may
    correct those records later). The owner never adopts its own solution.
    """
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    ids: set[int] = set()
    if user.municipality_id and user.municipality_confirmed_at:
        ids |= member_municipality_ids([user.municipality_id])
    if _is_admin(user) or network_roles(user).has(solution.network_id, COORDINATOR):
        ids |= set(
            Membership.objects.filter(
                network_id=solution.network_id, status=MembershipStatus.ACTIVE
            ).values_list("municipality_id", flat=True)
        )
    ids.discard(solution.owner_id)
    return Municipality.objects.filter(pk__in=ids).order_by("name", "pk")


def existing_adoption(solution: Solution, municipality_ids) -> Adoption | None:
    return (
        Adoption.objects.filter(solution=solution, municipality_id__in=list(municipality_ids))
        .select_related("municipality")
        .order_by("municipality__name", "pk")
        .first()
    )


def contact_candidates(*, user, municipality_ids, current=None):
    """People who may be named as contact: the acting person, the current contact,
    and people with a confirmed affiliation to one of these municipalities."""
    condition = Q(pk=user.pk) | Q(
        is_active=True,
        municipality_confirmed_at__isnull=False,
        municipality_id__in=list(municipality_ids),
    )
    if current is not None:
        condition |= Q(pk=current.pk)
    return get_user_model().objects.filter(condition).order_by("last_name", "first_name", "pk")


# --- Contact persons: who may see whom --------------------------------------------


@dataclass(frozen=True)
class ContactViewer:
    """What decides whether a viewer may see a contact person (computed once per page)."""

    pk: int | None
    is_admin: bool
    member_of: frozenset[int]  # networks where the viewer has internal access
    coordinates: frozenset[int]

    @classmethod
    def of(cls, user) -> ContactViewer:
        if not user.is_authenticated or not user.is_active:
            return cls(None, False, frozenset(), frozenset())
        roles = network_roles(user)
        return cls(
            user.pk, _is_admin(user), frozenset(roles.by_network), frozenset(roles.coordinated)
        )

    def may_see(self, person, networks: set[int]) -> bool:
        """Whether the viewer may see `person`, speaking for a municipality in `networks`.

        public → everyone; network → members and coordinators of one of those
        networks; nobody → only their coordinators and platform admins.
        """
        if person is None or not person.is_active:
            return False
        if person.pk == self.pk or self.is_admin or self.coordinates & networks:
            return True
        if person.contact_visibility == ContactVisibility.PUBLIC:
            return True
        if person.contact_visibility == ContactVisibility.NETWORK:
            return bool(self.member_of & networks)
        return False


def networks_of_municipalities(municipality_ids) -> dict[int, set[int]]:
    """municipality id → the networks it is an active member of (one query)."""
    result: dict[int, set[int]] = {}
    for municipality_id, network_id in Membership.objects.filter(
        municipality_id__in=list(municipality_ids), status=MembershipStatus.ACTIVE
    ).values_list("municipality_id", "network_id"):
        result.setdefault(municipality_id, set()).add(network_id)
    return result
