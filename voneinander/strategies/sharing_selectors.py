"""Reads for sharing: the networks a strategy may be shared with, browsing and
comparing shared strategies, and the strategies a measure may be copied into.

Every strategy here comes through the gate in `selectors.py`
(`shared_strategies`, `readable_strategies`, `team_strategies`), never from
`Strategy.objects` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from voneinander.networks.models import Membership, MembershipStatus, Network
from voneinander.strategies.models import Measure, Strategy, StrategyField
from voneinander.strategies.selectors import (
    member_networks,
    readable_strategies,
    shared_strategies,
    team_strategies,
)

COMPARE_MIN = 2
COMPARE_MAX = 4


@dataclass(frozen=True)
class SizeClass:
    slug: str
    label: str
    lowest: int | None  # inclusive; None with highest None: population unknown
    highest: int | None  # exclusive

    def condition(self, prefix: str = "municipality__") -> Q:
        if self.lowest is None and self.highest is None:
            return Q(**{f"{prefix}population__isnull": True})
        condition = Q(**{f"{prefix}population__gte": self.lowest or 0})
        if self.highest is not None:
            condition &= Q(**{f"{prefix}population__lt": self.highest})
        return condition


SIZE_CLASSES = (
    SizeClass("unter-2000", _("fewer than 2,000 inhabitants"), 0, 2000),
    SizeClass("2000-5000", _("2,000 to 5,000 inhabitants"), 2000, 5000),
    SizeClass("5000-20000", _("5,000 to 20,000 inhabitants"), 5000, 20000),
    SizeClass("ueber-20000", _("more than 20,000 inhabitants"), 20000, None),
    SizeClass("unbekannt", _("population unknown"), None, None),
)


def size_class_of(population: int | None) -> SizeClass:
    if population is None:
        return SIZE_CLASSES[-1]
    return next(
        size
        for size in SIZE_CLASSES
        if size.lowest is not None
        and population >= size.lowest
        and (size.highest is None or population < size.highest)
    )


def size_class_by_slug(slug: str) -> SizeClass | None:
    return next((size for size in SIZE_CLASSES if size.slug == slug), None)


# --- Sharing -------------------------------------------------------------------------------


def networks_to_share_with(strategy: Strategy) -> QuerySet[Network]:
    """Networks the strategy's municipality is an active member of."""
    return Network.objects.filter(
        pk__in=Membership.objects.filter(
            municipality_id=strategy.municipality_id, status=MembershipStatus.ACTIVE
        ).values("network_id")
    ).order_by("name")


def shared_strategy_for_reader(request, pk: int, **_ignored) -> Strategy:
    """A strategy the person may read (their team's, or shared with their network)."""
    try:
        return (
            readable_strategies(request.user)
            .select_related("municipality", "shared_with")
            .get(pk=pk)
        )
    except Strategy.DoesNotExist:
        raise Http404 from None


def strategy_to_copy_from(request, pk: int, **_ignored) -> Strategy:
    """Only strategies shared with one of the person's networks offer their measures."""
    try:
        return shared_strategies(request.user).select_related("municipality").get(pk=pk)
    except Strategy.DoesNotExist:
        raise Http404 from None


def copy_targets(user, *, source: Strategy) -> QuerySet[Strategy]:
    """The person's team strategies a measure of `source` may be copied into."""
    return (
        team_strategies(user)
        .exclude(pk=source.pk)
        .select_related("municipality")
        .order_by("municipality__name")
    )


# --- Browsing ------------------------------------------------------------------------------


def browsable_networks(user) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=member_networks(user)).order_by("name")


def browse_shared(
    user,
    *,
    network: Network | None = None,
    size: SizeClass | None = None,
    strategy_field: StrategyField | None = None,
) -> QuerySet[Strategy]:
    strategies = shared_strategies(user).select_related("municipality", "shared_with")
    if network is not None:
        strategies = strategies.filter(shared_with=network)
    if size is not None:
        strategies = strategies.filter(size.condition())
    if strategy_field is not None:
        strategies = strategies.filter(
            pk__in=Measure.objects.filter(field=strategy_field).values("strategy_id")
        )
    return strategies.annotate(measure_count=Count("measures")).order_by("municipality__name")


@dataclass
class FieldCount:
    field: StrategyField
    count: int


def measures_per_field(strategies, fields: list[StrategyField]) -> dict[int, list[FieldCount]]:
    """{strategy id: [FieldCount, …]} for the fields the strategy has measures in; one query."""
    ids = [strategy.pk for strategy in strategies]
    counts: dict[int, dict[int, int]] = {}
    rows = (
        Measure.objects.filter(strategy_id__in=ids)
        .order_by()
        .values_list("strategy_id", "field_id")
        .annotate(n=Count("pk"))
    )
    for strategy_id, field_id, n in rows:
        counts.setdefault(strategy_id, {})[field_id] = n
    return {
        strategy_id: [FieldCount(item, by_field[item.pk]) for item in fields if item.pk in by_field]
        for strategy_id, by_field in counts.items()
    }


# --- Comparing -----------------------------------------------------------------------------


def compare_candidates(user) -> QuerySet[Strategy]:
    """What may be compared: strategies shared with the person's networks and their own."""
    return readable_strategies(user).select_related("municipality").order_by("municipality__name")


@dataclass
class ComparisonRow:
    field: StrategyField
    cells: list[list[Measure]] = field(default_factory=list)


def comparison(strategies: list[Strategy]) -> list[ComparisonRow]:
    """Rows = Handlungsfelder with a measure in any of the strategies, columns = strategies."""
    column = {strategy.pk: index for index, strategy in enumerate(strategies)}
    fields = {item.pk: item for item in StrategyField.objects.all()}
    rows: dict[int, ComparisonRow] = {}
    measures = Measure.objects.filter(strategy_id__in=column).order_by("position", "pk")
    for measure in measures:
        row = rows.get(measure.field_id)
        if row is None:
            row = rows[measure.field_id] = ComparisonRow(
                fields[measure.field_id], [[] for _strategy in strategies]
            )
        row.cells[column[measure.strategy_id]].append(measure)
    return sorted(rows.values(), key=lambda row: (row.field.position, row.field.name))


def strategy_for_display(strategy: Strategy, user) -> Strategy:
    """The strategy with its measures (solutions visible to `user`, partners) prefetched."""
    from voneinander.knowledge.selectors import solutions_visible_to

    measures = Measure.objects.select_related("field").prefetch_related(
        Prefetch(
            "solutions",
            queryset=solutions_visible_to(user).order_by("title"),
            to_attr="visible_solutions",
        ),
        "partners",
    )
    strategy.measure_list = list(measures.filter(strategy=strategy))
    return strategy
