"""Reads for the member directory: one row per member municipality.

Everything here is public: municipalities with at least one active
membership, their registry facts and their networks. Contact persons are
never part of the directory.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole, MembershipStatus, Network


class JSONArrayContains(Func):
    """True where the JSON array in `field` holds the string `value` as an element.

    Django's `JSONField__contains` is not supported on SQLite, and matching the
    serialised text is unreliable (SQLite keeps `\\u00fc` escapes, PostgreSQL
    stores `ü`), so each database gets its own exact test.
    """

    output_field = BooleanField()
    arity = 2

    def __init__(self, field: str, value: str):
        super().__init__(F(field), Value(str(value)))

    def _sides(self, compiler):
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        rhs, rhs_params = compiler.compile(self.source_expressions[1])
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        lhs, rhs, params = self._sides(compiler)
        # lhs and rhs are compiled SQL with placeholders; the value is in params.
        sql = (
            f"EXISTS (SELECT 1 FROM json_each({lhs}) AS _topic "  # noqa: S608
            f"WHERE _topic.type = 'text' AND _topic.value = {rhs})"
        )
        return sql, params

    def as_postgresql(self, compiler, connection, **extra_context):
        lhs, rhs, params = self._sides(compiler)
        return f"({lhs} @> jsonb_build_array(({rhs})::text))", params

    def as_sql(self, compiler, connection, **extra_context):
        lhs, rhs, params = self._sides(compiler)
        # MySQL / MariaDB
        return f"JSON_CONTAINS({lhs}, JSON_ARRAY({rhs}))", params


# Population classes: key → (lowest, highest) population, both inclusive.
POPULATION_CLASSES: dict[str, tuple[int, int | None]] = {
    "unter-1000": (0, 999),
    "1000-4999": (1000, 4999),
    "5000-19999": (5000, 19999),
    "20000-99999": (20000, 99999),
    "ab-100000": (100000, None),
}

# Sort key (as in the URL) → ordering; ties are broken by name and id.
SORTS = {
    "name": [F("name").asc()],
    "-name": [F("name").desc()],
    "einwohner": [F("population").asc(nulls_last=True)],
    "-einwohner": [F("population").desc(nulls_last=True)],
    "mitglied-seit": [F("member_since").asc(nulls_last=True)],
    "-mitglied-seit": [F("member_since").desc(nulls_last=True)],
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class DirectoryFilter:
    """The filters of the directory; empty values mean "no filter"."""

    network: Network | None = None
    kind: str = ""
    district_id: int | None = None
    topic: str = ""
    population: str = ""
    query: str = ""
    sort: str = DEFAULT_SORT


def networks_for_filter():
    return Network.objects.only("pk", "name", "short_name", "slug", "topics").order_by("name")


def districts_for_filter():
    """(id, name) of every Landkreis, for the district filter."""
    return list(
        Municipality.objects.filter(kind=MunicipalityKind.LANDKREIS)
        .order_by("name")
        .values_list("pk", "name")
    )


def _memberships_in_scope(filters: DirectoryFilter):
    """Active memberships that count for the filter (network, topic)."""
    memberships = Membership.objects.filter(status=MembershipStatus.ACTIVE)
    if filters.network is not None:
        memberships = memberships.filter(network=filters.network)
    if filters.topic:
        memberships = memberships.filter(JSONArrayContains("topic_focuses", filters.topic))
    return memberships


def _district(field: str):
    """The Landkreis of a municipality: its parent or its grandparent."""
    landkreis = MunicipalityKind.LANDKREIS
    return Case(
        When(parent__kind=landkreis, then=F(f"parent__{field}")),
        When(parent__parent__kind=landkreis, then=F(f"parent__parent__{field}")),
        default=None,
    )


def _label(field: str, choices) -> Case:
    """The display label of a choice field, in the active language, computed by the database.

    Cheaper than `get_FOO_display()` per row, which rebuilds the choices on every call.
    """
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=F(field),
        output_field=CharField(),
    )


def directory_rows(filters: DirectoryFilter) -> QuerySet[Municipality]:
    """Member municipalities matching `filters`, sorted, with their memberships.

    Each row carries `member_since` (earliest active membership in scope),
    `district_pk` / `district_name`, `kind_label` and, once evaluated,
    `directory_memberships` (the active memberships in scope, with their
    network and `role_label`). The number of queries does not depend on the
    number of rows.
    """
    in_scope = _memberships_in_scope(filters)
    rows = (
        Municipality.objects.filter(
            Exists(in_scope.filter(municipality=OuterRef("pk"))),
        )
        .annotate(
            member_since=Subquery(
                in_scope.filter(municipality=OuterRef("pk"))
                .order_by("member_since")
                .values("member_since")[:1]
            ),
            district_pk=_district("pk"),
            district_name=_district("name"),
            kind_label=_label("kind", MunicipalityKind.choices),
        )
        .only("pk", "name", "official_name", "kind", "ags", "population")
    )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.district_id:
        district = filters.district_id
        rows = rows.filter(Q(parent=district) | Q(parent__parent=district) | Q(pk=district))
    if filters.population in POPULATION_CLASSES:
        low, high = POPULATION_CLASSES[filters.population]
        rows = rows.filter(population__gte=low)
        if high is not None:
            rows = rows.filter(population__lte=high)
    if filters.query:
        rows = rows.filter(
            Q(name__icontains=filters.query) | Q(official_name__icontains=filters.query)
        )
    ordering = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    rows = rows.order_by(*ordering, "name", "pk")
    return rows.prefetch_related(
        Prefetch(
            "memberships",
            queryset=in_scope.select_related("network")
            .annotate(role_label=_label("role", MembershipRole.choices))
            .only(
                "pk",
                "municipality_id",
                "network_id",
                "role",
                "member_since",
                "topic_focuses",
                "network__name",
                "network__short_name",
                "network__slug",
            )
            .order_by("network__name"),
            to_attr="directory_memberships",
        )
    )
