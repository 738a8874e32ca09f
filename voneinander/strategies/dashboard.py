"""Progress of a strategy (for its team) and anonymised figures across a network.

`strategy_progress` runs the same few queries whatever the number of measures;
`network_figures` likewise, whatever the number of strategies. The network
figures count only strategies shared with the network, never name a
municipality or a strategy, and a Handlungsfeld with measures from fewer than
`MIN_STRATEGIES` strategies (not counting the viewer's own) shows no numbers,
so that nobody can tell which municipality plans what.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from voneinander.directory.charts import FONT, WIDTH, nice_ticks
from voneinander.networks.models import Network
from voneinander.strategies.models import (
    Collaborator,
    Measure,
    MeasureStatus,
    MeasureStatusChange,
    Strategy,
    StrategyField,
)
from voneinander.strategies.selectors import still_member_of_shared_network

MIN_STRATEGIES = 3
UPCOMING_DAYS = 90
OPEN_STATUSES = (MeasureStatus.IDEA, MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)
STATUSES = list(MeasureStatus)


@dataclass
class FieldStatusRow:
    field: StrategyField
    counts: list[int]  # in the order of STATUSES
    total: int = 0


@dataclass
class MonthPoint:
    month: datetime.date
    in_progress: int
    done: int


@dataclass
class Progress:
    total: int
    by_status: list[tuple[str, int]]  # (label, count) in the order of STATUSES
    rows: list[FieldStatusRow]
    months: list[MonthPoint]
    upcoming: list[Measure]
    overdue: list[Measure]


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def strategy_progress(strategy: Strategy, *, today: datetime.date | None = None) -> Progress:
    today = today or timezone.localdate()
    measures = list(
        Measure.objects.filter(strategy=strategy).select_related("field").order_by("pk")
    )
    fields: dict[int, StrategyField] = {}
    counts: dict[int, list[int]] = {}
    index = {status: i for i, status in enumerate(STATUSES)}
    totals = [0] * len(STATUSES)
    for measure in measures:
        fields[measure.field_id] = measure.field
        row = counts.setdefault(measure.field_id, [0] * len(STATUSES))
        row[index[measure.status]] += 1
        totals[index[measure.status]] += 1
    rows = sorted(
        (FieldStatusRow(fields[fid], row, sum(row)) for fid, row in counts.items()),
        key=lambda row: (row.field.position, row.field.name),
    )
    open_measures = [m for m in measures if m.status in OPEN_STATUSES]
    overdue = sorted(
        (m for m in open_measures if m.ends_on and m.ends_on < today), key=lambda m: m.ends_on
    )
    horizon = today + datetime.timedelta(days=UPCOMING_DAYS)
    upcoming = sorted(
        (m for m in open_measures if _next_date(m, today) and _next_date(m, today) <= horizon),
        key=lambda m: _next_date(m, today),
    )
    return Progress(
        total=len(measures),
        by_status=[(status.label, totals[index[status]]) for status in STATUSES],
        rows=rows,
        months=_status_over_time(strategy, measures, today),
        upcoming=upcoming,
        overdue=overdue,
    )


def _next_date(measure: Measure, today: datetime.date) -> datetime.date | None:
    """The measure's next start or end date from today on."""
    dates = [day for day in (measure.starts_on, measure.ends_on) if day and day >= today]
    return min(dates) if dates else None


def _status_over_time(strategy, measures, today) -> list[MonthPoint]:
    """Measures in progress and done at the end of each month since the first change.

    A measure's status holds from its last recorded change; a measure without
    recorded changes (e.g. imported) counts with its current status from its creation.
    """
    changes: dict[int, list[tuple[datetime.date, str]]] = {}
    for measure_id, status, changed_at in (
        MeasureStatusChange.objects.filter(measure__strategy=strategy)
        .order_by("changed_at", "pk")
        .values_list("measure_id", "status", "changed_at")
    ):
        changes.setdefault(measure_id, []).append((timezone.localdate(changed_at), status))
    for measure in measures:
        if measure.pk not in changes:
            changes[measure.pk] = [(timezone.localdate(measure.created_at), measure.status)]
    if not changes:
        return []
    first = _month_start(min(history[0][0] for history in changes.values()))
    points = []
    month = first
    while month <= today:
        end = min(_next_month(month) - datetime.timedelta(days=1), today)
        in_progress = done = 0
        for history in changes.values():
            current = None
            for day, status in history:
                if day > end:
                    break
                current = status
            in_progress += current == MeasureStatus.IN_PROGRESS
            done += current == MeasureStatus.DONE
        points.append(MonthPoint(month, in_progress, done))
        month = _next_month(month)
    return points


