"""Published news, through the same gate as the news pages."""

import datetime

from ninja import Field, Query, Router, Schema

from voneinander.api import selectors
from voneinander.api.auth import optional_auth
from voneinander.api.errors import DETAIL_ERRORS, LIST_ERRORS
from voneinander.api.pagination import PageParams, page_schema, paginate

router = Router(tags=["news"])


class NewsOut(Schema):
    slug: str
    title: str
    teaser: str
    text: str = Field(description="Markdown.")
    published_at: datetime.datetime
    network: str | None = Field(description="Slug of the network; null for platform news.")
    topics: list[str] = Field(description="Slugs of the topics.")
    url: str = Field(description="The news item's page on the platform.")

    @staticmethod
    def resolve_network(obj) -> str | None:
        return obj.network.slug if obj.network_id else None

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class NewsFilters(Schema):
    network: str = Field("", max_length=60, description="Slug of a network.")
    topic: str = Field("", max_length=80, description="Slug of a topic.")
    platform: bool = Field(False, description="Only news of the whole platform.")


NewsPage = page_schema(NewsOut, "NewsPage")


@router.get("/", response={200: NewsPage, **LIST_ERRORS}, auth=optional_auth, url_name="news-list")
def list_news(request, page: Query[PageParams], filters: Query[NewsFilters]):
    """Published news, newest first."""
    rows = selectors.news(
        request.user, network=filters.network, topic=filters.topic, platform=filters.platform
    )
    return paginate(request, rows, params=page, order_fields=("-published_at", "-pk"))


@router.get(
    "/{slug}", response={200: NewsOut, **DETAIL_ERRORS}, auth=optional_auth, url_name="news-detail"
)
def get_news(request, slug: str):
    """One published news item."""
    return selectors.news_item(request.user, slug)
