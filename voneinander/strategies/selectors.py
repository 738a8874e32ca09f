"""Reads of the strategy workbook, and THE gate for who may see a strategy.

Private by default: only the strategy's team (its collaborators) sees it — not
the network's coordinators, not platform admins (as with private working
groups, decision 19). Once the team shares it with a network, that network's
members read it (and may copy measures); coordinators see only anonymised
figures across the network.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from voneinander.networks.models import ContactPerson, Membership, MembershipStatus
from voneinander.networks.roles import MEMBER, network_roles
from voneinander.strategies.models import Collaborator, CollaboratorRole, Strategy


def member_networks(user) -> list[int]:
    roles = network_roles(user)
    return sorted(nid for nid, held in roles.by_network.items() if MEMBER in held)


def municipalities_spoken_for(user) -> QuerySet:
    """Member municipalities for which `user` may start a strategy: their confirmed
    own municipality, and those they are a contact person of."""
    from voneinander.municipalities.models import Municipality

    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    own = Q(pk=user.municipality_id) if user.municipality_confirmed_at else Q(pk__in=[])
    contact = Q(
        pk__in=ContactPerson.objects.filter(
            user=user, membership__status=MembershipStatus.ACTIVE
        ).values("membership__municipality_id")
    )
    active = Membership.objects.filter(status=MembershipStatus.ACTIVE).values("municipality_id")
    return Municipality.objects.filter(own | contact).filter(pk__in=active).distinct()


def team_strategies(user) -> QuerySet[Strategy]:
    if not user.is_authenticated or not user.is_active:
        return Strategy.objects.none()
    return Strategy.objects.filter(collaborators__user=user)


def still_member_of_shared_network() -> Exists:
    """The strategy's municipality is still an active member of the network it is
    shared with: once it leaves, the network no longer reads the strategy."""
    return Exists(
        Membership.objects.filter(
            municipality_id=OuterRef("municipality_id"),
            network_id=OuterRef("shared_with_id"),
            status=MembershipStatus.ACTIVE,
        )
    )


def _shared_with_networks(networks: list[int]) -> Q:
    return Q(shared_with_id__in=networks) & Q(still_member_of_shared_network())


def readable_strategies(user) -> QuerySet[Strategy]:
    """The team's own strategies and those shared with a network the person belongs to."""
    if not user.is_authenticated or not user.is_active:
        return Strategy.objects.none()
    return Strategy.objects.filter(
        Q(collaborators__user=user) | _shared_with_networks(member_networks(user))
    ).distinct()


def shared_strategies(user) -> QuerySet[Strategy]:
    """Strategies other teams shared with the person's networks (for browsing)."""
    if not user.is_authenticated or not user.is_active:
        return Strategy.objects.none()
    return Strategy.objects.filter(_shared_with_networks(member_networks(user)))


def is_shared_with(user, strategy: Strategy) -> bool:
    """Whether `strategy` is shared with a network `user` is a member of (and its
    municipality is still an active member of that network)."""
    if strategy.shared_with_id not in member_networks(user):
        return False
    return Membership.objects.filter(
        municipality_id=strategy.municipality_id,
        network_id=strategy.shared_with_id,
        status=MembershipStatus.ACTIVE,
    ).exists()


def is_on_team(user, strategy: Strategy) -> bool:
    return Collaborator.objects.filter(strategy=strategy, user=user).exists()


def leads(user, strategy: Strategy) -> bool:
    return Collaborator.objects.filter(
        strategy=strategy, user=user, role=CollaboratorRole.OWNER
    ).exists()


# --- Objects for the access rules (404 for what the person may not know) --------------


def strategy_for_team(request, pk: int, **_ignored) -> Strategy:
    try:
        return team_strategies(request.user).get(pk=pk)
    except Strategy.DoesNotExist:
        raise Http404 from None


def strategy_for_reader(request, pk: int, **_ignored) -> Strategy:
    try:
        return readable_strategies(request.user).get(pk=pk)
    except Strategy.DoesNotExist:
        raise Http404 from None