def progress_chart(points: list[MonthPoint], *, title: str, description: str) -> SafeString:
    """Two step lines, 'in progress' (dashed) and 'done' (solid), one step per month."""
    height = 300
    left, right, top, bottom = 56, 16, 16, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    first = points[0].month
    last = _next_month(points[-1].month)
    days = max((last - first).days, 1)
    ticks = nice_ticks(max(max(p.in_progress, p.done) for p in points))

    def x(day: datetime.date) -> float:
        return left + (day - first).days / days * plot_w

    def y(value: float) -> float:
        return top + plot_h - value / ticks[-1] * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-chart" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="progress-title progress-desc">'
        f'<title id="progress-title">{escape(title)}</title>'
        f'<desc id="progress-desc">{escape(description)}</desc>',
        '<g class="vn-chart__axis">',
    ]
    for tick in ticks:
        parts.append(
            f'<line class="vn-chart__grid" x1="{left}" x2="{WIDTH - right}" '
            f'y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="vn-chart__label" x="{left - 8}" y="{y(tick) + FONT / 3:.1f}" '
            f'text-anchor="end">{tick}</text>'
        )
    every = max(1, math.ceil(len(points) / 8))
    for point in points[::every]:
        parts.append(
            f'<line class="vn-chart__tick" x1="{x(point.month):.1f}" x2="{x(point.month):.1f}" '
            f'y1="{top + plot_h}" y2="{top + plot_h + 6}"/>'
            f'<text class="vn-chart__label" x="{x(point.month):.1f}" '
            f'y="{top + plot_h + 6 + FONT + 2}" text-anchor="middle">'
            f"{point.month.month:02d}/{point.month.year}</text>"
        )
    parts.append("</g>")
    for attribute, css in (("in_progress", "vn-progress__line--open"), ("done", "")):
        d = [f"M{x(first):.1f} {y(0):.1f}"]
        for point in points:
            d.append(f"V{y(getattr(point, attribute)):.1f}H{x(_next_month(point.month)):.1f}")
        parts.append(f'<path class="vn-chart__line {css}" d="{"".join(d)}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped


# --- Network figures ---------------------------------------------------------------------


@dataclass
class FieldFigures:
    field: StrategyField
    strategies: int  # strategies with at least one measure in the field
    measures: int = 0
    shares: list[int] = field(default_factory=list)  # percent per status, order of STATUSES
    others: int = 0  # of `strategies`, those not written by the viewer's own team

    @property
    def suppressed(self) -> bool:
        return self.others < MIN_STRATEGIES


@dataclass
class NetworkFigures:
    network: Network
    strategies: int | None  # None while fewer than MIN_STRATEGIES (without the viewer's own)
    rows: list[FieldFigures]  # planned most first; suppressed rows last

    @property
    def shown(self) -> list[FieldFigures]:
        return [row for row in self.rows if not row.suppressed]

    @property
    def suppressed_count(self) -> int:
        return sum(row.suppressed for row in self.rows)


def network_figures(network: Network, *, viewer) -> NetworkFigures:
    """Across the strategies shared with the network (their teams consented) whose
    municipality is still an active member of it.

    Counting only shared strategies keeps the figures from being differenced into
    a private one (e.g. by admitting a municipality and reloading). The viewer's
    own team strategies are counted but never towards the minimum: what the
    viewer wrote themselves must not bring a row of others' plans over it.
    """
    strategies = Strategy.objects.filter(shared_with=network).filter(
        still_member_of_shared_network()
    )
    own_ids = Collaborator.objects.filter(user_id=viewer.pk).values("strategy_id")
    own = Q(strategy_id__in=own_ids)
    totals = strategies.aggregate(total=Count("pk"), others=Count("pk", filter=~Q(pk__in=own_ids)))
    measures = Measure.objects.filter(strategy__in=strategies).order_by()
    per_field = {
        field_id: (n, others)
        for field_id, n, others in measures.values_list("field_id").annotate(
            n=Count("strategy_id", distinct=True),
            others=Count("strategy_id", distinct=True, filter=~own),
        )
    }
    per_status: dict[int, dict[str, int]] = {}
    for field_id, status, n in measures.values_list("field_id", "status").annotate(n=Count("pk")):
        per_status.setdefault(field_id, {})[status] = n
    rows = []
    # Every field in use is listed, so that a suppressed row does not even tell
    # whether any strategy has a measure in it.
    for item in StrategyField.objects.filter(is_active=True):
        counts = per_status.get(item.pk, {})
        total = sum(counts.values())
        strategy_count, others = per_field.get(item.pk, (0, 0))
        row = FieldFigures(item, strategy_count, others=others)
        if not row.suppressed:
            row.measures = total
            row.shares = [round(100 * counts.get(status, 0) / total) for status in STATUSES]
        else:
            row.strategies = row.others = 0  # not even handed to the template
        rows.append(row)
    rows.sort(
        key=lambda row: (
            (1, 0, 0, row.field.position, row.field.name)
            if row.suppressed
            else (0, -row.measures, -row.strategies, row.field.position, row.field.name)
        )
    )
    shown_total = totals["total"] if totals["others"] >= MIN_STRATEGIES else None
    return NetworkFigures(network, shown_total, rows)
