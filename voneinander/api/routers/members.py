"""Members of a network: public facts; contact persons only as each person allows."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from voneinander.api import selectors
from voneinander.api.auth import optional_auth
from voneinander.api.errors import errors
from voneinander.api.pagination import PageParams, page_schema, paginate
from voneinander.api.routers.municipalities import MunicipalityRefOut
from voneinander.networks.models import MembershipRole, MembershipStatus

router = Router(tags=["members"])


class ContactOut(Schema):
    name: str
    email: str
    position: str
    phone: str
    is_primary: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.user.display_name

    @staticmethod
    def resolve_email(obj) -> str:
        return obj.user.email

    @staticmethod
    def resolve_position(obj) -> str:
        return obj.user.position

    @staticmethod
    def resolve_phone(obj) -> str:
        return obj.user.phone


class MemberOut(Schema):
    id: int
    network: str = Field(description="Slug of the network.")
    municipality: MunicipalityRefOut
    role: MembershipRole
    status: MembershipStatus
    member_since: datetime.date
    left_on: datetime.date | None
    topic_focuses: list[str]
    contacts: list[ContactOut] = Field(
        description=(
            "Contact persons of an active membership the caller may see: public ones for "
            "everyone, more for members and coordinators of the network."
        )
    )

    @staticmethod
    def resolve_network(obj) -> str:
        return obj.network.slug

    @staticmethod
    def resolve_contacts(obj):
        return obj.visible_contacts


class MemberFilters(Schema):
    status: Literal["active", "left", "all"] = Field(
        "active", description="`active` (default), `left` (former members) or `all`."
    )
    role: MembershipRole | None = None


MemberPage = page_schema(MemberOut, "MemberPage")


@router.get(
    "/{slug}/members",
    response={200: MemberPage, **errors(400, 401, 404, 422)},
    auth=optional_auth,
    url_name="member-list",
)
def list_members(request, slug: str, page: Query[PageParams], filters: Query[MemberFilters]):
    """The memberships of a network, by municipality name."""
    network = selectors.network(slug)
    rows = selectors.memberships(
        network, status="" if filters.status == "all" else filters.status, role=filters.role or ""
    )
    result = paginate(request, rows, params=page, order_fields=("municipality__name",))
    selectors.attach_contacts(request.user, result["items"])
    return result
