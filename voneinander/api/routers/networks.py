"""Networks: public, like their pages."""

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from voneinander.api import selectors
from voneinander.api.auth import optional_auth
from voneinander.api.errors import DETAIL_ERRORS, LIST_ERRORS
from voneinander.api.pagination import PageParams, page_schema, paginate

router = Router(tags=["networks"])


class NetworkOut(Schema):
    slug: str = Field(description="Stable identifier, part of the page address.")
    name: str
    short_name: str
    description: str = Field(description="Markdown.")
    operator: str
    target_group: str
    target_kinds: list[str] = Field(
        description="Kinds of municipality that may join; empty means every kind."
    )
    topics: list[str]
    website: str
    contact_email: str
    member_count: int = Field(description="Active memberships.")
    sister_networks: list[str] = Field(description="Slugs of the sister networks.")
    url: str = Field(description="The network's page on the platform.")
    members_url: str = Field(description="The API list of its members.")

    @staticmethod
    def resolve_sister_networks(obj) -> list[str]:
        return sorted(sister.slug for sister in obj.sister_networks.all())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_members_url(obj, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("api:member-list", kwargs={"slug": obj.slug})
        )


class NetworkFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the name or short name.")


NetworkPage = page_schema(NetworkOut, "NetworkPage")


@router.get(
    "/", response={200: NetworkPage, **LIST_ERRORS}, auth=optional_auth, url_name="network-list"
)
def list_networks(request, page: Query[PageParams], filters: Query[NetworkFilters]):
    """All networks, by name."""
    return paginate(
        request, selectors.networks(query=filters.q.strip()), params=page, order_fields=("name",)
    )


@router.get(
    "/{slug}",
    response={200: NetworkOut, **DETAIL_ERRORS},
    auth=optional_auth,
    url_name="network-detail",
)
def get_network(request, slug: str):
    """One network."""
    return selectors.network(slug)
