"""The municipality registry: public information."""

import datetime

from ninja import Field, Query, Router, Schema

from voneinander.api import selectors
from voneinander.api.auth import optional_auth
from voneinander.api.errors import DETAIL_ERRORS, LIST_ERRORS
from voneinander.api.pagination import PageParams, page_schema, paginate
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import MembershipRole

router = Router(tags=["municipalities"])


class MunicipalityRefOut(Schema):
    """A municipality named in another object (a membership, a solution)."""

    id: int
    name: str = Field(description="As the platform shows it (e.g. `VG Tal`).")
    kind: MunicipalityKind
    ags: str | None
    url: str = Field(description="The municipality's page on the platform.")

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class MunicipalityOut(Schema):
    id: int
    name: str
    official_name: str
    kind: MunicipalityKind
    ags: str | None = Field(description="Official municipality key (Amtlicher Gemeindeschlüssel).")
    ars: str | None = Field(description="Regional key (Amtlicher Regionalschlüssel).")
    parent: int | None = Field(description="Id of the association or district it belongs to.")
    district: int | None = Field(description="Id of its Landkreis (district), if any.")
    state: str
    population: int | None
    area_km2: float | None
    postcode: str
    latitude: float | None
    longitude: float | None
    website: str
    url: str = Field(description="The municipality's page on the platform.")

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id

    @staticmethod
    def resolve_area_km2(obj) -> float | None:
        return float(obj.area_km2) if obj.area_km2 is not None else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class NetworkMembershipOut(Schema):
    network: str = Field(description="Slug of the network.")
    role: MembershipRole
    member_since: datetime.date

    @staticmethod
    def resolve_network(obj) -> str:
        return obj.network.slug


class MunicipalityDetailOut(MunicipalityOut):
    memberships: list[NetworkMembershipOut] = Field(description="Active memberships.")

    @staticmethod
    def resolve_memberships(obj):
        return obj.active_memberships


class MunicipalityFilters(Schema):
    kind: MunicipalityKind | None = None
    district: int | None = Field(None, ge=1, description="Id of a Landkreis (district).")
    q: str = Field("", max_length=100, description="Part of the name or official name.")
    key: str = Field("", max_length=12, description="Exactly this AGS (8 digits) or ARS (12).")
    member: bool = Field(False, description="Only municipalities with an active membership.")


MunicipalityPage = page_schema(MunicipalityOut, "MunicipalityPage")


@router.get(
    "/",
    response={200: MunicipalityPage, **LIST_ERRORS},
    auth=optional_auth,
    url_name="municipality-list",
)
def list_municipalities(request, page: Query[PageParams], filters: Query[MunicipalityFilters]):
    """Municipalities, districts and associations of the registry, by name."""
    rows = selectors.municipalities(
        kind=filters.kind or "",
        district=filters.district,
        query=filters.q.strip(),
        key=filters.key.strip(),
        members_only=filters.member,
    )
    return paginate(request, rows, params=page, order_fields=("name",))


@router.get(
    "/{int:pk}",
    response={200: MunicipalityDetailOut, **DETAIL_ERRORS},
    auth=optional_auth,
    url_name="municipality-detail",
)
def get_municipality(request, pk: int):
    """One municipality with its active memberships."""
    return selectors.municipality(pk)
