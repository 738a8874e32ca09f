"""Reads for the knowledge exchange: the querysets that decide what a user may see.

`solutions_visible_to(user)` is the single gate for solutions: every page, htmx
fragment, export, search result, feed and API endpoint filters through it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from voneinander.knowledge.models import Solution, SolutionVisibility
from voneinander.networks.roles import MEMBER, network_roles


def _is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def solution_visibility_filter(user, *, include_inactive: bool = False) -> Q | None:
    """The condition on Solution rows `user` may see; None means every row.

    Archived and merged solutions are left out for everyone unless
    `include_inactive` (then coordinators and the owners still see theirs).
    """
    active = Q(archived_at__isnull=True, merged_into__isnull=True)
    if _is_admin(user):
        return None if include_inactive else active
    condition = active & Q(visibility=SolutionVisibility.PUBLIC)
    if not user.is_authenticated or not user.is_active:
        return condition
    roles = network_roles(user)
    member_of = [nid for nid, held in roles.by_network.items() if MEMBER in held]
    if member_of:
        condition |= active & Q(network_id__in=member_of)
    own = Q()
    if roles.coordinated:
        own |= Q(network_id__in=roles.coordinated)
    if user.municipality_id and user.municipality_confirmed_at:
        own |= Q(owner_id=user.municipality_id)
    if own:
        condition |= own if include_inactive else (active & own)
    return condition


def solutions_visible_to(user, *, include_inactive: bool = False) -> QuerySet[Solution]:
    condition = solution_visibility_filter(user, include_inactive=include_inactive)
    solutions = Solution.objects.all()
    return solutions if condition is None else solutions.filter(condition)


def solution_for_viewer(request, slug: str, **_ignored) -> Solution:
    """The solution at `slug`, or 404 for a solution the user may not know about.

    Archived and merged solutions still answer for those who may see them
    (coordinators, owners); a merged one redirects in the view.
    """
    try:
        return (
            solutions_visible_to(request.user, include_inactive=True)
            .select_related("network", "owner", "contact")
            .get(slug=slug)
        )
    except Solution.DoesNotExist:
        raise Http404 from None
