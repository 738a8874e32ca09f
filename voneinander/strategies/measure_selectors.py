"""Reads for the measures of a strategy: grouped by Handlungsfeld, one measure, and
the catalogue solutions and municipalities that may be linked to a measure.

The strategy itself always comes through the gate in `selectors.py`
(`strategy_for_team` / `strategy_for_reader`); a measure is looked up within it.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voneinander.knowledge.models import Solution
from voneinander.knowledge.selectors import CatalogueFilter, catalogue_rows, solutions_visible_to
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, MembershipStatus
from voneinander.strategies.models import (
    Measure,
    MeasureStatusChange,
    Strategy,
    StrategyField,
)

MAX_SOLUTION_HITS = 10
MIN_QUERY = 2


@dataclass
class FieldGroup:
    """The measures of one Handlungsfeld of a strategy."""

    field: StrategyField
    chosen: bool  # one of the strategy's chosen Handlungsfelder
    measures: list[Measure] = field(default_factory=list)
    recommendations: list = field(default_factory=list)  # filled in by the view


def measures_of(strategy: Strategy, *, viewer=None) -> QuerySet[Measure]:
    """The strategy's measures with everything the list shows (queries independent of rows).

    With `viewer`, only the linked solutions the viewer may see in the catalogue
    are loaded (the list is read by network members too); without, all of them —
    for the team's pages that edit a measure, where a solution that has since
    become invisible can still be unlinked.
    """
    solutions = Solution.objects.all() if viewer is None else solutions_visible_to(viewer)
    return (
        Measure.objects.filter(strategy=strategy)
        .select_related("field")
        .prefetch_related(
            Prefetch(
                "solutions",
                queryset=solutions.select_related("owner").only(
                    "id", "title", "slug", "owner__id", "owner__name", "owner__kind"
                ),
            ),
            Prefetch("partners", queryset=Municipality.objects.order_by("name", "pk")),
        )
        .order_by("position", "pk")
    )


def measure_groups(strategy: Strategy, *, viewer) -> list[FieldGroup]:
    """Measures grouped by Handlungsfeld: the strategy's chosen fields first (also when
    they have no measures yet), then the other fields that have measures. Linked
    solutions are those `viewer` may see."""
    chosen = list(strategy.fields.filter(is_active=True).order_by("position", "name"))
    groups = {f.pk: FieldGroup(field=f, chosen=True) for f in chosen}
    others: dict[int, FieldGroup] = {}
    for measure in measures_of(strategy, viewer=viewer):
        annotate_timeline(measure)
        group = groups.get(measure.field_id) or others.get(measure.field_id)
        if group is None:
            group = others[measure.field_id] = FieldGroup(field=measure.field, chosen=False)
        group.measures.append(measure)
    rest = sorted(others.values(), key=lambda g: (g.field.position, g.field.name))
    return [*groups.values(), *rest]


def measure_in(strategy: Strategy, pk: int) -> Measure:
    """One measure of this strategy, or 404."""
    try:
        measure = measures_of(strategy).get(pk=pk)
    except Measure.DoesNotExist:
        raise Http404 from None
    measure.strategy = strategy
    return annotate_timeline(measure)


def status_history(measure: Measure) -> list[MeasureStatusChange]:
    return list(
        MeasureStatusChange.objects.filter(measure=measure)
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    )


def active_fields() -> QuerySet[StrategyField]:
    return StrategyField.objects.filter(is_active=True).order_by("position", "name")


# --- Timeline: a month or a day ---------------------------------------------------------


def is_month_start(value: datetime.date | None) -> bool:
    return value is not None and value.day == 1


def is_month_end(value: datetime.date | None) -> bool:
    return value is not None and value.day == calendar.monthrange(value.year, value.month)[1]


def _shown(value: datetime.date, *, month: bool) -> str:
    return date_format(value, "YEAR_MONTH_FORMAT" if month else "SHORT_DATE_FORMAT")


def timeline_text(starts_on: datetime.date | None, ends_on: datetime.date | None) -> str:
    """“March 2026 – June 2026”: whole months as months, other days as dates."""
    start = _shown(starts_on, month=is_month_start(starts_on)) if starts_on else ""
    end = _shown(ends_on, month=is_month_end(ends_on)) if ends_on else ""
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return _("from %(start)s") % {"start": start}
    if end:
        return _("until %(end)s") % {"end": end}
    return ""


def annotate_timeline(measure: Measure) -> Measure:
    measure.timeline = timeline_text(measure.starts_on, measure.ends_on)
    return measure


# --- What may be linked ---------------------------------------------------------------


def linkable_solutions(user, query: str, *, exclude=()) -> list[Solution]:
    """Up to ten catalogue solutions `user` may see whose title or summary contains `query`."""
    query = " ".join((query or "").split())[:100]
    if len(query) < MIN_QUERY:
        return []
    rows = catalogue_rows(user, CatalogueFilter(query=query)).exclude(pk__in=list(exclude))
    return list(rows[:MAX_SOLUTION_HITS])


def visible_solution(user, pk) -> Solution | None:
    """The solution `pk` if `user` may see it (the catalogue's gate), else None."""
    try:
        return solutions_visible_to(user).select_related("owner").get(pk=int(pk))
    except (Solution.DoesNotExist, TypeError, ValueError):
        return None


def is_member_municipality(municipality: Municipality) -> bool:
    """Whether the municipality is an active member of some network."""
    return Membership.objects.filter(
        municipality=municipality, status=MembershipStatus.ACTIVE
    ).exists()
