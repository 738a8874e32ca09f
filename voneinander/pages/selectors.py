"""Reads for pages and barrier reports.

Every page is public; who may change one is decided in permissions.py. Barrier
reports are read only by those who handle them (the views' rules).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from voneinander.networks.models import Network, NetworkCoordinator
from voneinander.pages.models import BarrierReport, BarrierReportStatus, Page, PageKind

FOOTER_CACHE_KEY = "pages:footer-links"
FOOTER_CACHE_SECONDS = 600


def legal_page(kind: str) -> Page | None:
    return Page.objects.select_related("updated_by").filter(kind=kind, network=None).first()


def platform_page(request, slug: str) -> Page:
    return get_object_or_404(Page.objects.select_related("updated_by"), network=None, slug=slug)


def sign_language_video():
    """The signed video of the page in Gebärdensprache: the first video of the published
    platform news item that admins keep for it (a11y_texts.SIGN_LANGUAGE_NEWS_SLUG)."""
    from voneinander.news.selectors import published_news
    from voneinander.pages.a11y_texts import SIGN_LANGUAGE_NEWS_SLUG

    item = published_news().filter(slug=SIGN_LANGUAGE_NEWS_SLUG, network=None).first()
    if item is None:
        return None
    return item.videos.select_related("news").order_by("pk").first()


def network_for_pages(request, network_slug: str) -> Network:
    return get_object_or_404(
        Network.objects.only("pk", "name", "short_name", "slug"), slug=network_slug
    )


def network_page(request, network_slug: str, slug: str) -> Page:
    return get_object_or_404(
        Page.objects.select_related("network", "updated_by"),
        network__slug=network_slug,
        slug=slug,
    )


def platform_pages():
    return Page.objects.filter(network=None).select_related("updated_by").order_by("kind", "title")


def pages_of_network(network: Network):
    return (
        Page.objects.filter(network=network, kind=PageKind.FREE)
        .select_related("updated_by", "network")
        .order_by("title")
    )


def footer_links() -> list[dict]:
    """Platform free pages linked in the footer of every page.

    Cached, so that the footer costs no query on most requests; services and the
    admin clear the cache when a page changes (`forget_footer_links`).
    """
    links = cache.get(FOOTER_CACHE_KEY)
    if links is None:
        links = list(
            Page.objects.filter(network=None, kind=PageKind.FREE, show_in_footer=True)
            .order_by("title")
            .values("slug", "title")
        )
        cache.set(FOOTER_CACHE_KEY, links, FOOTER_CACHE_SECONDS)
    return links


def forget_footer_links() -> None:
    cache.delete(FOOTER_CACHE_KEY)


# --- Barrier reports -------------------------------------------------------------------


def barrier_reports(*, status: str | None = None):
    reports = BarrierReport.objects.select_related("handled_by").order_by("-created_at", "-pk")
    if status:
        reports = reports.filter(status=status)
    return reports


def barrier_report_counts() -> dict[str, int]:
    counts = BarrierReport.objects.aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in BarrierReportStatus.values}
    )
    return counts


def barrier_report(request, pk: int) -> BarrierReport:
    return get_object_or_404(BarrierReport.objects.select_related("handled_by", "reporter"), pk=pk)


def barrier_report_recipients(extra: list[str] | None = None) -> list[str]:
    """Platform admins, the coordinators of every network and `extra` addresses,
    each address once (compared without case), in a stable order."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    admins = users.filter(is_superuser=True).values_list("email", flat=True)
    coordinator_ids = NetworkCoordinator.objects.values("user_id")
    coordinators = users.filter(pk__in=coordinator_ids).values_list("email", flat=True)
    seen: dict[str, str] = {}
    for address in [*sorted(admins), *sorted(coordinators), *(extra or [])]:
        if address:
            seen.setdefault(address.strip().lower(), address.strip())
    return list(seen.values())
