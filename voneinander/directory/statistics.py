"""Reads for the member map and the figures page.

Everything is public information about networks (who is a member, since when).
Each function runs a fixed number of queries, whatever the number of members,
and lets the database count and sum (values/annotate) instead of walking objects.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from voneinander.directory.outlines import state_outlines
from voneinander.knowledge.selectors import REUSE_STATUSES, solutions_visible_to
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import Membership, MembershipRole, MembershipStatus, Network

Kind = MunicipalityKind

# Associations of municipalities: their population is that of their municipalities.
ASSOCIATIONS = (Kind.VERBANDSGEMEINDE, Kind.LANDKREIS, Kind.LAND)
# Which role's symbol a municipality gets on the map when it has several roles.
ROLE_PRECEDENCE = (MembershipRole.TRANSFER, MembershipRole.MENTOR, MembershipRole.MEMBER)
DEFAULT_STATE = "RP"


def networks_for_filter():
    return Network.objects.only("name", "short_name", "slug").order_by("name")


def active_memberships(network: Network | None = None):
    memberships = Membership.objects.filter(status=MembershipStatus.ACTIVE)
    return memberships if network is None else memberships.filter(network=network)


# --- The map -----------------------------------------------------------------


@dataclass(slots=True)
class MapMember:
    """A member municipality as the map and its list show it."""

    pk: int
    name: str
    kind: str
    kind_label: str
    state: str
    latitude: float | None
    longitude: float | None
    url: str
    roles: list[tuple[str, str, str]]  # (role, role label, network short name)
    role: str  # the one whose symbol the map shows: Transferstelle, then mentor, then member

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def display_name(name: str, kind: str) -> str:
    """Municipality.__str__ for a values() row (instances cost too much per marker)."""
    if kind == Kind.VERBANDSGEMEINDE and not name.startswith("VG"):
        return f"VG {name}"
    return name


def municipality_url_maker():
    """A function pk → profile URL; reverse() once instead of once per member."""
    sentinel = 987654321
    template = reverse("municipalities:detail", kwargs={"pk": sentinel})
    before, after = template.split(str(sentinel))
    return lambda pk: f"{before}{pk}{after}"


def map_members(network: Network | None) -> list[MapMember]:
    """Municipalities with an active membership (in `network`, or in any), by name."""
    rows = (
        active_memberships(network)
        .order_by("municipality__name", "municipality_id", "network__short_name")
        .values_list(
            "municipality_id",
            "municipality__name",
            "municipality__kind",
            "municipality__state",
            "municipality__latitude",
            "municipality__longitude",
            "role",
            "network__short_name",
        )
    )
    kind_labels = {value: str(label) for value, label in Kind.choices}
    role_labels = {value: str(label) for value, label in MembershipRole.choices}
    url = municipality_url_maker()
    rank = {role: len(ROLE_PRECEDENCE) - i for i, role in enumerate(ROLE_PRECEDENCE)}
    members: dict[int, MapMember] = {}
    for pk, name, kind, state, latitude, longitude, role, network_name in rows:
        entry = (role, role_labels.get(role, role), network_name)
        member = members.get(pk)
        if member is None:
            members[pk] = MapMember(
                pk=pk,
                name=display_name(name, kind),
                kind=kind,
                kind_label=kind_labels.get(kind, kind),
                state=state,
                latitude=latitude,
                longitude=longitude,
                url=url(pk),
                roles=[entry],
                role=role if role in rank else MembershipRole.MEMBER,
            )
        else:
            member.roles.append(entry)
            if rank.get(role, 0) > rank[member.role]:
                member.role = role
    return list(members.values())


# --- Figures: members over time ------------------------------------------------


@dataclass(frozen=True)
class HistoryPoint:
    day: datetime.date  # the end of a month or year, or today for the running one
    count: int  # active members at the end of that day
    is_today: bool = False


@dataclass(frozen=True)
class History:
    period: str  # "month" or "year"
    points: list[HistoryPoint]


MONTHLY_UP_TO = 36  # months; a longer history is shown by year ends


def _month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


class MonthKey(Func):
    """'YYYY-MM' of a date, computed natively by the database.

    Django's TruncMonth is a Python function per row on SQLite (5 ms for 2,300
    members); SQLite stores dates as ISO text, so a substring is exact there.
    """

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')", **extra
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        template = template or "substr(cast(%(expressions)s as char(10)), 1, 7)"
        return super().as_sql(compiler, connection, template=template, **extra)


def _month_counts(queryset, field: str) -> dict[datetime.date, int]:
    rows = (
        queryset.annotate(month=MonthKey(field))
        .order_by()
        .values_list("month")
        .annotate(n=Count("id"))
    )
    return {datetime.date(int(key[:4]), int(key[5:7]), 1): n for key, n in rows}


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def membership_history(network: Network, *, today: datetime.date) -> History:
    """Active members at each month end (or year end), from the first admission to today.

    A membership counts from `member_since` up to the day before `left_on`.
    The history follows these dates, not the status: a membership marked as
    left without a leaving date cannot be placed in time and is left out.
    Two queries: admissions and departures counted per month by the database.
    """
    memberships = Membership.objects.filter(network=network).exclude(
        status=MembershipStatus.LEFT, left_on__isnull=True
    )
    joins = _month_counts(memberships.filter(member_since__lte=today), "member_since")
    leaves = _month_counts(
        memberships.filter(left_on__lte=today, member_since__lte=today), "left_on"
    )
    if not joins:
        return History(period="month", points=[])
    this_month = today.replace(day=1)
    month = min(joins)
    months: list[tuple[datetime.date, int]] = []
    active = 0
    while month <= this_month:
        active += joins.get(month, 0) - leaves.get(month, 0)
        months.append((month, active))
        month = _next_month(month)
    if len(months) <= MONTHLY_UP_TO:
        points = [HistoryPoint(_month_end(m), n) for m, n in months[:-1]]
        return History("month", [*points, HistoryPoint(today, months[-1][1], is_today=True)])
    year_ends = [(m, n) for m, n in months if m.month == 12 and m.year < today.year]
    points = [HistoryPoint(datetime.date(m.year, 12, 31), n) for m, n in year_ends]
    return History("year", [*points, HistoryPoint(today, months[-1][1], is_today=True)])


# --- Figures: members by kind and by district ---------------------------------


@dataclass(frozen=True)
class Share:
    label: str
    count: int


def members_by_kind(network: Network) -> list[Share]:
    rows = (
        active_memberships(network)
        .order_by()
        .values_list("municipality__kind")
        .annotate(n=Count("id"))
    )
    order = [value for value, _label in Kind.choices]
    labels = dict(Kind.choices)
    rows = sorted(rows, key=lambda row: (-row[1], order.index(row[0]) if row[0] in order else 99))
    return [Share(str(labels.get(kind, kind)), n) for kind, n in rows]


def _district(attribute: str, output_field):
    """The member's district (Landkreis) by its parent chain, as one SQL expression.

    A Landkreis and a kreisfreie Stadt are their own district; a town or a
    Verbandsgemeinde lies in its parent, an Ortsgemeinde in its grandparent
    (Ortsgemeinde → Verbandsgemeinde → Landkreis).
    """
    own = Kind.LANDKREIS, Kind.KREISFREIE_STADT
    return Case(
        When(municipality__kind__in=own, then=F(f"municipality__{attribute}")),
        When(
            municipality__parent__kind=Kind.LANDKREIS, then=F(f"municipality__parent__{attribute}")
        ),
        When(
            municipality__parent__parent__kind=Kind.LANDKREIS,
            then=F(f"municipality__parent__parent__{attribute}"),
        ),
        default=None,
        output_field=output_field,
    )


def members_by_district(network: Network) -> list[Share]:
    """Active members per district, most first; members without one come last."""
    rows = (
        active_memberships(network)
        .annotate(
            district_id=_district("id", IntegerField()),
            district_name=_district("name", CharField()),
            district_kind=_district("kind", CharField()),
        )
        .order_by()
        .values_list("district_id", "district_name", "district_kind")
        .annotate(n=Count("id"))
    )
    labels = dict(Kind.choices)
    shares, without = [], 0
    for district_id, name, kind, n in rows:
        if district_id is None:
            without += n
        elif kind == Kind.KREISFREIE_STADT:
            shares.append(Share(f"{name} ({labels[kind]})", n))
        else:
            shares.append(Share(name, n))
    shares.sort(key=lambda share: (-share.count, share.label))
    if without:
        shares.append(Share(str(_("Without a district")), without))
    return shares


# --- Figures: share of the state's population ----------------------------------


@dataclass(frozen=True)
class StatePopulation:
    code: str
    name: str
    population: int | None
    basis: str  # "land": the state's own entry; "sum": sum over its municipalities


@dataclass(frozen=True)
class Coverage:
    population: int  # of the members, each inhabitant once
    members_counted: int  # members whose population was added
    members_contained: int  # members inside another member (not added again)
    members_unknown: int  # members counted without a known population
    states: list[StatePopulation]

    @property
    def state_population(self) -> int | None:
        if not self.states or any(state.population is None for state in self.states):
            return None
        return sum(state.population for state in self.states) or None

    @property
    def share(self) -> float | None:
        """Percentage of the state population covered, or None if unknown."""
        total = self.state_population
        return None if total is None else 100 * self.population / total


def population_coverage(network: Network) -> Coverage:
    """How many inhabitants live in member municipalities, against the state.

    Each inhabitant counts once: a member is left out of the sum when a
    municipality above it (its Verbandsgemeinde, district or state) is also a
    member, because the population of an association already contains that of
    its municipalities (as in the official register). The state population is
    that of the state's own entry (kind Land) where it has one, else the sum
    over the state's municipalities that are not associations.
    """
    members = active_memberships(network)

    def member_at(path: str):
        return Exists(active_memberships(network).filter(municipality_id=OuterRef(path)))

    on_top = Q(in_parent=False, in_grandparent=False, in_great_grandparent=False)
    totals = members.annotate(
        in_parent=member_at("municipality__parent_id"),
        in_grandparent=member_at("municipality__parent__parent_id"),
        in_great_grandparent=member_at("municipality__parent__parent__parent_id"),
    ).aggregate(
        members=Count("id"),
        counted=Count("id", filter=on_top),
        population=Sum("municipality__population", filter=on_top),
        unknown=Count("id", filter=on_top & Q(municipality__population__isnull=True)),
    )
    states = members.order_by().values_list("municipality__state", flat=True).distinct()
    codes = sorted(states) or [DEFAULT_STATE]
    return Coverage(
        population=totals["population"] or 0,
        members_counted=totals["counted"],
        members_contained=totals["members"] - totals["counted"],
        members_unknown=totals["unknown"],
        states=state_populations(codes),
    )


def state_populations(codes: list[str]) -> list[StatePopulation]:
    """Population per state: its Land entry if known, else the sum of its municipalities."""
    lands = {
        state: (name, population)
        for state, name, population in Municipality.objects.filter(
            kind=Kind.LAND, state__in=codes
        ).values_list("state", "name", "population")
    }
    missing = [code for code in codes if lands.get(code, (None, None))[1] is None]
    sums = {}
    if missing:
        sums = dict(
            Municipality.objects.filter(state__in=missing)
            .exclude(kind__in=ASSOCIATIONS)
            .order_by()
            .values_list("state")
            .annotate(total=Sum("population"))
        )
    outlines = state_outlines()
    result = []
    for code in codes:
        name, population = lands.get(code, (None, None))
        name = name or (outlines[code].name if code in outlines else code)
        if population is not None:
            result.append(StatePopulation(code, name, population, "land"))
        else:
            result.append(StatePopulation(code, name, sums.get(code) or None, "sum"))
    return result


# --- Figures: solutions and their reuse -------------------------------------------


@dataclass(frozen=True)
class Knowledge:
    solutions: int  # public solutions in the network's catalogue
    reuses: int  # reuse cases recorded for them (not counting mere interest)


def knowledge_counts(network: Network) -> Knowledge:
    """Public solutions of the network and their reuse cases, in one query.

    Counted over what everyone may see (solutions_visible_to an anonymous
    visitor), so the public page reveals nothing about internal solutions.
    """
    totals = (
        solutions_visible_to(AnonymousUser())
        .filter(network=network)
        .aggregate(
            solutions=Count("id", distinct=True),
            reuses=Count(
                "adoptions", filter=Q(adoptions__status__in=REUSE_STATUSES), distinct=True
            ),
        )
    )
    return Knowledge(solutions=totals["solutions"], reuses=totals["reuses"])
