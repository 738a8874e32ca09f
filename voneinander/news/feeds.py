"""Atom and RSS feeds of the published news, overall and per network.

Only published items (the same selector as the lists); links are absolute on
settings.SITE_URL whatever host the request came through; the teaser is the
description.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from voneinander.networks.models import Network
from voneinander.news.selectors import news_list

FEED_SIZE = 30


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


class _NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    network_url_name = "news:network_feed_rss"
    overall_url_name = "news:feed_rss"

    def get_object(self, request, slug=None):
        return get_object_or_404(Network, slug=slug) if slug else None

    def title(self, network):
        if network is None:
            return _("News – %(site)s") % {"site": settings.SITE_NAME}
        return _("News of %(network)s – %(site)s") % {
            "network": network.name,
            "site": settings.SITE_NAME,
        }

    def link(self, network):
        if network is None:
            return _absolute(reverse("news:list"))
        return _absolute(reverse("news:network", kwargs={"slug": network.slug}))

    def feed_url(self, network):
        if network is None:
            return _absolute(reverse(self.overall_url_name))
        return _absolute(reverse(self.network_url_name, kwargs={"slug": network.slug}))

    def description(self, network):
        if network is None:
            return _("News from the networks of %(site)s.") % {"site": settings.SITE_NAME}
        return _("News from %(network)s.") % {"network": network.name}

    def items(self, network):
        return news_list(network=network)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers treat descriptions as HTML; the teaser is plain text.
        return escape(item.teaser)

    def item_link(self, item):
        return _absolute(item.get_absolute_url())

    def item_guid(self, item):
        return _absolute(reverse("news:detail", kwargs={"slug": item.slug}))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.network.name if item.network_id else settings.SITE_NAME


class NewsRssFeed(_NewsFeed):
    pass


class NewsAtomFeed(_NewsFeed):
    feed_type = Atom1Feed
    network_url_name = "news:network_feed_atom"
    overall_url_name = "news:feed_atom"
    subtitle = _NewsFeed.description
