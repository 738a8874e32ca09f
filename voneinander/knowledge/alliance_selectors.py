"""Reads for alliances. Alliances are public; the solution they name is shown only
to those who may see it (through `solutions_visible_to`)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from voneinander.knowledge.models import Alliance, AlliancePartner
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.networks.models import Network


def _partners_prefetch() -> Prefetch:
    return Prefetch(
        "partner_links",
        queryset=AlliancePartner.objects.select_related("municipality").order_by(
            "municipality__name", "pk"
        ),
    )


def alliances(*, network_slug: str = "", status: str = "") -> QuerySet[Alliance]:
    found = Alliance.objects.select_related("network").prefetch_related(_partners_prefetch())
    if network_slug:
        found = found.filter(network__slug=network_slug)
    if status:
        found = found.filter(status=status)
    return found.order_by("network__name", "-created_at", "-pk")


def networks_with_alliances() -> QuerySet[Network]:
    return Network.objects.filter(alliances__isnull=False).distinct().order_by("name")


def alliance_by_slug(request, slug: str, **_ignored) -> Alliance:
    return get_object_or_404(
        Alliance.objects.select_related("network", "solution", "created_by").prefetch_related(
            _partners_prefetch()
        ),
        slug=slug,
    )


def visible_solution(user, alliance: Alliance):
    """The alliance's solution if `user` may see it, else None."""
    if alliance.solution_id is None:
        return None
    return solutions_visible_to(user).filter(pk=alliance.solution_id).first()


def visible_solution_ids(user, alliance_list) -> set[int]:
    ids = {alliance.solution_id for alliance in alliance_list if alliance.solution_id}
    if not ids:
        return set()
    return set(solutions_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def solutions_for_alliance(user, network):
    return solutions_visible_to(user).filter(network=network).order_by("title")


def alliances_for_outcome(network) -> QuerySet[Alliance]:
    """Alliances an outcome may be linked to (by the network's coordinators)."""
    return Alliance.objects.filter(network=network).order_by("title")
