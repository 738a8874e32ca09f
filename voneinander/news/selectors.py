"""Reads for news: who sees which item, the lists, the linked objects.

Published means `published_at <= now`, compared on every read: a scheduled
item appears on time without a job. `news_visible_to(user)` is the gate every
page, feed, file download and the search use.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from voneinander.events.selectors import events_visible_to
from voneinander.knowledge.models import Topic
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.networks.models import Membership, Network
from voneinander.networks.roles import is_platform_admin, network_roles
from voneinander.news.models import NewsAttachment, NewsImage, NewsItem


def published_filter(now=None) -> Q:
    return Q(published_at__isnull=False, published_at__lte=now or timezone.now())


def editable_filter(user) -> Q | None:
    """The items `user` may edit, as a filter; None when there are none.

    Not `Q()` for admins: `Q(...) | Q()` is just `Q(...)` in Django.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if is_platform_admin(user):
        return Q(pk__isnull=False)
    coordinated = network_roles(user).coordinated
    return Q(network_id__in=sorted(coordinated)) if coordinated else None


def published_news() -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(published_filter())


def news_visible_to(user) -> QuerySet[NewsItem]:
    editable = editable_filter(user)
    condition = published_filter() if editable is None else published_filter() | editable
    return NewsItem.objects.filter(condition)


def news_for_viewer(request, slug: str, **_ignored) -> NewsItem:
    """The item at `slug`, if the person may know it; else 404."""
    return get_object_or_404(
        news_visible_to(request.user).select_related("network", "author"), slug=slug
    )


def _list_rows(queryset: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
    return queryset.select_related("network").prefetch_related(
        Prefetch("images", queryset=NewsImage.objects.order_by("position", "pk"))
    )


def news_list(*, network: Network | None = None, topic: Topic | None = None):
    """Published items, newest first, for the lists and feeds."""
    items = published_news()
    if network is not None:
        items = items.filter(network=network)
    if topic is not None:
        items = items.filter(topics=topic)
    return _list_rows(items).order_by("-published_at", "-pk")


def latest_news(*, network: Network | None = None, limit: int = 3) -> list[NewsItem]:
    return list(news_list(network=network)[:limit])


def drafts_for(user) -> QuerySet[NewsItem]:
    """Drafts and scheduled items the person may edit, scheduled first by time."""
    editable = editable_filter(user)
    if editable is None:
        return NewsItem.objects.none()
    unpublished = Q(published_at__isnull=True) | Q(published_at__gt=timezone.now())
    return (
        NewsItem.objects.filter(editable & unpublished)
        .select_related("network", "author")
        .order_by(F("published_at").asc(nulls_last=True), "-updated_at", "-pk")
    )


def networks_for_writing(user) -> QuerySet[Network]:
    """The networks the person may write news for."""
    if is_platform_admin(user):
        return Network.objects.order_by("name")
    return Network.objects.filter(pk__in=sorted(network_roles(user).coordinated)).order_by("name")


def networks_for_filter() -> QuerySet[Network]:
    return Network.objects.filter(pk__in=published_news().values("network_id")).order_by("name")


def topics_for_filter() -> QuerySet[Topic]:
    return Topic.objects.filter(pk__in=published_news().values("topics")).order_by(
        "-is_field", "position", "name"
    )


def network_for_news(request, slug: str, **_ignored) -> Network:
    """Every network has a public news page; an unknown slug is a 404."""
    return get_object_or_404(Network, slug=slug)


def image_of(item: NewsItem, pk: int) -> NewsImage:
    return get_object_or_404(NewsImage, news=item, pk=pk)


def attachment_of(item: NewsItem, pk: int) -> NewsAttachment:
    return get_object_or_404(NewsAttachment, news=item, pk=pk)


def membership_by_pk(request, pk: int, **_ignored) -> Membership:
    """Memberships are public (the member directory); whether one may announce it is a rule."""
    return get_object_or_404(Membership.objects.select_related("network", "municipality"), pk=pk)


def news_of_membership(membership: Membership) -> NewsItem | None:
    return NewsItem.objects.filter(membership=membership).first()


def linked_objects(item: NewsItem, user) -> dict:
    """What the item links to, as far as the person may see it."""
    return {
        "municipalities": list(item.municipalities.order_by("name")),
        "events": list(events_visible_to(user).filter(news=item).order_by("starts_at")),
        "solutions": list(
            solutions_visible_to(user).filter(news=item).select_related("owner").order_by("title")
        ),
        "topics": list(item.topics.order_by("-is_field", "position", "name")),
    }


def parts_of(item: NewsItem) -> dict:
    return {
        "images": list(item.images.order_by("position", "pk")),
        "attachments": list(item.attachments.order_by("pk")),
        "videos": list(item.videos.order_by("pk")),
    }
